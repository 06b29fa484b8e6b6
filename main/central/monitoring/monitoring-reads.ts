import type {
  BreakdownAnswer,
  Comparison,
  DayRange,
  Figures,
  LiveView,
  MonitoringScope,
  NetworkMap,
  SeriesAnswer,
  VisitsAnswer,
} from '../../contract/monitoring';
import type { ChildLevel } from './breakdown';
import type { VisitListQuery } from './visit-list';

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
  /** The regions, centres and services, of the centres given only (null: the whole network). */
  networkMap(centreIds: readonly string[] | null): Promise<NetworkMap>;
  /** The scope's children at `child`, each with this period's figures and the one's before. */
  breakdown(scope: MonitoringScope, range: DayRange, child: ChildLevel): Promise<BreakdownAnswer>;
  /** The scope's figures a day (ranges up to 92 days) or a month at a time. */
  series(scope: MonitoringScope, range: DayRange): Promise<SeriesAnswer>;
  /** A page of the visits behind a figure, the longest over standard first. */
  visits(query: VisitListQuery): Promise<VisitsAnswer>;
}
