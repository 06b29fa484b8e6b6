import { useCallback } from 'react';
import type { KioskApi, Ticket } from '../../../main/contract';
import { useLiveQuery } from '../api/use-live-query';

export type TodayTickets = { tickets: Ticket[] | null; error: string | null; refresh: () => void };

/** Today's tickets, reloaded whenever a ticket is issued, called, changes state, ends or is rated. */
export function useTodayTickets(api: KioskApi): TodayTickets {
  const load = useCallback(() => api.listTodayTickets({}), [api]);
  const { value, error, refresh } = useLiveQuery({
    api,
    load,
    events: ['ticketIssued', 'ticketCalled', 'visitChanged', 'visitEnded', 'ratingGiven'],
    catchUpMs: 30_000,
  });
  return { tickets: value, error, refresh };
}
