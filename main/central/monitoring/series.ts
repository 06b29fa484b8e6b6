import type { DayRange, MonitoringScope, SeriesAnswer, SeriesPoint } from '../../contract/monitoring';
import {
  DEFAULT_SERVICE_MINUTES,
  DEFAULT_WAITING_MINUTES,
  dayNumber,
  dayOf,
  familyConditions,
  familyOf,
  scopeConditions,
  splitRange,
  type SqlQuery,
} from './figures';
import { COUNT_CONDITIONS, minutesBucket, rollupGrainOf, rollupTable } from './rollup-sql';

/*
 * A scope's figures over time (issue 13): a point a day for ranges up to 92 days, else a point a
 * month (named by its first day; the range's partial months at either end count only their days in
 * it). Shares within standard are read against each service's standard (service_standards, else the
 * defaults) from the rollups' histograms: the first `standard` buckets are the visits within. A
 * desk's days (its rollups keep no days) are read from its visit rows through the desk index.
 */

export const MAX_DAILY_DAYS = 92;
export type Grain = SeriesAnswer['grain'];

export const grainOf = (range: DayRange): Grain =>
  dayNumber(range.to) - dayNumber(range.from) + 1 <= MAX_DAILY_DAYS ? 'day' : 'month';

/** Every period of the range, in order: its days, or the first days of its months. */
export function periodsOf(range: DayRange, grain: Grain): string[] {
  const periods: string[] = [];
  if (grain === 'day') {
    for (let n = dayNumber(range.from); n <= dayNumber(range.to); n++) periods.push(dayOf(n));
    return periods;
  }
  let [year, month] = range.from.split('-').map(Number) as [number, number];
  const last = range.to.slice(0, 7);
  for (;;) {
    const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    if (first.slice(0, 7) > last) return periods;
    periods.push(first);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** What each query answers per period: sums the point is computed from. */
export interface SeriesRow {
  period: string;
  tickets: number;
  served: number;
  no_shows: number;
  rated: number;
  score_sum: number;
  wait_within: number;
  wait_measured: number;
  service_within: number;
  service_measured: number;
}

const STANDARD_JOIN = 'LEFT JOIN service_standards st ON st.service_id = x.service_id';
const WAITING_STANDARD = `COALESCE(st.waiting_minutes, ${DEFAULT_WAITING_MINUTES})`;
const SERVICE_STANDARD = `COALESCE(st.service_minutes, ${DEFAULT_SERVICE_MINUTES})`;

/** The sums of a histogram column's first `standard` buckets and of all of them, per rollup row. */
const histogramSums = (column: string, standard: string, name: string) =>
  `(SELECT COALESCE(sum(n), 0) FROM unnest(x.${column}[1:${standard}]) n) AS ${name}_within,
   (SELECT COALESCE(sum(n), 0) FROM unnest(x.${column}) n) AS ${name}_measured`;

const SUMS = `to_char(period, 'YYYY-MM-DD') AS period, sum(tickets)::integer AS tickets, sum(served)::integer AS served,
    sum(no_shows)::integer AS no_shows, sum(rated)::integer AS rated, sum(score_sum)::integer AS score_sum,
    sum(wait_within)::integer AS wait_within, sum(wait_measured)::integer AS wait_measured,
    sum(service_within)::integer AS service_within, sum(service_measured)::integer AS service_measured`;

/** Per period from the rollups: the network's or the region's tables without a centre, else the centres'. */
export function seriesRollupQuery(scope: MonitoringScope, range: DayRange, grain: Grain): SqlQuery {
  if (scope.deskId !== undefined) return seriesVisitQuery(scope, range, grain);
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const family = familyOf(scope);
  const row = (period: string) => `${period} AS period, x.tickets, x.served, x.no_shows, x.rated,
      x.score_1 + 2 * x.score_2 + 3 * x.score_3 + 4 * x.score_4 + 5 * x.score_5 AS score_sum,
      ${histogramSums('wait_hist', WAITING_STANDARD, 'wait')},
      ${histogramSums('service_hist', SERVICE_STANDARD, 'service')}`;
  const parts: string[] = [];
  const { months, days } = grain === 'day' ? { months: null, days: [range] } : splitRange(range);
  if (months) {
    const where = [
      `x.month BETWEEN ${bind(months.from)} AND ${bind(months.to)}`,
      ...familyConditions(scope, family, values),
    ];
    parts.push(`SELECT ${row('x.month')}
      FROM ${rollupTable(rollupGrainOf(family, 'month'))} x ${STANDARD_JOIN} WHERE ${where.join(' AND ')}`);
  }
  if (days.length > 0) {
    const where = [
      `(${days.map((part) => `x.local_day BETWEEN ${bind(part.from)} AND ${bind(part.to)}`).join(' OR ')})`,
      ...familyConditions(scope, family, values),
    ];
    const period = grain === 'day' ? 'x.local_day' : "date_trunc('month', x.local_day)::date";
    parts.push(`SELECT ${row(period)}
      FROM ${rollupTable(rollupGrainOf(family, 'day'))} x ${STANDARD_JOIN} WHERE ${where.join(' AND ')}`);
  }
  const text = `SELECT ${SUMS} FROM (${parts.join('\n  UNION ALL\n  ')}) p GROUP BY period ORDER BY period`;
  return { text, values };
}

/** Per period from the visit rows (a desk's; also the tests' independent reading). */
export function seriesVisitQuery(scope: MonitoringScope, range: DayRange, grain: Grain): SqlQuery {
  if (scope.deskId !== undefined && scope.centreId === undefined)
    throw new Error('scope.deskId: a desk needs its centreId');
  const values: unknown[] = [range.from, range.to];
  const where = ['x.local_day BETWEEN $1 AND $2', ...scopeConditions(scope, values, 'x', true)];
  const period = grain === 'day' ? 'x.local_day' : "date_trunc('month', x.local_day)::date";
  const count = (condition: string) => `(count(*) FILTER (WHERE ${condition}))::integer`;
  const v = (condition: string) => condition.replaceAll('v.', 'x.');
  const wait = minutesBucket('x.waiting_seconds');
  const service = minutesBucket('x.service_seconds');
  const text = `SELECT to_char(${period}, 'YYYY-MM-DD') AS period, count(*)::integer AS tickets,
      ${count(v(COUNT_CONDITIONS.served))} AS served, ${count(v(COUNT_CONDITIONS.no_shows))} AS no_shows,
      ${count(v(COUNT_CONDITIONS.rated))} AS rated, COALESCE(sum(x.score), 0)::integer AS score_sum,
      ${count(`${wait} < ${WAITING_STANDARD}`)} AS wait_within, count(x.waiting_seconds)::integer AS wait_measured,
      ${count(`${service} < ${SERVICE_STANDARD}`)} AS service_within, count(x.service_seconds)::integer AS service_measured
    FROM visits x ${STANDARD_JOIN} WHERE ${where.join(' AND ')}
    GROUP BY 1 ORDER BY 1`;
  return { text, values };
}

export function seriesQuery(scope: MonitoringScope, range: DayRange): SqlQuery {
  return seriesRollupQuery(scope, range, grainOf(range));
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Every period of the range, those without a row at zero. */
export function seriesAnswerOf(scope: MonitoringScope, range: DayRange, rows: SeriesRow[]): SeriesAnswer {
  const grain = grainOf(range);
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  const points = periodsOf(range, grain).map((period): SeriesPoint => {
    const row = byPeriod.get(period);
    return {
      period,
      tickets: row?.tickets ?? 0,
      served: row?.served ?? 0,
      noShows: row?.no_shows ?? 0,
      waitingWithinShare: row ? share(row.wait_within, row.wait_measured) : null,
      serviceWithinShare: row ? share(row.service_within, row.service_measured) : null,
      satisfactionAverage: row ? share(row.score_sum, row.rated) : null,
      rated: row?.rated ?? 0,
    };
  });
  return { scope, range, grain, points };
}
