import { useCallback, useEffect, useState } from 'react';
import type { KioskApi, KioskEventName } from '../../../main/contract';

export type LiveQuery<T> = { value: T | null; error: string | null; refresh: () => void };

export interface LiveQueryOptions<T> {
  api: KioskApi;
  /** The call whose answer is shown; keep it stable (useCallback), a new one loads again. */
  load: () => Promise<T>;
  /** Events after which the answer may have changed. */
  events: readonly KioskEventName[];
  /** Events can be missed while the socket reconnects; loading this often catches up with them. */
  catchUpMs: number;
  /** Also loads again when this signal fires (a reconnect); returns its unsubscribe. */
  onReconnect?: (listener: () => void) => () => void;
  /** Takes a failure the caller handles itself (true); any other shows as the error. Keep it stable. */
  handleFailure?: (failure: unknown) => boolean;
}

/**
 * An answer from the kiosk kept current: loaded at once, again on every listed event, on reconnect
 * and now and then. The console's desk state and ticket list and the figures page share it.
 */
export function useLiveQuery<T>({
  api,
  load,
  events,
  catchUpMs,
  onReconnect,
  handleFailure,
}: LiveQueryOptions<T>): LiveQuery<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    load().then(
      (loaded) => {
        setValue(loaded);
        setError(null);
      },
      (failure: unknown) => {
        if (handleFailure?.(failure)) return;
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  }, [load, handleFailure]);

  // The event list is compared by content: callers write it inline.
  const eventKey = events.join(',');
  useEffect(() => {
    refresh();
    const stops = eventKey.split(',').map((event) => api.on(event as KioskEventName, refresh));
    if (onReconnect) stops.push(onReconnect(refresh));
    const timer = window.setInterval(refresh, catchUpMs);
    return () => {
      window.clearInterval(timer);
      stops.forEach((stop) => stop());
    };
  }, [api, eventKey, onReconnect, catchUpMs, refresh]);

  return { value, error, refresh };
}
