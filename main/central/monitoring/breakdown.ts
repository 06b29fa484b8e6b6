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
  rollupRangeParts,
  type RawAnswer,
  type SqlQuery,
} from './figures';
import { ROLLUP_COUNT_COLUMNS, type RollupFamily } from './rollup-sql';

/*
 * A scope's children one level down, each with its figures (issue 13): network → regions, region →
 * centres, centre → services, centre + service → desks. One grouped query a period, never one a
 * child: the rollups grouped by the child's key (the region rollups by region, the centres' by
 * centre or service, the desks' by desk, their days read from the visits).
 */

export type ChildLevel = Exclude<MonitoringLevel, 'network'>;

/** The level below a scope, or null for a desk (its visits are listed with api/visits instead). */
export function childLevelOf(scope: MonitoringScope): ChildLevel | null {
  if (scope.deskId !== undefined) return null;
  if (scope.centreId !== undefined) return scope.serviceId !== undefined ? 'desk' : 'service';
  return scope.region !== undefined ? 'centre' : 'region';
}

/** One row per child: its key and the per-service answer figuresOf reads. */
export interface KeyedAnswer {
  key: string;
  answer: RawAnswer;
}

const KEY_OF_ROLLUP: Record<ChildLevel, string> = {
  region: 'x.region',
  centre: 'x.centre_id',
  service: 'x.service_id',
  desk: 'x.desk_id',
};
const FAMILY_OF_CHILD: Record<ChildLevel, RollupFamily> = {
  region: 'region',
  centre: 'centre',
  service: 'centre',
  desk: 'desk',
};

/**
 * The shared tail: from CTEs sums (key, service_id, counts…, the minute heads), counts, and wait and
 * service (key, service_id, minute, n: the minutes past the head), one jsonb answer per key, in key order. No hours: a child's busiest hours
 * are its own page's (ChildFigures).
 */
function answersPerKey(): string {
  const perKey = (cte: string, column: string) =>
    `LEFT JOIN (${packedHistogramsSql(cte, { relation: 'sums', column }, ['key'])}) ${cte}_rows USING (key)`;
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
export function breakdownQuery(scope: MonitoringScope, range: DayRange, child: ChildLevel): SqlQuery {
  if (child === 'desk' && (scope.centreId === undefined || scope.serviceId === undefined))
    throw new Error('scope: desks are read within a centre and service');
  const values: unknown[] = [];
  const key = KEY_OF_ROLLUP[child];
  const counts = ROLLUP_COUNT_COLUMNS.map((name) => `x.${name}`).join(', ');
  // Years, months and days as the figures read them (a row's sign -1 takes days back out of their month).
  const parts = rollupRangeParts(
    scope,
    range,
    values,
    FAMILY_OF_CHILD[child],
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
  ${answersPerKey()}`;
  return { text, values };
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
