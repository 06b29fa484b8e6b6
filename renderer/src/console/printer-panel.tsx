import { useTranslation } from 'react-i18next';
import type { KioskApi, PrinterProblem } from '../../../main/contract';
import { usePrinterReport } from '../use-printer-report';

/**
 * What the crew and the technician need from the printer: whether it prints, what is wrong in
 * words (with the printer's own answer as the cause), and how many tickets the roll has given.
 */
export function PrinterPanel({ api }: { api: KioskApi }) {
  const { t } = useTranslation('printer');
  const report = usePrinterReport(api);
  if (!report) return null;
  const problemText = (problem: PrinterProblem) =>
    problem === 'paper-near-end' ? t('crew.nearEnd') : t(`problem.${problem}`);
  const ok = report.problems.length === 0;
  return (
    <section
      className={ok ? 'console-printer' : 'console-printer console-printer--problem'}
      data-testid="console-printer"
      data-problems={report.problems.join(' ')}
      role={ok ? undefined : 'alert'}
    >
      <h2>{t('crew.title')}</h2>
      {ok ? (
        <p>{t('crew.ready')}</p>
      ) : (
        <ul>
          {report.problems.map((problem) => (
            <li key={problem}>{problemText(problem)}</li>
          ))}
        </ul>
      )}
      <p data-testid="console-printer-roll">{t('crew.printedOnRoll', { count: report.ticketsSinceRoll })}</p>
      {!ok && report.status.detail && (
        <p className="console-printer-cause">{t('crew.cause', { detail: report.status.detail })}</p>
      )}
    </section>
  );
}
