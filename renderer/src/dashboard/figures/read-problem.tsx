import { useTranslation } from 'react-i18next';
import type { Read } from './monitoring-api';

type Refused = Extract<Read<unknown>, { ok: false }>;

/**
 * A read the server refused or could not answer, said in words: never a blank page and never
 * numbers. A refusal for scope (403: a manager's address edited to another centre) offers the
 * way back to the account's own figures.
 */
export function ReadProblem({ problem, homeHref }: { problem: Refused; homeHref: string }) {
  const { t } = useTranslation('dashboard');
  const text =
    problem.status === 403
      ? t(problem.code === 'not-your-centre' ? 'problem.not-your-centre' : 'problem.forbidden')
      : problem.status === 401
        ? t('problem.not-signed-in')
        : problem.status === 400
          ? t('problem.bad-request', { message: problem.message })
          : problem.code === 'no-answer' || problem.code === 'bad-answer'
            ? t(`problem.${problem.code}`)
            : t('problem.other', { status: problem.status });
  return (
    <div className="read-problem" role="alert" data-testid="read-problem" data-code={problem.code}>
      <p>{text}</p>
      {problem.status === 403 ? <a href={homeHref}>{t('problem.backToMine')}</a> : null}
    </div>
  );
}
