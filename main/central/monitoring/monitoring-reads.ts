import type { Comparison, DayRange, Figures, LiveView, MonitoringScope } from '../../contract/monitoring';

/**
 * What the dashboards and public pages read (the port main/central/store/monitoring-store.ts
 * implements on PostgreSQL): the HTTP layer knows these questions, never the SQL behind them.
 */
export interface MonitoringReads {
  figures(scope: MonitoringScope, range: DayRange): Promise<Figures>;
  /** A period's figures with those of the same number of days just before. */
  compare(scope: MonitoringScope, range: DayRange): Promise<Comparison>;
  /** Today's open visits and printer problems of a centre, or of every centre (null). */
  live(centreId: string | null, now: Date): Promise<LiveView>;
}
