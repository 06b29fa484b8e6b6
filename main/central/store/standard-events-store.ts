import type pg from 'pg';
import type { DailyDigest, DayRange, EventsAnswer, MonitoringScope } from '../../contract/monitoring';
import type { SqlQuery } from '../monitoring/figures';
import type { ControlReads } from '../monitoring/control-reads';
import {
  centreDayQuery,
  deskDayQuery,
  desksOf,
  eventCountsQuery,
  eventsAnswerOf,
  latestEventsQuery,
  passedNowQuery,
  type DeskDayRow,
  type EventCountRow,
  type EventRow,
} from '../monitoring/standard-events';

/**
 * Operator control on the central's PostgreSQL (issue 13): the standard events (migration 007),
 * recorded by the projector as it folds visits (visit-projection-store.ts) and here for visits
 * still open past their standard, and read for the dashboards and the daily digest.
 */
export class StandardEventsStore implements ControlReads {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Records an event for each of today's open visits whose standard has passed by `now`: the
   * projector runs it after every pass (so an event exists while a visit is still over). Returns
   * how many were new.
   */
  async recordPassed(now: Date): Promise<number> {
    const query = passedNowQuery(now);
    const result = await this.pool.query({ name: 'standard-events-passed-now', ...query });
    return result.rowCount ?? 0;
  }

  async events(scope: MonitoringScope, range: DayRange, centres: readonly string[] | null): Promise<EventsAnswer> {
    const [counts, latest] = await Promise.all([
      this.run<EventCountRow>(eventCountsQuery(scope, range, centres)),
      this.run<EventRow>(latestEventsQuery(scope, range, centres)),
    ]);
    return eventsAnswerOf(scope, range, counts, latest);
  }

  async desks(centreId: string, day: string): Promise<DailyDigest['desks']> {
    return desksOf(await this.run<DeskDayRow>(deskDayQuery(centreId, day)));
  }

  async centreDay(centreId: string, at: Date): Promise<string> {
    return (await this.run<{ day: string }>(centreDayQuery(centreId, at)))[0]!.day;
  }

  private async run<T extends pg.QueryResultRow>(query: SqlQuery): Promise<T[]> {
    return (await this.pool.query<T>(query.text, query.values)).rows;
  }
}
