import { useCallback, useEffect, useState } from 'react';
import type { DayReport, KioskApi } from '../../../main/contract';

/** Events can be missed while the socket reconnects; this catches up with what they would have told. */
const CATCH_UP_MS = 60_000;

export type DayReportState = { report: DayReport | null; error: string | null; refresh: () => void };

/** Today's figures, loaded again whenever a ticket is issued, a visit changes or a rating is given. */
export function useDayReport(api: KioskApi, token: string): DayReportState {
  const [report, setReport] = useState<DayReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.getDayReport({ token }).then(
      (loaded) => {
        setReport(loaded);
        setError(null);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [api, token]);

  useEffect(() => {
    refresh();
    const unsubscribe = [
      api.on('ticketIssued', refresh),
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

  return { report, error, refresh };
}
