import type { MonitoringReads } from '../monitoring/monitoring-reads';
import { createHash } from 'node:crypto';
import type pg from 'pg';
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
import {
  liveViewOf,
  openVisitsQuery,
  printersQuery,
  type LiveView,
  type OpenVisitRow,
  type PrinterRow,
} from '../monitoring/live';

/**
 * Where figures are read from: the rollups (what dashboards use), the raw visits (the baseline), or
 * the rollups with every histogram element unnested (the first way, the bench's comparison).
 */
export type FiguresSource = 'rollups' | 'visits' | 'rollups-unnest';

function figuresQuery(scope: Scope, range: DayRange, source: FiguresSource): SqlQuery {
  if (source === 'visits') return visitFiguresQuery(scope, range);
  return rollupFiguresQuery(scope, range, source === 'rollups' ? 'positional' : 'unnest');
}

/** The monitoring's reads (issue 13), on the central's PostgreSQL. */
export class MonitoringStore implements MonitoringReads {
  constructor(private readonly pool: pg.Pool) {}

  async figures(scope: Scope, range: DayRange, source: FiguresSource = 'rollups'): Promise<Figures> {
    const query = figuresQuery(scope, range, source);
    // A rollup query is named after its text, so each connection parses its ~1,000 sums once and,
    // after five runs, keeps a generic plan (planning it took longer than running it for a centre).
    // The raw visits' baseline stays planned per run, its partitions pruned by the range.
    const { rows } = await this.pool.query<{ answer: RawAnswer }>(
      source === 'visits'
        ? query
        : { name: `figures-${createHash('sha1').update(query.text).digest('hex').slice(0, 20)}`, ...query },
    );
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
    const run = <T extends pg.QueryResultRow>(query: SqlQuery) => this.pool.query<T>(query.text, query.values);
    const [open, printers] = await Promise.all([
      run<OpenVisitRow>(openVisitsQuery(centreId, now)),
      run<PrinterRow>(printersQuery(centreId)),
    ]);
    return liveViewOf(open.rows, printers.rows, now);
  }
}
