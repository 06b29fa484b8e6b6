import type { MonitoringReads } from '../monitoring/monitoring-reads';
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  figuresOf,
  previousRange,
  rollupFiguresQuery,
  visitFiguresQuery,
  type Comparison,
  type DayRange,
  type Figures,
  type RawAnswer,
  type Scope,
  type SqlQuery,
} from '../monitoring/figures';
import { breakdownAnswerOf, breakdownQuery, type ChildLevel, type KeyedAnswer } from '../monitoring/breakdown';
import {
  liveViewOf,
  openVisitsQuery,
  printersQuery,
  type LiveView,
  type OpenVisitRow,
  type PrinterRow,
} from '../monitoring/live';
import { centresQuery, networkMapOf, servicesQuery, type CentreRow, type ServiceRow } from '../monitoring/network-map';
import { seriesAnswerOf, seriesQuery, type SeriesRow } from '../monitoring/series';
import {
  VISITS_PAGE,
  listBoundsOf,
  visitListQuery,
  visitsAnswerOf,
  type VisitListQuery,
  type VisitListRow,
} from '../monitoring/visit-list';
import type { BreakdownAnswer, NetworkMap, SeriesAnswer, VisitsAnswer } from '../../contract/monitoring';
import { transaction } from './transaction';

/**
 * Where figures are read from: the rollups (what dashboards use), the raw visits (the baseline), or
 * the rollups with every histogram element unnested (the first way, the bench's comparison).
 */
export type FiguresSource = 'rollups' | 'visits' | 'rollups-unnest';

function figuresQuery(scope: Scope, range: DayRange, source: FiguresSource): SqlQuery {
  if (source === 'visits') return visitFiguresQuery(scope, range);
  return rollupFiguresQuery(scope, range, source === 'rollups' ? 'positional' : 'unnest');
}

/**
 * A dashboard query named after its text, so each connection parses and plans it once (on a
 * dashboardReadPool's connection, which keeps the generic plan from the first run): a rollup query's
 * hundreds of sums, or a visit list over 109 monthly partitions, took longer to plan than to run.
 */
const named = (query: SqlQuery) => ({
  name: `dashboard-${createHash('sha1').update(query.text).digest('hex').slice(0, 20)}`,
  ...query,
});

/**
 * The pool the dashboards read through. Its sessions plan a named statement once, generically, and
 * keep that plan: planning a rollup query (hundreds of sums) took 5 ms a run against 1 ms to run a
 * network's day, and the plans (index scans of small rollup tables by key and period) do not depend
 * on the values bound. Its own pool also keeps dashboards from taking ingest's connections, and is
 * where a read replica would be named.
 */
export function dashboardReadPool(connectionString: string, max = 4): pg.Pool {
  return new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    options: '-c plan_cache_mode=force_generic_plan',
  });
}

/** The monitoring's reads (issue 13), on the central's PostgreSQL. */
export class MonitoringStore implements MonitoringReads {
  constructor(private readonly pool: pg.Pool) {}

  async figures(scope: Scope, range: DayRange, source: FiguresSource = 'rollups'): Promise<Figures> {
    const query = figuresQuery(scope, range, source);
    // The raw visits' baseline stays planned per run, its partitions pruned by the range.
    const { rows } = await this.pool.query<{ answer: RawAnswer }>(source === 'visits' ? query : named(query));
    return figuresOf(rows[0]!.answer);
  }

  /** A period's figures with those of the same number of days just before (read together). */
  async compare(scope: Scope, range: DayRange, source: FiguresSource = 'rollups'): Promise<Comparison> {
    const before = previousRange(range);
    const [current, previous] = await Promise.all([
      this.figures(scope, range, source),
      this.figures(scope, before, source),
    ]);
    return { range, previousRange: before, current, previous };
  }

  async live(centreId: string | null, now: Date): Promise<LiveView> {
    const [open, printers] = await Promise.all([
      this.run<OpenVisitRow>(openVisitsQuery(centreId, now)),
      this.run<PrinterRow>(printersQuery(centreId)),
    ]);
    return liveViewOf(open.rows, printers.rows, now);
  }

  private run<T extends pg.QueryResultRow>(query: SqlQuery) {
    return this.pool.query<T>(query.text, query.values);
  }

  async networkMap(centreIds: readonly string[] | null): Promise<NetworkMap> {
    const [centres, services] = await Promise.all([
      this.run<CentreRow>(centresQuery(centreIds)),
      this.run<ServiceRow>(servicesQuery(centreIds)),
    ]);
    return networkMapOf(centres.rows, services.rows);
  }

  /** One grouped query a period, both periods at once. */
  async breakdown(scope: Scope, range: DayRange, child: ChildLevel): Promise<BreakdownAnswer> {
    const before = previousRange(range);
    const read = (period: DayRange) => this.pool.query<KeyedAnswer>(named(breakdownQuery(scope, period, child)));
    const [current, previous] = await Promise.all([read(range), read(before)]);
    return breakdownAnswerOf(scope, child, { range, previousRange: before }, current.rows, previous.rows);
  }

  async series(scope: Scope, range: DayRange): Promise<SeriesAnswer> {
    const { rows } = await this.run<SeriesRow>(seriesQuery(scope, range));
    return seriesAnswerOf(scope, range, rows);
  }

  /**
   * A desk's list is read whole (a few thousand visits at most, through the desk index); a centre's
   * or service's is bounded by its rollups first (visit-list.ts), read in one snapshot with them so
   * the total and the page agree.
   */
  async visits(query: VisitListQuery): Promise<VisitsAnswer> {
    type Answer = { total: number; rows: VisitListRow[] };
    if (query.scope.deskId !== undefined) {
      const { rows } = await this.pool.query<Answer>(named(visitListQuery(query)));
      return visitsAnswerOf(query, rows[0]!.total, rows[0]!.rows);
    }
    const answer = await transaction(
      this.pool,
      async (client) => {
        const figures = await client.query<{ answer: RawAnswer }>(named(rollupFiguresQuery(query.scope, query.range)));
        const needed = query.offset + VISITS_PAGE;
        const bounded = listBoundsOf(figures.rows[0]!.answer, query.filter, needed);
        const read = async (list: SqlQuery) => (await client.query<Answer>(named(list))).rows[0]!;
        if (bounded) {
          const within = await read(visitListQuery(query, bounded.bounds));
          // Fewer read than the rollups promise would mean they disagree with the visits (they are
          // written together): the list is then read whole, and its own count is the total.
          if (within.total >= Math.min(needed, bounded.total)) return { total: bounded.total, rows: within.rows };
        }
        return read(visitListQuery(query));
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
    return visitsAnswerOf(query, answer.total, answer.rows);
  }
}
