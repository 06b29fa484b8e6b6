import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallCall, KioskApi } from '../../../main/contract';
import { useConnected, type ConnectionSignal } from '../api/connection-signal';
import type { Announcer } from './announcer';
import { useHallCalls } from './use-hall-calls';

/** How long a new call stands out before it settles into the list. */
const HIGHLIGHT_MS = 8000;

const callKey = (call: HallCall) => `${call.number}@${call.calledAt}@${call.recall}`;

/** The hall display: the numbers called, newest on top, each with the desk to go to, readable across the hall. */
export function HallApp({
  api,
  connection,
  announcer,
}: {
  api: KioskApi;
  connection: ConnectionSignal;
  announcer: Announcer;
}) {
  const { t } = useTranslation('hall');
  const connected = useConnected(connection);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const onCall = useCallback(
    (call: HallCall) => {
      announcer.announce(call);
      setHighlighted(callKey(call));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setHighlighted(null), HIGHLIGHT_MS);
    },
    [announcer],
  );
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const calls = useHallCalls(api, connection, onCall);
  const [newest, ...earlier] = calls;

  return (
    <main className="hall" data-testid="hall" onPointerDown={() => announcer.unlockAudio()}>
      <header className="hall__header">
        <span className="hall__heading">{t('number')}</span>
        <span className="hall__arrow" aria-hidden="true">
          →
        </span>
        <span className="hall__heading">{t('desk')}</span>
      </header>
      {!newest && (
        <p className="hall__empty" data-testid="hall-empty">
          {t('empty')}
        </p>
      )}
      {newest && (
        <ol className="hall__calls" data-testid="hall-calls" aria-live="polite">
          {[newest, ...earlier].map((call, index) => (
            <li
              key={call.number}
              className={[
                'hall-call',
                index === 0 ? 'hall-call--newest' : '',
                highlighted === callKey(call) ? 'hall-call--highlight' : '',
              ].join(' ')}
              data-testid={`hall-call-${call.number}`}
              data-highlighted={highlighted === callKey(call)}
              lang={call.language}
            >
              <span className="hall-call__number">{call.number}</span>
              <span className="hall-call__arrow" aria-hidden="true">
                →
              </span>
              <span className="hall-call__desk">
                <span className="hall-call__desk-label">{t('desk')}</span> {call.deskId}
              </span>
            </li>
          ))}
        </ol>
      )}
      {connected === false && (
        <p className="hall__offline" role="status" data-testid="hall-offline">
          <span aria-hidden="true">⟳ </span>
          {t('offline')}
        </p>
      )}
    </main>
  );
}
