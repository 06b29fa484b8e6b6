import { useCallback, useEffect, useState } from 'react';
import type { KioskApi, Ticket } from '../../../main/contract';

/** Events can be missed while the socket reconnects; this catches up with what they would have told. */
const CATCH_UP_MS = 30_000;

export type TodayTickets = { tickets: Ticket[] | null; error: string | null; refresh: () => void };

/** Today's tickets, reloaded whenever a ticket is issued, called, changes state, ends or is rated. */
export function useTodayTickets(api: KioskApi): TodayTickets {
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.listTodayTickets({}).then(
      (list) => {
        setTickets(list);
        setError(null);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [api]);

  useEffect(() => {
    refresh();
    const unsubscribe = [
      api.on('ticketIssued', refresh),
      api.on('ticketCalled', refresh),
      api.on('visitChanged', refresh),
      api.on('visitEnded', refresh),
      api.on('ratingGiven', refresh),
    ];
    const timer = window.setInterval(refresh, CATCH_UP_MS);
    return () => {
      window.clearInterval(timer);
      unsubscribe.forEach((stop) => stop());
    };
  }, [api, refresh]);

  return { tickets, error, refresh };
}
