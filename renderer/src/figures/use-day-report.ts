import { useCallback } from 'react';
import type { DayReport, KioskApi } from '../../../main/contract';
import { useLiveQuery } from '../api/use-live-query';

export type DayReportState = { report: DayReport | null; error: string | null; refresh: () => void };

/** Today's figures, loaded again whenever a ticket is issued, a visit changes or a rating is given. */
export function useDayReport(api: KioskApi, token: string): DayReportState {
  const load = useCallback(() => api.getDayReport({ token }), [api, token]);
  const { value, error, refresh } = useLiveQuery({
    api,
    load,
    events: ['ticketIssued', 'visitChanged', 'visitEnded', 'ratingGiven'],
    catchUpMs: 60_000,
  });
  return { report: value, error, refresh };
}
