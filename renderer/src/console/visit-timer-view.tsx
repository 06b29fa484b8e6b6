import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, WarningIcon } from '../screens/icons';
import { formatElapsed, readTimer, type TimerLevel } from './visit-timer';
import { useNow } from './use-now';

/** A clock with its hand past the top: the standard's time has run out. */
function OverdueIcon() {
  return (
    <svg viewBox="0 0 48 48" fill="none" stroke="currentColor" strokeWidth={4} aria-hidden="true" className="icon">
      <circle cx="24" cy="26" r="17" />
      <path d="M24 26V15M24 26l8 5M18 4h12" strokeLinecap="round" />
    </svg>
  );
}

/** Never colour alone: each level has its own icon and words beside the colour. */
const ICONS: Record<TimerLevel, () => ReactElement> = { within: CheckIcon, near: WarningIcon, past: OverdueIcon };

interface VisitTimerProps {
  servingStartedAt: string;
  standardMinutes: number | null;
  amberAtShare: number;
}

export function VisitTimer({ servingStartedAt, standardMinutes, amberAtShare }: VisitTimerProps) {
  const { t } = useTranslation('console');
  const now = useNow();
  const { elapsedSeconds, level } = readTimer(servingStartedAt, now, standardMinutes, amberAtShare);
  return (
    <div className="visit-timer" data-testid="visit-timer" data-level={level ?? 'none'}>
      <span className="visit-timer__label">{t('timer.label')}</span>
      <span className="visit-timer__time" data-testid="visit-timer-time">
        {formatElapsed(elapsedSeconds)}
      </span>
      <span className="visit-timer__verdict" data-testid="visit-timer-verdict">
        {level && (
          <span className="visit-timer__icon" data-icon={level}>
            {ICONS[level]()}
          </span>
        )}
        {level ? t(`timer.${level}`, { minutes: standardMinutes }) : t('timer.noStandard')}
      </span>
    </div>
  );
}
