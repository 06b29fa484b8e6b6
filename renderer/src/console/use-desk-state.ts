import { useCallback } from 'react';
import { KioskApiError, type DeskState, type KioskApi } from '../../../main/contract';
import { useLiveQuery } from '../api/use-live-query';
import type { ConnectionSignal } from '../api/connection-signal';

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
  const load = useCallback(() => api.getDeskState({ token }), [api, token]);
  const handleFailure = useCallback(
    (failure: unknown) => {
      if (!(failure instanceof KioskApiError && failure.code === 'desk-session-required')) return false;
      onSessionLost();
      return true;
    },
    [onSessionLost],
  );
  const onReconnect = useCallback((listener: () => void) => connection.onReconnect(listener), [connection]);
  const { value, error, refresh } = useLiveQuery({
    api,
    load,
    events: ['ticketIssued', 'ticketCalled', 'visitChanged', 'visitEnded'],
    catchUpMs: 30_000,
    onReconnect,
    handleFailure,
  });
  return { state: value, error, refresh };
}
