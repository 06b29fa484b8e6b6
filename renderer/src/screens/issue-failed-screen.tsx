import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { WarningIcon } from './icons';
import { NavBar } from './nav-bar';

interface IssueFailedScreenProps {
  language: Language;
  onHome: () => void;
}

/** No ticket was issued: say so plainly and send the visitor to a person, not to a retry loop. */
export function IssueFailedScreen({ language, onHome }: IssueFailedScreenProps) {
  const t = useKioskT(language);
  return (
    <main className="screen screen--issue-failed" data-testid="screen-issue-failed">
      <div className="screen__body screen__body--centred">
        <div className="notice notice--warning">
          <WarningIcon />
          <div>
            <h1 className="notice__title">{t('issueFailed.title')}</h1>
            <p className="notice__text">{t('issueFailed.body')}</p>
          </div>
        </div>
      </div>
      <NavBar language={language} onHome={onHome} />
    </main>
  );
}
