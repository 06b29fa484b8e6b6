import { useEffect, useState } from 'react';
import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';

interface IdleWarningProps {
  language: Language;
  /** When the kiosk will start again (Date.now() clock). */
  resetAt: number;
  onMoreTime: () => void;
}

/** "Need more time?" with the seconds left; any tap on the screen also counts as yes. */
export function IdleWarning({ language, resetAt, onMoreTime }: IdleWarningProps) {
  const t = useKioskT(language);
  useSpokenPrompt(language, `${t('idle.title')} ${t('idle.more')}`);
  const secondsLeft = () => Math.max(0, Math.ceil((resetAt - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(secondsLeft);
  useEffect(() => {
    const timer = window.setInterval(() => setSeconds(Math.max(0, Math.ceil((resetAt - Date.now()) / 1000))), 250);
    return () => window.clearInterval(timer);
  }, [resetAt]);
  return (
    <div
      className="idle-warning"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      data-testid="idle-warning"
    >
      <div className="idle-warning__box">
        <h2 id="idle-title" className="idle-warning__title">
          {t('idle.title')}
        </h2>
        <p className="idle-warning__text">{t('idle.body', { count: seconds })}</p>
        <button type="button" className="big-button primary-button" data-testid="idle-more" onClick={onMoreTime}>
          {t('idle.more')}
        </button>
      </div>
    </div>
  );
}
