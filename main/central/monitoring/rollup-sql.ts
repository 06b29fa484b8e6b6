/*
 * What a visit adds to the rollups, written once (issue 13): ingest runs it over the visits a batch
 * changed (their rows before, weighted -1, and after, +1) and the generator over every visit it
 * wrote (+1), so an incremental rollup and one rebuilt from the visits cannot differ in definition.
 * `source` is any relation with the `visits` columns and an integer `sign`.
 */

/**
 * Per centre and service, by day, by month and by year; the same per region and service, and for
 * the whole network per service only, so a region's or the network's range reads one row per
 * service and period, not one per centre, and nine years read nine rows per service, not 108.
 * Per centre, desk and service by month and year only, without hours, for a service's desks over
 * long ranges: a desk's day would be nearly a row a visit, so its days are read from the visits
 * (desk_day is never kept: see rollupSource). A desk's own figures are read from its visit rows
 * (see figures.ts).
 */
export type RollupFamily = 'centre' | 'region' | 'network' | 'desk';
export type RollupPeriod = 'day' | 'month' | 'year';
export type RollupGrain =
  | RollupPeriod
  | 'region_day'
  | 'region_month'
  | 'region_year'
  | 'network_day'
  | 'network_month'
  | 'network_year'
  | 'desk_day'
  | 'desk_month'
  | 'desk_year';
/** The grains kept in tables, at ingest and by the generator. */
export const ROLLUP_GRAINS: readonly RollupGrain[] = [
  'day',
  'month',
  'year',
  'region_day',
  'region_month',
  'region_year',
  'network_day',
  'network_month',
  'network_year',
  'desk_month',
  'desk_year',
];

/** The grain a family keeps a period in. */
export const rollupGrainOf = (family: RollupFamily, period: RollupPeriod): RollupGrain =>
  family === 'centre' ? period : `${family}_${period}`;

/** A centre not yet described in `centres` is in this region (the table's own default). */
export const UNASSIGNED_REGION = 'unassigned';

export const ROLLUP_COUNT_COLUMNS = [
  'tickets',
  'served',
  'no_shows',
  'offered',
  'rated',
  'score_1',
  'score_2',
  'score_3',
  'score_4',
  'score_5',
  'reason_waiting_time',
  'reason_staff',
  'reason_result',
  'reason_premises',
] as const;
export type RollupCount = (typeof ROLLUP_COUNT_COLUMNS)[number];

/** Each count's definition over one visit (v), as a condition: the visit counts once when true. */
export const COUNT_CONDITIONS: Record<RollupCount, string> = {
  tickets: 'true',
  served: "v.outcome = 'done'",
  no_shows: "v.outcome = 'no-show'",
  offered: 'v.rating_offered',
  rated: 'v.score IS NOT NULL',
  score_1: 'v.score = 1',
  score_2: 'v.score = 2',
  score_3: 'v.score = 3',
  score_4: 'v.score = 4',
  score_5: 'v.score = 5',
  reason_waiting_time: "'waiting-time' = ANY (v.reasons)",
  reason_staff: "'staff' = ANY (v.reasons)",
  reason_result: "'result' = ANY (v.reasons)",
  reason_premises: "'premises' = ANY (v.reasons)",
};

/** A time in whole minutes, the last bucket holding everything past the cap (NULL stays NULL: LEAST would drop it). */
export const minutesBucket = (seconds: string) =>
  `CASE WHEN ${seconds} IS NOT NULL THEN LEAST(${seconds} / 60, histogram_cap_minutes()) END`;

const HISTOGRAMS = {
  wait_hist: minutesBucket('v.waiting_seconds'),
  service_hist: minutesBucket('v.service_seconds'),
} as const;

/** The rollup's key columns at each grain, as expressions over a visit. */
const DAY: [string, string] = ['local_day', 'v.local_day'];
const MONTH: [string, string] = ['month', "date_trunc('month', v.local_day)::date"];
const YEAR: [string, string] = ['year', "date_trunc('year', v.local_day)::date"];
const CENTRE: [string, string] = ['centre_id', 'v.centre_id'];
// The centre's region as the visit is rolled up (centres joined as c; see REGION_JOIN). A centre
// moved to another region takes its rows with it (move_centre_region, migration 010).
const REGION: [string, string] = ['region', `COALESCE(c.region, '${UNASSIGNED_REGION}')`];
const SERVICE: [string, string] = ['service_id', 'v.service_id'];
// A visit never called at a desk is the desk ''.
const DESK: [string, string] = ['desk_id', "COALESCE(v.desk_id, '')"];
const KEYS: Record<RollupGrain, Array<[string, string]>> = {
  day: [DAY, CENTRE, SERVICE],
  month: [MONTH, CENTRE, SERVICE],
  year: [YEAR, CENTRE, SERVICE],
  region_day: [DAY, REGION, SERVICE],
  region_month: [MONTH, REGION, SERVICE],
  region_year: [YEAR, REGION, SERVICE],
  network_day: [DAY, SERVICE],
  network_month: [MONTH, SERVICE],
  network_year: [YEAR, SERVICE],
  desk_day: [DAY, CENTRE, DESK, SERVICE],
  desk_month: [MONTH, CENTRE, DESK, SERVICE],
  desk_year: [YEAR, CENTRE, DESK, SERVICE],
};

/** Tickets per local hour of issue (a day's weekday is its own), or per weekday and hour (a month's or year's). */
const DAY_HOURS: [string, string] = ['hours', 'v.local_hour'];
const WEEK_HOURS: [string, string] = [
  'week_hours',
  '(extract(isodow FROM v.local_day)::integer - 1) * 24 + v.local_hour',
];
const HOURS: Record<RollupGrain, [string, string] | null> = {
  day: DAY_HOURS,
  month: WEEK_HOURS,
  year: WEEK_HOURS,
  region_day: DAY_HOURS,
  region_month: WEEK_HOURS,
  region_year: WEEK_HOURS,
  network_day: DAY_HOURS,
  network_month: WEEK_HOURS,
  network_year: WEEK_HOURS,
  // A desk's busiest hours are read from its visits with its figures.
  desk_day: null,
  desk_month: null,
  desk_year: null,
};
const hoursOf = (grain: RollupGrain): Array<[string, string]> => {
  const hours = HOURS[grain];
  return hours ? [hours] : [];
};

/** The key columns of a grain's table. */
export const rollupKeys = (grain: RollupGrain) => KEYS[grain].map(([name]) => name);

export const rollupTable = (grain: RollupGrain) => `visit_rollup_${grain}`;

/** What a grain is read from: its table, or for desk_day (not kept) the visits rolled up as read. */
export const rollupSource = (grain: RollupGrain) =>
  ROLLUP_GRAINS.includes(grain)
    ? rollupTable(grain)
    : `(${rollupSelect(grain, '(SELECT visits.*, 1 AS sign FROM visits)')})`;

/** The rollup table's columns, in the order rollupSelect yields them. */
export function rollupColumns(grain: RollupGrain): string[] {
  return [
    ...KEYS[grain].map(([name]) => name),
    ...ROLLUP_COUNT_COLUMNS,
    ...Object.keys(HISTOGRAMS),
    ...hoursOf(grain).map(([name]) => name),
  ];
}

/** The contributions of `source`'s visits, one row per rollup key. */
export function rollupSelect(grain: RollupGrain, source: string): string {
  const keys = KEYS[grain];
  return `SELECT ${keys.map(([name, expr]) => `${expr} AS ${name}`).join(', ')},
    ${ROLLUP_COUNT_COLUMNS.map((name) => `COALESCE(sum(v.sign) FILTER (WHERE ${COUNT_CONDITIONS[name]}), 0)::integer AS ${name}`).join(',\n    ')},
    ${[...Object.entries(HISTOGRAMS), ...hoursOf(grain)].map(([name, bucket]) => `hist_agg(${bucket}, v.sign) AS ${name}`).join(', ')}
  FROM ${source} v${keys.includes(REGION) ? ' LEFT JOIN centres c ON c.centre_id = v.centre_id' : ''}
  GROUP BY ${keys.map((_, index) => index + 1).join(', ')}`;
}

/**
 * Adds `source`'s contributions to the rollup: counts and histograms added to the row of each key
 * (a -1 takes a visit's old contribution back out, so a row may fall to zero and stay).
 */
export function rollupUpsert(grain: RollupGrain, source: string): string {
  const table = rollupTable(grain);
  const columns = rollupColumns(grain);
  const keys = rollupKeys(grain);
  const sums = [
    ...ROLLUP_COUNT_COLUMNS.map((name) => `${name} = r.${name} + EXCLUDED.${name}`),
    ...[...Object.keys(HISTOGRAMS), ...hoursOf(grain).map(([name]) => name)].map(
      (name) => `${name} = hist_add(r.${name}, EXCLUDED.${name})`,
    ),
  ];
  return `INSERT INTO ${table} AS r (${columns.join(', ')})
  ${rollupSelect(grain, source)}
  ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sums.join(', ')}`;
}
