/*
 * What a visit adds to the rollups, written once (issue 13): ingest runs it over the visits a batch
 * changed (their rows before, weighted -1, and after, +1) and the generator over every visit it
 * wrote (+1), so an incremental rollup and one rebuilt from the visits cannot differ in definition.
 * `source` is any relation with the `visits` columns and an integer `sign`.
 */

export type RollupGrain = 'day' | 'month';

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
const COUNT_CONDITIONS: Record<RollupCount, string> = {
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
const KEYS: Record<RollupGrain, Array<[string, string]>> = {
  day: [
    ['local_day', 'v.local_day'],
    ['centre_id', 'v.centre_id'],
    ['service_id', 'v.service_id'],
    ['desk_id', "COALESCE(v.desk_id, '')"],
  ],
  month: [
    ['month', "date_trunc('month', v.local_day)::date"],
    ['centre_id', 'v.centre_id'],
    ['service_id', 'v.service_id'],
  ],
};

const HOURS: Record<RollupGrain, [string, string]> = {
  day: ['hours', 'v.local_hour'],
  month: ['week_hours', '(extract(isodow FROM v.local_day)::integer - 1) * 24 + v.local_hour'],
};

export const rollupTable = (grain: RollupGrain) => `visit_rollup_${grain}`;

/** The rollup table's columns, in the order rollupSelect yields them. */
export function rollupColumns(grain: RollupGrain): string[] {
  return [...KEYS[grain].map(([name]) => name), ...ROLLUP_COUNT_COLUMNS, ...Object.keys(HISTOGRAMS), HOURS[grain][0]];
}

/** The contributions of `source`'s visits, one row per rollup key. */
export function rollupSelect(grain: RollupGrain, source: string): string {
  const keys = KEYS[grain];
  const [hoursName, hoursBucket] = HOURS[grain];
  return `SELECT ${keys.map(([name, expr]) => `${expr} AS ${name}`).join(', ')},
    ${ROLLUP_COUNT_COLUMNS.map((name) => `COALESCE(sum(v.sign) FILTER (WHERE ${COUNT_CONDITIONS[name]}), 0)::integer AS ${name}`).join(',\n    ')},
    ${Object.entries(HISTOGRAMS)
      .map(([name, bucket]) => `hist_agg(${bucket}, v.sign) AS ${name}`)
      .join(', ')},
    hist_agg(${hoursBucket}, v.sign) AS ${hoursName}
  FROM ${source} v
  GROUP BY ${keys.map((_, index) => index + 1).join(', ')}`;
}

/**
 * Adds `source`'s contributions to the rollup: counts and histograms added to the row of each key
 * (a -1 takes a visit's old contribution back out, so a row may fall to zero and stay).
 */
export function rollupUpsert(grain: RollupGrain, source: string): string {
  const table = rollupTable(grain);
  const columns = rollupColumns(grain);
  const keys = KEYS[grain].map(([name]) => name);
  const sums = [
    ...ROLLUP_COUNT_COLUMNS.map((name) => `${name} = r.${name} + EXCLUDED.${name}`),
    ...[...Object.keys(HISTOGRAMS), HOURS[grain][0]].map((name) => `${name} = hist_add(r.${name}, EXCLUDED.${name})`),
  ];
  return `INSERT INTO ${table} AS r (${columns.join(', ')})
  ${rollupSelect(grain, source)}
  ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sums.join(', ')}`;
}
