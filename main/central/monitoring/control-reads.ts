import type { DailyDigest, DayRange, EventsAnswer, MonitoringScope } from '../../contract/monitoring';

/**
 * What operator control reads (issue 13): the standard events and a centre's desks over a day. The
 * port main/central/store/standard-events-store.ts implements on PostgreSQL; the dashboards and
 * the digest command know these questions, never the SQL behind them.
 */
export interface ControlReads {
  /**
   * Events of a scope's days: counts per centre, desk, service and kind, and the newest.
   * `centres`: only events of these (an account's centres); null: any.
   */
  events(scope: MonitoringScope, range: DayRange, centres: readonly string[] | null): Promise<EventsAnswer>;
  /** A centre's desks on a day, by their visits served over the service standard, most first. */
  desks(centreId: string, day: string): Promise<DailyDigest['desks']>;
  /** The day an instant falls on at a centre's wall clock. */
  centreDay(centreId: string, at: Date): Promise<string>;
}
