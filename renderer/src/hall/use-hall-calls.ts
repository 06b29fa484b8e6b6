import { useCallback, useEffect, useState } from 'react';
import type { HallCall, KioskApi } from '../../../main/contract';
import type { ConnectionSignal } from '../api/connection-signal';

/** How many calls the display keeps: the newest is large, the rest a list below it. */
export const SHOWN_CALLS = 7;

/**
 * Newest first, one line per number: a recall moves the number back to the top, and a number
 * called again after a transfer shows only its latest desk.
 */
export function mergeCall(calls: readonly HallCall[], call: HallCall): HallCall[] {
  return [call, ...calls.filter((seen) => seen.number !== call.number)].slice(0, SHOWN_CALLS);
}

export function fromList(list: readonly HallCall[]): HallCall[] {
  return [...list]
    .sort((a, b) => Date.parse(b.calledAt) - Date.parse(a.calledAt))
    .reduceRight<HallCall[]>((calls, call) => mergeCall(calls, call), []);
}

/**
 * The last calls, loaded when the display opens and again after every reconnect (calls made
 * while the socket was down are in the list), and kept current from `ticketCalled` events.
 */
export function useHallCalls(
  api: KioskApi,
  connection: ConnectionSignal,
  onCall: (call: HallCall) => void,
): HallCall[] {
  const [calls, setCalls] = useState<HallCall[]>([]);

  const reload = useCallback(() => {
    api.listHallCalls({ limit: 20 }).then(
      (list) => setCalls(fromList(list)),
      (error: unknown) => console.error('hall: listHallCalls failed', error),
    );
  }, [api]);

  useEffect(() => {
    reload();
    const stops = [
      connection.onReconnect(reload),
      api.on('ticketCalled', ({ call }) => {
        setCalls((seen) => mergeCall(seen, call));
        onCall(call);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, connection, reload, onCall]);

  return calls;
}
