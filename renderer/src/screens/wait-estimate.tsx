import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';

interface WaitLineProps {
  language: Language;
  peopleAhead: number;
  /** Null when no desk is open for the service now. */
  minutes: number | null;
  testId: string;
  /**
   * Nobody knows the people ahead or the wait: a ticket a kiosk of a hall numbered from its own
   * block while the hall server was away (Ticket.issuedOffline). `peopleAhead` and `minutes` are
   * not shown then.
   */
  unknown?: boolean;
}

/** People ahead and the expected wait, in two short lines a visitor takes in at a glance. */
export function WaitLine({ language, peopleAhead, minutes, testId, unknown = false }: WaitLineProps) {
  const t = useKioskT(language);
  if (unknown) {
    // The same two sentences as on the paper (printer.json ticket.waitUnknown, ticket.placeKept).
    return (
      <div className="wait-line" data-testid={testId} data-wait="unknown">
        <p className="wait-line__ahead">{t('wait.unknown')}</p>
        <p className="wait-line__minutes">{t('wait.placeKept')}</p>
      </div>
    );
  }
  return (
    <div
      className="wait-line"
      data-testid={testId}
      data-wait="estimated"
      data-people-ahead={peopleAhead}
      data-minutes={minutes ?? 'none'}
    >
      <p className="wait-line__ahead">
        {peopleAhead === 0 ? t('wait.noneAhead') : t('wait.ahead', { count: peopleAhead })}
      </p>
      <p className="wait-line__minutes">
        {minutes === null ? t('wait.noDesk') : t('wait.minutes', { count: minutes })}
      </p>
    </div>
  );
}

interface LongWaitConfirmProps {
  language: Language;
  minutes: number;
  onYes: () => void;
  onNo: () => void;
}

/** "The wait is about N minutes. Take a ticket anyway?" before a ticket with a long wait. */
export function LongWaitConfirm({ language, minutes, onYes, onNo }: LongWaitConfirmProps) {
  const t = useKioskT(language);
  return (
    <div
      className="idle-warning long-wait"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="long-wait-title"
      data-testid="long-wait"
    >
      <div className="idle-warning__box">
        <h2 id="long-wait-title" className="idle-warning__title">
          {t('wait.confirmTitle')}
        </h2>
        <p className="idle-warning__text" data-testid="long-wait-text">
          {t('wait.confirm', { count: minutes })}
        </p>
        <div className="long-wait__actions">
          <button type="button" className="big-button" data-testid="long-wait-no" onClick={onNo}>
            {t('wait.confirmNo')}
          </button>
          <button type="button" className="big-button primary-button" data-testid="long-wait-yes" onClick={onYes}>
            {t('wait.confirmYes')}
          </button>
        </div>
      </div>
    </div>
  );
}
