import type {
  BreakdownAnswer,
  ChildFigures,
  DayRange,
  MonitoringLevel,
  MonitoringScope,
} from '../../contract/monitoring';
import {
  MINUTE_HEAD,
  figuresOf,
  packedHistogramsSql,
  positionalSums,
  scopeConditions,
  rollupRangeParts,
  type RawAnswer,
  type SqlQuery,
} from './figures';
import { COUNT_CONDITIONS, ROLLUP_COUNT_COLUMNS, minutesBucket } from './rollup-sql';

/*
 * A scope's children one level down, each with its figures (issue 13): network → regions, region →
 * centres, centre → services, centre + service → desks. One grouped query a period, never one a
 * child: the rollups grouped by the child's key (the region rollups by region, the centres' by
 * centre or service), or, for desks (not rolled up), the centre's visit rows of the range grouped by desk.
 */

export type ChildLevel = Exclude<MonitoringLevel, 'network'>;

/** The level below a scope, or null for a desk (its visits are listed with api/visits instead). */
export function childLevelOf(scope: MonitoringScope): ChildLevel | null {
  if (scope.deskId !== undefined) return null;
  if (scope.centreId !== undefined) return scope.serviceId !== undefined ? 'desk' : 'service';
  return scope.region !== undefined ? 'centre' : 'region';
}

/** A visit without a desk (never called, or called without one) is the desk row keyed ''. */
export const NO_DESK_KEY = '';

/** One row per child: its key and the per-service answer figuresOf reads. */
export interface KeyedAnswer {
  key: string;
  answer: RawAnswer;
}

const KEY_OF_ROLLUP: Record<Exclude<ChildLevel, 'desk'>, string> = {
  region: 'x.region',
  centre: 'x.centre_id',
  service: 'x.service_id',
};

/**
 * The shared tail: from CTEs counts (key, service_id, counts…) and wait and service (key,
 * service_id, minute, n), one jsonb answer per key, in key order. No hours: a child's busiest hours
 * are its own page's (ChildFigures).
 */
function answersPerKey(heads: 'sums' | null): string {
  const perKey = (cte: string, column: string) =>
    `LEFT JOIN (${packedHistogramsSql(cte, heads && { relation: heads, column }, ['key'])}) ${cte}_rows USING (key)`;
  return `SELECT k.key, jsonb_build_object(
      'services', k.services,
      'wait', COALESCE(wait_rows.rows, '[]'),
      'service', COALESCE(service_rows.rows, '[]'),
      'hours', '[]'::jsonb,
      'standards', COALESCE((SELECT jsonb_agg(s) FROM service_standards s WHERE s.service_id IN (SELECT service_id FROM counts)), '[]')
    ) AS answer
    FROM (SELECT key, jsonb_agg(to_jsonb(counts) - 'key') AS services FROM counts GROUP BY key) k
    ${perKey('wait', 'wait_hist_head')}
    ${perKey('service', 'service_hist_head')}
    ORDER BY k.key`;
}

/** The children's answers from the rollups (whole years, months and days, as the figures read them). */
export function breakdownRollupQuery(
  scope: MonitoringScope,
  range: DayRange,
  child: Exclude<ChildLevel, 'desk'>,
): SqlQuery {
  const values: unknown[] = [];
  const key = KEY_OF_ROLLUP[child];
  const counts = ROLLUP_COUNT_COLUMNS.map((name) => `x.${name}`).join(', ');
  // The regions' rollups for regions, else the centres', years, months and days as the figures read
  // them (a row's sign -1 takes days back out of their month).
  const parts = rollupRangeParts(
    scope,
    range,
    values,
    child === 'region' ? 'region' : 'centre',
    (_, histogram) =>
      `${key} AS key, x.service_id, ${counts}, ${histogram('wait_hist')} AS wait_hist, ${histogram('service_hist')} AS service_hist`,
  );
  // Summed as figures.ts sums them (see HistogramSums), in one pass over the rows grouped by child
  // and service: the first minutes as columns; only minutes past the head are unnested. Index 1 is
  // minute 0.
  const minutes = (name: string, column: string) =>
    `${name} AS (
    SELECT r.key, r.service_id, ${MINUTE_HEAD} + u.i - 1 AS minute, sum(u.n)::integer AS n FROM r, unnest(r.${column}[${MINUTE_HEAD + 1}:]) WITH ORDINALITY u (n, i)
     WHERE cardinality(r.${column}) > ${MINUTE_HEAD} GROUP BY 1, 2, 3)`;
  // Kept (MATERIALIZED) so each row's arrays are detoasted once, not once a subscript.
  const text = `WITH r AS MATERIALIZED (${parts.join('\n  UNION ALL\n  ')}),
  sums AS MATERIALIZED (SELECT key, service_id, ${ROLLUP_COUNT_COLUMNS.map((name) => `sum(sign * ${name})::integer AS ${name}`).join(', ')},
      ${positionalSums('wait_hist', MINUTE_HEAD)} AS wait_hist_head, ${positionalSums('service_hist', MINUTE_HEAD)} AS service_hist_head
      FROM r GROUP BY key, service_id HAVING sum(sign * tickets) <> 0),
  counts AS (SELECT key, service_id, ${ROLLUP_COUNT_COLUMNS.join(', ')} FROM sums),
  ${minutes('wait', 'wait_hist')},
  ${minutes('service', 'service_hist')}
  ${answersPerKey('sums')}`;
  return { text, values };
}

/** A centre's (and service's) desks from its visit rows of the range, grouped by desk. */
export function breakdownDeskQuery(scope: MonitoringScope, range: DayRange): SqlQuery {
  if (scope.centreId === undefined) throw new Error('scope.centreId: desks are read within a centre');
  const values: unknown[] = [range.from, range.to];
  const where = ['v.local_day BETWEEN $1 AND $2', ...scopeConditions(scope, values, 'v', false)];
  const text = `WITH v AS MATERIALIZED (
    SELECT COALESCE(v.desk_id, '${NO_DESK_KEY}') AS key, v.service_id, v.outcome, v.rating_offered, v.score, v.reasons,
           ${minutesBucket('v.waiting_seconds')} AS wait_min, ${minutesBucket('v.service_seconds')} AS service_min
      FROM visits v WHERE ${where.join(' AND ')}),
  counts AS (SELECT key, service_id, ${ROLLUP_COUNT_COLUMNS.map((name) => `(count(*) FILTER (WHERE ${COUNT_CONDITIONS[name]}))::integer AS ${name}`).join(', ')}
               FROM v GROUP BY key, service_id),
  wait AS (SELECT key, service_id, wait_min AS minute, count(*)::integer AS n FROM v WHERE wait_min IS NOT NULL GROUP BY 1, 2, 3),
  service AS (SELECT key, service_id, service_min AS minute, count(*)::integer AS n FROM v WHERE service_min IS NOT NULL GROUP BY 1, 2, 3)
  ${answersPerKey(null)}`;
  return { text, values };
}

export function breakdownQuery(scope: MonitoringScope, range: DayRange, child: ChildLevel): SqlQuery {
  return child === 'desk' ? breakdownDeskQuery(scope, range) : breakdownRollupQuery(scope, range, child);
}

const NOTHING: RawAnswer = { services: [], wait: [], service: [], hours: [], standards: [] };

/** Rows for every key either period has (a child with nothing in one period has zero figures there). */
export function breakdownAnswerOf(
  scope: MonitoringScope,
  child: ChildLevel,
  ranges: { range: DayRange; previousRange: DayRange },
  current: KeyedAnswer[],
  previous: KeyedAnswer[],
): BreakdownAnswer {
  const childFigures = (answer: RawAnswer): ChildFigures => {
    const { tickets, served, noShows, waiting, service, satisfaction } = figuresOf(answer);
    return { tickets, served, noShows, waiting, service, satisfaction };
  };
  const figures = (rows: KeyedAnswer[]) =>
    new Map<string, ChildFigures>(rows.map((row) => [row.key, childFigures(row.answer)]));
  const now = figures(current);
  const before = figures(previous);
  const keys = [...new Set([...now.keys(), ...before.keys()])].sort();
  const empty = childFigures(NOTHING);
  return {
    scope,
    childLevel: child,
    ...ranges,
    rows: keys.map((key) => ({ key, current: now.get(key) ?? empty, previous: before.get(key) ?? empty })),
  };
}
