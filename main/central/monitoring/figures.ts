import { RATING_REASONS, type RatingReason } from '../../contract';
import {
  TIME_BANDS,
  type Comparison,
  type DayRange,
  type Figures,
  type MonitoringScope,
  type TimeFigures,
} from '../../contract/monitoring';
import {
  COUNT_CONDITIONS,
  ROLLUP_COUNT_COLUMNS,
  UNASSIGNED_REGION,
  rollupGrainOf,
  minutesBucket,
  rollupSource,
  type RollupCount,
  type RollupFamily,
  type RollupPeriod,
} from './rollup-sql';

/*
 * The monitoring's figures (issue 13) for any level and any range of local days, each with its
 * definition (the dashboard prints these):
 * - tickets: tickets issued on the centre's local days in the range; served: visits finished at a
 *   desk; no-shows: tickets called and not come.
 * - waiting time: from the ticket to its first call, in whole minutes (floor), of every ticket
 *   called; median and 90th percentile as percentile_disc (the first minute at or past that share).
 * - service time: from the first start at a desk to the last finish, in whole minutes, of visits served.
 * - within standard: a time whose whole minutes are below the service's standard (service standard,
 *   or waiting standard, default 15 minutes); the rest are over, by their whole minutes minus it.
 * - satisfaction: the average score (1–5), the five faces' counts, response rate = rated / offered,
 *   and how many ratings named each low-score reason.
 * - busiest hours: tickets per ISO weekday × local hour of issue on the centre's wall clock.
 * Minutes past 600 count as 600 (the histograms' last bucket) in medians and excesses.
 */

/** Which part of the network: none set is the whole network; a desk needs its centre. */
export type Scope = MonitoringScope;
export type { Comparison, DayRange, Figures, TimeFigures };

export const DEFAULT_SERVICE_MINUTES = 15;
export const DEFAULT_WAITING_MINUTES = 15;

const DAY_MS = 86_400_000;
export const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
export const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Problems with a range, each naming the field: the HTTP layer refuses with them. */
export function rangeProblems(range: DayRange): string[] {
  const problems: string[] = [];
  for (const key of ['from', 'to'] as const) {
    const value = range[key];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || dayOf(dayNumber(value)) !== value) {
      problems.push(`${key}: "${value}" is not a day (YYYY-MM-DD)`);
    }
  }
  if (problems.length === 0 && range.to < range.from) problems.push(`to: ${range.to} is before from (${range.from})`);
  return problems;
}

/** The same number of days just before. */
export function previousRange(range: DayRange): DayRange {
  const length = dayNumber(range.to) - dayNumber(range.from) + 1;
  return { from: dayOf(dayNumber(range.from) - length), to: dayOf(dayNumber(range.from) - 1) };
}

/** A range cut into whole months (read from a month rollup) and the days left at either end (from a day rollup). */
export function splitRange(range: DayRange): { months: DayRange | null; days: DayRange[] } {
  const firstFull = range.from.endsWith('-01') ? range.from : addMonths(monthStart(range.from), 1);
  // The first month not wholly in the range (exclusive end).
  const endFull = monthStart(dayOf(dayNumber(range.to) + 1));
  if (firstFull >= endFull) return { months: null, days: [range] };
  const days: DayRange[] = [];
  if (range.from < firstFull) days.push({ from: range.from, to: dayOf(dayNumber(firstFull) - 1) });
  if (endFull <= range.to) days.push({ from: endFull, to: range.to });
  // A month is named by its first day: months.to is the last whole month's.
  return { months: { from: firstFull, to: addMonths(endFull, -1) }, days };
}

/**
 * A range cut into whole years (read from a year rollup), whole months and the days left at either
 * end (splitRange on what is left before and after the years).
 */
export function splitRangeByYears(range: DayRange): { years: DayRange | null; months: DayRange[]; days: DayRange[] } {
  const firstFull = range.from.endsWith('-01-01') ? range.from : `${Number(range.from.slice(0, 4)) + 1}-01-01`;
  // The first year not wholly in the range (exclusive end).
  const endFull = `${dayOf(dayNumber(range.to) + 1).slice(0, 4)}-01-01`;
  const rest = (parts: DayRange[]) => {
    const split = parts.map(splitRange);
    return {
      months: split.flatMap((part) => (part.months ? [part.months] : [])),
      days: split.flatMap((part) => part.days),
    };
  };
  if (firstFull >= endFull) return { years: null, ...rest([range]) };
  const ends: DayRange[] = [];
  if (range.from < firstFull) ends.push({ from: range.from, to: dayOf(dayNumber(firstFull) - 1) });
  if (endFull <= range.to) ends.push({ from: endFull, to: range.to });
  // A year is named by its first day: years.to is the last whole year's.
  return { years: { from: firstFull, to: `${Number(endFull.slice(0, 4)) - 1}-01-01` }, ...rest(ends) };
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function addMonths(first: string, months: number): string {
  const [year, month] = first.split('-').map(Number) as [number, number];
  return dayOf(Date.UTC(year, month - 1 + months, 1) / DAY_MS);
}

/** A query and its parameters (node-postgres style). */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * A row's centre (alias.centre_id) is in the region: described in centres with it, or, for the
 * region 'unassigned' (the table's default), not described at all, as the region rollups count it.
 */
export function regionCondition(alias: string, region: string, bind: (value: unknown) => string): string {
  // An array computed first (an InitPlan), so a generic plan still reads each of the region's
  // centres through a (centre, day) index; as an IN subquery it read every centre's rows of the days.
  const described = `${alias}.centre_id = ANY (ARRAY(SELECT centre_id FROM centres WHERE region = ${bind(region)}))`;
  return region === UNASSIGNED_REGION
    ? `(${described} OR ${alias}.centre_id NOT IN (SELECT centre_id FROM centres))`
    : described;
}

/** Binds scope filters as parameters after `values`; returns the SQL conditions. */
export function scopeConditions(scope: Scope, values: unknown[], alias: string, withDesk: boolean): string[] {
  const conditions: string[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (scope.region !== undefined) conditions.push(regionCondition(alias, scope.region, bind));
  if (scope.centreId !== undefined) conditions.push(`${alias}.centre_id = ${bind(scope.centreId)}`);
  if (scope.serviceId !== undefined) conditions.push(`${alias}.service_id = ${bind(scope.serviceId)}`);
  if (withDesk && scope.deskId !== undefined) conditions.push(`COALESCE(${alias}.desk_id, '') = ${bind(scope.deskId)}`);
  return conditions;
}

const COUNTS = ROLLUP_COUNT_COLUMNS;
type CountName = RollupCount;

/**
 * A service's histogram as the queries pack it (a few hundred bytes, where a [service, minute,
 * count] per minute was 25 bytes each and a breakdown's answer 1.6 MB): its first minutes by
 * position (index = minute; null or 0: none; empty when not read positionally), then the later
 * minutes with their counts.
 */
export type PackedHistogram = [serviceId: string, head: Array<number | null>, minutes: number[], counts: number[]];

/** What both queries answer, per service: counts, and histograms packed. */
export interface RawAnswer {
  services: Array<Record<CountName, number> & { service_id: string }>;
  wait: PackedHistogram[];
  service: PackedHistogram[];
  hours: Array<[number, number]>;
  standards: Array<{ service_id: string; service_minutes: number; waiting_minutes: number }>;
}

/**
 * How a range's rollup rows have their histograms summed. 'unnest' (the first way, kept as the
 * bench's comparison) turns every element of every row into a row and groups them, about half a
 * microsecond an element. 'positional' (what dashboards use) sums buckets as columns,
 * sum(h[1]), sum(h[2]), …, in one pass over the rows, about 40 ns a bucket a row whether the row
 * has it or not: so for the 168 weekday × hour buckets of month rows (nearly all there), the 24
 * hours of day rows, and the first MINUTE_HEAD minutes of the waiting and service histograms (a
 * region's or the network's rows reach that far); the few rows longer than that have only their
 * tail unnested.
 */
export type HistogramSums = 'positional' | 'unnest';

export const WEEK_HOUR_BUCKETS = 168;
/**
 * Minute buckets summed positionally. A region's or the network's month rows reach past an hour
 * (the waits of thousands of visits); at 128 nearly every minute is summed as a column and only rare
 * long waits are unnested: the network's regions over a year took 180 ms against 290 ms at 64, with
 * a centre's queries no slower (50 M visits).
 */
export const MINUTE_HEAD = 128;

/**
 * ARRAY[sum(column[1]), …, sum(column[n])]; a bucket past a row's end reads NULL, which sum() leaves
 * out. A range part's histograms already carry its sign (rollupRangeParts), so none is multiplied
 * here: that was a fifth of a long breakdown's time.
 */
export const positionalSums = (column: string, buckets: number) =>
  `ARRAY[${Array.from({ length: buckets }, (_, i) => `sum(${column}[${i + 1}])`).join(', ')}]::integer[]`;

/**
 * SQL answering, per group, `rows`: a jsonb array of PackedHistogram. `tail` is a relation of
 * (…group, service_id, minute, n): the minutes past the head, or every minute when `heads` is null;
 * `heads` one of (…group, service_id, <column>): the first minutes summed positionally. `group`:
 * the grouping columns (e.g. ['key']), or none for a single answer.
 */
export function packedHistogramsSql(
  tail: string,
  heads: { relation: string; column: string } | null,
  group: string[] = [],
): string {
  const keys = [...group, 'service_id'];
  const tails = `SELECT ${keys.join(', ')}, array_agg(minute ORDER BY minute) AS minutes, array_agg(n ORDER BY minute) AS counts
      FROM ${tail} WHERE n <> 0 GROUP BY ${keys.join(', ')}`;
  const grouped = (alias: string) =>
    group.length > 0 ? `GROUP BY ${group.map((c) => `${alias}.${c}`).join(', ')}` : '';
  const selectGroup = (alias: string) => group.map((c) => `${alias}.${c}, `).join('');
  if (heads === null) {
    return `SELECT ${selectGroup('t')}jsonb_agg(jsonb_build_array(t.service_id, '{}'::integer[], t.minutes, t.counts)) AS rows
      FROM (${tails}) t ${grouped('t')}`;
  }
  return `SELECT ${selectGroup('h')}jsonb_agg(jsonb_build_array(h.service_id, h.${heads.column}, COALESCE(t.minutes, '{}'), COALESCE(t.counts, '{}'))) AS rows
      FROM ${heads.relation} h LEFT JOIN (${tails}) t USING (${keys.join(', ')}) ${grouped('h')}`;
}

/** The CTEs after r: services (counts, and per service the minute heads when positional), wait, service and hours. */
function histogramCtes(sums: HistogramSums): string {
  const counts = COUNTS.map((name) => `sum(sign * ${name})::integer AS ${name}`).join(', ');
  const slot = `CASE WHEN x.dow = 0 THEN u.i - 1 ELSE (x.dow - 1) * 24 + u.i - 1 END`;
  if (sums === 'unnest') {
    const minutes = (name: string, column: string) =>
      `${name} AS (SELECT r.service_id, u.i - 1 AS minute, sum(u.n)::integer AS n FROM r, unnest(r.${column}) WITH ORDINALITY u (n, i) GROUP BY 1, 2)`;
    return `services AS (SELECT service_id, ${counts} FROM r GROUP BY service_id),
  ${minutes('wait', 'wait_hist')},
  ${minutes('service', 'service_hist')},
  hours AS (SELECT ${slot} AS slot, sum(u.n)::integer AS n FROM r x, unnest(x.hours) WITH ORDINALITY u (n, i) GROUP BY 1)`;
  }
  // Only the minutes past the head: the head is packed from services as it is.
  const minutes = (name: string, column: string) =>
    `${name} AS (
    SELECT r.service_id, ${MINUTE_HEAD} + u.i - 1 AS minute, sum(u.n)::integer AS n FROM r, unnest(r.${column}[${MINUTE_HEAD + 1}:]) WITH ORDINALITY u (n, i)
     WHERE cardinality(r.${column}) > ${MINUTE_HEAD} GROUP BY 1, 2)`;
  return `services AS MATERIALIZED (SELECT service_id, ${counts},
      ${positionalSums('wait_hist', MINUTE_HEAD)} AS wait_hist_head, ${positionalSums('service_hist', MINUTE_HEAD)} AS service_hist_head
      FROM r GROUP BY service_id),
  ${minutes('wait', 'wait_hist')},
  ${minutes('service', 'service_hist')},
  by_dow AS (SELECT 0 AS dow, ${positionalSums('hours', WEEK_HOUR_BUCKETS)} AS sums FROM r WHERE dow = 0 HAVING count(*) > 0
    UNION ALL
    SELECT dow, ${positionalSums('hours', 24)} FROM r WHERE dow <> 0 GROUP BY dow),
  hours AS (SELECT ${slot} AS slot, sum(u.n)::integer AS n
              FROM by_dow x, unnest(x.sums) WITH ORDINALITY u (n, i) WHERE u.n IS NOT NULL GROUP BY 1)`;
}

/** A rollup grain a range is read from. */
export type RangeGrain = RollupPeriod;

/** The rollups a scope is read from: the network's or a region's own, else its centres'. */
export function familyOf(scope: Scope): RollupFamily {
  if (scope.centreId !== undefined) return 'centre';
  return scope.region !== undefined ? 'region' : 'network';
}

/**
 * The rollup rows a range is read from, as SELECTs to UNION ALL, each binding its values after
 * `values`: whole years from the year rollup, whole months from the month rollup, and the days at
 * the ends from the day rollup, where days that are most of their month are read as the month's
 * row less its other days (sign -1): a month less three days is 1 + 3 rows per service, not 28 (the
 * ends of a year or a 30-day range). Every row is `x` (of `family`'s tables: a region's rows are
 * those of `scope.region`, a centre family's those of the scope's centre or region), selects
 * `columns(grain, histogram)` and its `sign`, by which its counts are summed; `histogram(column)`
 * reads a histogram column with the sign already in it (negated in the few rows taken out), so
 * histograms are plainly summed; `join` is joined to it (e.g. centres).
 */
export function rollupRangeParts(
  scope: Scope,
  range: DayRange,
  values: unknown[],
  family: RollupFamily,
  columns: (grain: RangeGrain, histogram: (column: string) => string) => string,
  join = '',
): string[] {
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const { years, months, days: dayParts } = splitRangeByYears(range);
  const days: DayRange[] = [];
  const lessDays: DayRange[] = [];
  for (const part of dayParts) {
    const first = monthStart(part.from);
    const last = dayOf(dayNumber(addMonths(first, 1)) - 1);
    const length = dayNumber(part.to) - dayNumber(part.from) + 1;
    if (monthStart(part.to) !== first || length * 2 <= dayNumber(last) - dayNumber(first) + 1) {
      days.push(part);
      continue;
    }
    months.push({ from: first, to: first });
    if (part.from > first) lessDays.push({ from: first, to: dayOf(dayNumber(part.from) - 1) });
    if (part.to < last) lessDays.push({ from: dayOf(dayNumber(part.to) + 1), to: last });
  }
  const select = (grain: RangeGrain, column: string, ranges: DayRange[], sign: 1 | -1) => {
    const where = [
      `(${ranges.map((part) => `x.${column} BETWEEN ${bind(part.from)} AND ${bind(part.to)}`).join(' OR ')})`,
      ...familyConditions(scope, family, values),
    ];
    const histogram = (column: string) => (sign === 1 ? `x.${column}` : `hist_scale(x.${column}, -1)`);
    return `SELECT ${columns(grain, histogram)}, ${sign} AS sign FROM ${rollupSource(rollupGrainOf(family, grain))} x ${join} WHERE ${where.join(' AND ')}`;
  };
  const parts: string[] = [];
  if (years) parts.push(select('year', 'year', [years], 1));
  if (months.length > 0) parts.push(select('month', 'month', months, 1));
  if (days.length > 0) parts.push(select('day', 'local_day', days, 1));
  if (lessDays.length > 0) parts.push(select('day', 'local_day', lessDays, -1));
  return parts;
}

/**
 * The conditions on a family's rollup rows (x) for a scope: the network's rows are all its own; a
 * region's are keyed by region; the centres' rows by centre, or by the centres of a region; the
 * desks' by centre, service and desk (desk_id is already '' for none).
 */
export function familyConditions(scope: Scope, family: RollupFamily, values: unknown[]): string[] {
  if (family === 'centre') return scopeConditions(scope, values, 'x', false);
  if (family === 'desk') {
    const conditions = scopeConditions(scope, values, 'x', false);
    if (scope.deskId !== undefined) {
      values.push(scope.deskId);
      conditions.push(`x.desk_id = $${values.length}`);
    }
    return conditions;
  }
  const conditions = scopeConditions(
    { ...(scope.serviceId !== undefined && { serviceId: scope.serviceId }) },
    values,
    'x',
    false,
  );
  if (family === 'region' && scope.region !== undefined) {
    values.push(scope.region);
    conditions.unshift(`x.region = $${values.length}`);
  }
  return conditions;
}

/**
 * Answers per service, standards joined, from the rollups (whole years from the year rollup, whole
 * months from the month rollup, the days left from the day rollup, or a month's row less its other
 * days when they are most of it; each row carries the sign it is summed with): the network's or the
 * region's own tables when no centre is asked for, else the centres'. A desk's figures (with its
 * busiest hours, which the desk rollups do not keep) are its visit rows of the range, read through
 * the desk index (migration 011): a few thousand a year.
 */
export function rollupFiguresQuery(scope: Scope, range: DayRange, sums: HistogramSums = 'positional'): SqlQuery {
  if (scope.deskId !== undefined) return visitFiguresQuery(scope, range);
  const values: unknown[] = [];
  const counts = COUNTS.map((name) => `x.${name}`).join(', ');
  const parts = rollupRangeParts(scope, range, values, familyOf(scope), (grain, histogram) =>
    grain === 'day'
      ? `x.service_id, ${counts}, ${histogram('wait_hist')} AS wait_hist, ${histogram('service_hist')} AS service_hist, ${histogram('hours')} AS hours, extract(isodow FROM x.local_day)::integer AS dow`
      : `x.service_id, ${counts}, ${histogram('wait_hist')} AS wait_hist, ${histogram('service_hist')} AS service_hist, ${histogram('week_hours')} AS hours, 0 AS dow`,
  );
  const heads = (column: string) => (sums === 'positional' ? { relation: 'services', column: `${column}_head` } : null);
  const text = `WITH r AS MATERIALIZED (${parts.join('\n  UNION ALL\n  ')}),
  ${histogramCtes(sums)}
  SELECT jsonb_build_object(
    'services', COALESCE((SELECT jsonb_agg(to_jsonb(s) - 'wait_hist_head' - 'service_hist_head') FROM services s), '[]'),
    'wait', COALESCE((${packedHistogramsSql('wait', heads('wait_hist'))}), '[]'),
    'service', COALESCE((${packedHistogramsSql('service', heads('service_hist'))}), '[]'),
    'hours', COALESCE((SELECT jsonb_agg(jsonb_build_array(slot, n)) FROM hours WHERE n <> 0), '[]'),
    'standards', COALESCE((SELECT jsonb_agg(s) FROM service_standards s WHERE s.service_id IN (SELECT service_id FROM services)), '[]')
  ) AS answer`;
  return { text, values };
}

/**
 * The same answer from the raw visit rows (the baseline the bench measures rollups against, and
 * what the tests compare with): histograms are counted straight from each visit's minutes.
 */
export function visitFiguresQuery(scope: Scope, range: DayRange): SqlQuery {
  if (scope.deskId !== undefined && scope.centreId === undefined)
    throw new Error('scope.deskId: a desk needs its centreId');
  const values: unknown[] = [range.from, range.to];
  const where = ['v.local_day BETWEEN $1 AND $2', ...scopeConditions(scope, values, 'v', true)];
  const text = `WITH v AS MATERIALIZED (
    SELECT v.service_id, v.outcome, v.rating_offered, v.score, v.reasons, v.local_day, v.local_hour,
           ${minutesBucket('v.waiting_seconds')} AS wait_min,
           ${minutesBucket('v.service_seconds')} AS service_min
      FROM visits v WHERE ${where.join(' AND ')}),
  services AS (SELECT service_id, ${COUNTS.map((name) => `(count(*) FILTER (WHERE ${COUNT_CONDITIONS[name]}))::integer AS ${name}`).join(', ')}
                 FROM v GROUP BY service_id),
  wait AS (SELECT service_id, wait_min AS minute, count(*)::integer AS n FROM v WHERE wait_min IS NOT NULL GROUP BY 1, 2),
  service AS (SELECT service_id, service_min AS minute, count(*)::integer AS n FROM v WHERE service_min IS NOT NULL GROUP BY 1, 2),
  hours AS (SELECT (extract(isodow FROM local_day)::integer - 1) * 24 + local_hour AS slot, count(*)::integer AS n FROM v GROUP BY 1)
  SELECT jsonb_build_object(
    'services', COALESCE((SELECT jsonb_agg(services) FROM services), '[]'),
    'wait', COALESCE((${packedHistogramsSql('wait', null)}), '[]'),
    'service', COALESCE((${packedHistogramsSql('service', null)}), '[]'),
    'hours', COALESCE((SELECT jsonb_agg(jsonb_build_array(slot, n)) FROM hours), '[]'),
    'standards', COALESCE((SELECT jsonb_agg(s) FROM service_standards s WHERE s.service_id IN (SELECT service_id FROM services)), '[]')
  ) AS answer`;
  return { text, values };
}

/** Median and 90th percentile as percentile_disc reads them: the ceil(p × n)-th smallest. */
function percentileOf(histogram: Map<number, number>, total: number, share: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(share * total));
  let seen = 0;
  for (const minute of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(minute)!;
    if (seen >= rank) return minute;
  }
  return null;
}

/** Every (service, minute, visits) of packed histograms with visits. */
export function eachMinute(
  rows: PackedHistogram[],
  visit: (serviceId: string, minute: number, count: number) => void,
): void {
  for (const [serviceId, head, minutes, counts] of rows) {
    head.forEach((count, minute) => {
      if (count) visit(serviceId, minute, count);
    });
    minutes.forEach((minute, index) => visit(serviceId, minute, counts[index]!));
  }
}

/** A service's standards as figures read them: its own, else the defaults. */
export function standardsOf(answer: RawAnswer): { service: (id: string) => number; waiting: (id: string) => number } {
  const standards = new Map(answer.standards.map((row) => [row.service_id, row]));
  return {
    service: (id) => standards.get(id)?.service_minutes ?? DEFAULT_SERVICE_MINUTES,
    waiting: (id) => standards.get(id)?.waiting_minutes ?? DEFAULT_WAITING_MINUTES,
  };
}

function timeFigures(rows: PackedHistogram[], standardOf: (serviceId: string) => number): TimeFigures {
  const histogram = new Map<number, number>();
  let measured = 0;
  let within = 0;
  let excess = 0;
  const add = (minute: number, count: number, standard: number) => {
    histogram.set(minute, (histogram.get(minute) ?? 0) + count);
    measured += count;
    if (minute < standard) within += count;
    else excess += (minute - standard) * count;
  };
  eachMinute(rows, (serviceId, minute, count) => add(minute, count, standardOf(serviceId)));
  const over = measured - within;
  const bands = TIME_BANDS.map(() => 0);
  for (const [minute, count] of histogram) bands[TIME_BANDS.findLastIndex((first) => first <= minute)]! += count;
  return {
    measured,
    medianMinutes: percentileOf(histogram, measured, 0.5),
    p90Minutes: percentileOf(histogram, measured, 0.9),
    withinStandard: within,
    withinShare: measured === 0 ? null : within / measured,
    overStandard: over,
    meanExcessMinutes: over === 0 ? null : excess / over,
    bands,
  };
}

/** The figures from either query's answer. */
export function figuresOf(answer: RawAnswer): Figures {
  const standards = standardsOf(answer);
  const total = (name: CountName) => answer.services.reduce((sum, row) => sum + row[name], 0);
  const faces: Figures['satisfaction']['faces'] = [
    total('score_1'),
    total('score_2'),
    total('score_3'),
    total('score_4'),
    total('score_5'),
  ];
  const rated = total('rated');
  const offered = total('offered');
  const reasonColumn: Record<RatingReason, CountName> = {
    'waiting-time': 'reason_waiting_time',
    staff: 'reason_staff',
    result: 'reason_result',
    premises: 'reason_premises',
  };
  const busiestHours = Array.from({ length: 168 }, () => 0);
  for (const [slot, count] of answer.hours) busiestHours[slot] = (busiestHours[slot] ?? 0) + count;
  return {
    tickets: total('tickets'),
    served: total('served'),
    noShows: total('no_shows'),
    waiting: timeFigures(answer.wait, standards.waiting),
    service: timeFigures(answer.service, standards.service),
    satisfaction: {
      offered,
      rated,
      responseRate: offered === 0 ? null : rated / offered,
      average: rated === 0 ? null : faces.reduce((sum, count, index) => sum + count * (index + 1), 0) / rated,
      faces,
      reasons: Object.fromEntries(RATING_REASONS.map((reason) => [reason, total(reasonColumn[reason])])) as Record<
        RatingReason,
        number
      >,
    },
    busiestHours,
  };
}
