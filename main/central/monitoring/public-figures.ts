import type { Figures } from '../../contract/monitoring';
import { figuresOf, type PackedHistogram, type RawAnswer } from './figures';
import type { RollupCount } from './rollup-sql';

/*
 * The figures engine's answers cut per service, for the public page and the open data (issue 13),
 * which publish each service on its own: the same definitions (figures.ts) as the dashboards, read
 * over one service's counts and histograms at a time.
 */

/** The figures of no visit at all: a service with nothing in a period. */
export const NO_FIGURES: Figures = figuresOf({ services: [], wait: [], service: [], hours: [], standards: [] });

/** Each service's figures from one answer over several services. */
export function figuresPerService(answer: RawAnswer): Map<string, Figures> {
  const result = new Map<string, Figures>();
  for (const row of answer.services) {
    const id = row.service_id;
    result.set(
      id,
      figuresOf({
        services: [row],
        wait: answer.wait.filter(([serviceId]) => serviceId === id),
        service: answer.service.filter(([serviceId]) => serviceId === id),
        // Hours are not kept per service in an answer, and neither page publishes them.
        hours: [],
        standards: answer.standards.filter((standard) => standard.service_id === id),
      }),
    );
  }
  return result;
}

/** A rollup row as PostgreSQL returns it: counts, and dense minute histograms (index 0 = minute 0). */
export type RollupRow = Record<RollupCount, number> & {
  service_id: string;
  wait_hist: number[];
  service_hist: number[];
};

/** A dense histogram is a packed one that is all head. */
const packed = (serviceId: string, histogram: number[]): PackedHistogram => [serviceId, histogram, [], []];

/** One rollup row's figures, read against the service's standards. */
export function rollupRowFigures(
  row: RollupRow,
  standards: { serviceMinutes: number; waitingMinutes: number },
): Figures {
  const { wait_hist: waitHist, service_hist: serviceHist, ...counts } = row;
  return figuresOf({
    services: [counts],
    wait: [packed(row.service_id, waitHist)],
    service: [packed(row.service_id, serviceHist)],
    hours: [],
    standards: [
      {
        service_id: row.service_id,
        service_minutes: standards.serviceMinutes,
        waiting_minutes: standards.waitingMinutes,
      },
    ],
  });
}
