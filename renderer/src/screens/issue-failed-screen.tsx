import { useTranslation } from 'react-i18next';
import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import type { VisitorPrinterProblem } from '../use-printer-report';
import { WarningIcon } from './icons';
import { NavBar } from './nav-bar';

interface IssueFailedScreenProps {
  language: Language;
  /** Set when no number was issued because the printer cannot print: say why, and send to staff. */
  printerUnavailable?: { problem: VisitorPrinterProblem | null };
  onHome: () => void;
}

/** No ticket was issued: say so plainly and send the visitor to a person, not to a retry loop. */
export function IssueFailedScreen({ language, printerUnavailable, onHome }: IssueFailedScreenProps) {
  const t = useKioskT(language);
  useSpokenPrompt(language, `${t('issueFailed.title')} ${t('issueFailed.body')}`);
  const { t: tp } = useTranslation('printer', { lng: language });
  return (
    <main className="screen screen--issue-failed" data-testid="screen-issue-failed">
      <div className="screen__body screen__body--centred">
        <div className="notice notice--warning">
          <WarningIcon />
          <div>
            {printerUnavailable ? (
              <>
                <h1 className="notice__title" data-testid="printer-problem">
                  {tp(`problem.${printerUnavailable.problem ?? 'unknown'}`)} {tp('referToStaff.title')}
                </h1>
                <p className="notice__text">{tp('referToStaff.body')}</p>
              </>
            ) : (
              <>
                <h1 className="notice__title">{t('issueFailed.title')}</h1>
                <p className="notice__text">{t('issueFailed.body')}</p>
              </>
            )}
          </div>
        </div>
      </div>
      <NavBar language={language} onHome={onHome} />
    </main>
  );
}
