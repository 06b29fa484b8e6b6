import type { DailyDigest } from '../../contract/monitoring';
import type { ControlReads } from './control-reads';
import type { MonitoringReads } from './monitoring-reads';

/*
 * A centre's day in one page (issue 13), for its manager each morning: the day's figures beside the
 * same weekday a week before, the standard events counted per desk, service and kind, and the desks
 * by their visits over the service standard. The dashboards' digest route and the digest command
 * both build it here.
 */

const DAY_MS = 86_400_000;

/** The day `days` after a local day (negative: before). */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a YYYY-MM-DD string is a day the calendar has (not 2026-02-30, not month 13). */
export function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

export async function dailyDigest(
  reads: { monitoring: MonitoringReads; control: ControlReads },
  centreId: string,
  day: string,
): Promise<DailyDigest> {
  const scope = { centreId };
  const weekBeforeDay = shiftDay(day, -7);
  const [figures, weekBefore, events, desks] = await Promise.all([
    reads.monitoring.figures(scope, { from: day, to: day }),
    reads.monitoring.figures(scope, { from: weekBeforeDay, to: weekBeforeDay }),
    reads.control.events(scope, { from: day, to: day }, null),
    reads.control.desks(centreId, day),
  ]);
  return { centreId, day, figures, weekBefore, events: events.counts, desks };
}
