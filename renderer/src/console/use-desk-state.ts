import { useCallback, useEffect, useState } from 'react';
import { KioskApiError, type DeskState, type KioskApi } from '../../../main/contract';
import type { ConnectionSignal } from '../api/connection-signal';

/** Events can be missed while the socket reconnects; this catches up with what they would have told. */
const CATCH_UP_MS = 30_000;

export type DeskStateView = { state: DeskState | null; error: string | null; refresh: () => void };

/**
 * The desk's current visit and waiting list, reloaded on every event that can change them, after
 * a reconnect, and now and then. A refusal for the session means the kiosk no longer knows it
 * (restarted, or signed out elsewhere): the console goes back to the sign-in screen.
 */
export function useDeskState(
  api: KioskApi,
  token: string,
  connection: ConnectionSignal,
  onSessionLost: () => void,
): DeskStateView {
  const [state, setState] = useState<DeskState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.getDeskState({ token }).then(
      (answer) => {
        setState(answer);
        setError(null);
      },
      (failure: unknown) => {
        if (failure instanceof KioskApiError && failure.code === 'desk-session-required') onSessionLost();
        else setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  }, [api, token, onSessionLost]);

  useEffect(() => {
    refresh();
    const stops = [
      api.on('ticketIssued', refresh),
      api.on('ticketCalled', refresh),
      api.on('visitChanged', refresh),
      api.on('visitEnded', refresh),
      connection.onReconnect(refresh),
    ];
    const timer = window.setInterval(refresh, CATCH_UP_MS);
    return () => {
      window.clearInterval(timer);
      stops.forEach((stop) => stop());
    };
  }, [api, connection, refresh]);

  return { state, error, refresh };
}
