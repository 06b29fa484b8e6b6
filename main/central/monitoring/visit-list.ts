import type { DayRange, MonitoringScope, VisitFilter, VisitRow, VisitsAnswer } from '../../contract/monitoring';
import {
  DEFAULT_SERVICE_MINUTES,
  DEFAULT_WAITING_MINUTES,
  eachMinute,
  figuresOf,
  scopeConditions,
  standardsOf,
  type RawAnswer,
  type SqlQuery,
} from './figures';

/*
 * The visits behind a figure (issue 13), for staff: a centre's (or its desk's, or service's) visits
 * of a range, those over a standard or all, the longest over first. Times are whole minutes (floor),
 * over standard when the minutes reach the standard, as the figures count them. The printed number
 * is read from the ticket-issued fact the device sent (sync_records, indexed for it by migration 008).
 *
 * A centre's or service's list is bounded first (listBoundsOf): the range's histograms, read from
 * the rollups, say how many minutes over its standard a visit must be to reach the page asked for,
 * so only those visits are read, through the (centre, service, seconds) indexes, and the total is
 * the rollups' count. A centre's nine years otherwise sorted its 1.5 M visits.
 */

export const VISITS_PAGE = 200;

export interface VisitListQuery {
  scope: MonitoringScope & { centreId: string };
  range: DayRange;
  filter: VisitFilter;
  offset: number;
}

/** How far over its standard a visit is, for the filter: the list's order, longest first. */
const EXCESS: Record<VisitFilter, string> = {
  'service-over-standard': 'service_minutes - service_standard',
  'waiting-over-standard': 'waiting_minutes - waiting_standard',
  // GREATEST leaves out NULLs: a visit not yet called has no excess and comes last.
  all: 'GREATEST(service_minutes - service_standard, waiting_minutes - waiting_standard)',
};
const KEEP: Record<VisitFilter, string> = {
  'service-over-standard': 'service_minutes >= service_standard',
  'waiting-over-standard': 'waiting_minutes >= waiting_standard',
  all: 'true',
};

/**
 * Per service, the least seconds of service (and of waiting) a visit needs to be on the page: every
 * visit before the page's end is at least that far over its standard.
 */
export interface ListBounds {
  services: string[];
  serviceSeconds: number[];
  waitingSeconds: number[];
}
/**
 * A visit within bounds (b), as the filter orders visits: for 'all', either time, read as a union
 * (an OR would be planned generically as one index scan of every visit of the range).
 */
const WITHIN_BOUNDS: Record<VisitFilter, string[]> = {
  'service-over-standard': ['v.service_seconds >= b.service_seconds'],
  'waiting-over-standard': ['v.waiting_seconds >= b.waiting_seconds'],
  all: ['v.service_seconds >= b.service_seconds', 'v.waiting_seconds >= b.waiting_seconds'],
};

/**
 * The list's total and its bounds for the first `needed` visits, from the range's rollup answer
 * (histograms per service, whole minutes, as the list counts them). The bound is the greatest
 * excess e that at least `needed` visits reach: with 'all' (a visit's greater excess) at least the
 * service times' or the waits' count at e, so their union holds the page. Null when 'all' cannot be
 * bounded: the page reaches visits never called, which have no excess.
 */
export function listBoundsOf(
  answer: RawAnswer,
  filter: VisitFilter,
  needed: number,
): { total: number; bounds: ListBounds } | null {
  const standards = standardsOf(answer);
  const excesses = (rows: RawAnswer['service'], standardOf: (id: string) => number) => {
    const counts = new Map<number, number>();
    eachMinute(rows, (serviceId, minute, count) => {
      const excess = minute - standardOf(serviceId);
      counts.set(excess, (counts.get(excess) ?? 0) + count);
    });
    return counts;
  };
  const kinds = {
    service: excesses(answer.service, standards.service),
    waiting: excesses(answer.wait, standards.waiting),
  };
  const counted =
    filter === 'all'
      ? [kinds.service, kinds.waiting]
      : [filter === 'service-over-standard' ? kinds.service : kinds.waiting];
  // Down from the greatest excess, each kind's visits at or past it, until one kind has enough.
  const reached = counted.map(() => 0);
  let bound: number | null = null;
  for (const excess of [...new Set(counted.flatMap((counts) => [...counts.keys()]))].sort((a, b) => b - a)) {
    counted.forEach((counts, index) => (reached[index]! += counts.get(excess) ?? 0));
    if (Math.max(...reached) >= needed) {
      bound = excess;
      break;
    }
  }
  // The list's total is the figure it was opened from.
  const figures = figuresOf(answer);
  let total: number;
  if (filter === 'all') {
    if (bound === null) return null;
    total = figures.tickets;
  } else {
    // Fewer over the standard than needed: the page is the last, every visit over it is read.
    bound = Math.max(bound ?? 0, 0);
    total = (filter === 'service-over-standard' ? figures.service : figures.waiting).overStandard;
  }
  const services = answer.services.map((row) => row.service_id);
  const seconds = (standardOf: (id: string) => number) => services.map((id) => (bound! + standardOf(id)) * 60);
  return {
    total,
    bounds: { services, serviceSeconds: seconds(standards.service), waitingSeconds: seconds(standards.waiting) },
  };
}

/**
 * The page and the count of visits kept: every visit of the scope and range the filter keeps, or,
 * with `bounds`, only those within them (kept then counts those read, not the list's total).
 */
export function visitListQuery(
  { scope, range, filter, offset }: VisitListQuery,
  bounds: ListBounds | null = null,
): SqlQuery {
  const values: unknown[] = [range.from, range.to];
  const where = ['v.local_day BETWEEN $1 AND $2', ...scopeConditions(scope, values, 'v', true)];
  let rows = `SELECT v.* FROM visits v WHERE ${where.join(' AND ')}`;
  if (bounds) {
    values.push(bounds.services, bounds.serviceSeconds, bounds.waitingSeconds);
    const n = values.length;
    const within = `unnest($${n - 2}::text[], $${n - 1}::integer[], $${n}::integer[]) AS b (service_id, service_seconds, waiting_seconds)
      JOIN visits v ON v.service_id = b.service_id`;
    rows = WITHIN_BOUNDS[filter]
      .map((condition) => `SELECT v.* FROM ${within} WHERE ${[...where, condition].join(' AND ')}`)
      .join('\n      UNION\n      ');
  }
  values.push(VISITS_PAGE, offset);
  const [limit, skip] = [`$${values.length - 1}`, `$${values.length}`];
  // Kept visits are filtered and ordered on their raw columns; only the page's are formatted and
  // have their printed number looked up (a centre's year is 180,000 visits).
  const text = `WITH v AS (
    SELECT v.device_id, v.ticket_id, v.local_day, v.issued_at, v.centre_id, v.service_id, v.desk_id, v.outcome,
           v.waiting_seconds / 60 AS waiting_minutes, v.service_seconds / 60 AS service_minutes,
           COALESCE(st.waiting_minutes, ${DEFAULT_WAITING_MINUTES}) AS waiting_standard,
           COALESCE(st.service_minutes, ${DEFAULT_SERVICE_MINUTES}) AS service_standard, v.score::integer AS score
      FROM (${rows}) v LEFT JOIN service_standards st ON st.service_id = v.service_id),
  kept AS MATERIALIZED (SELECT v.*, ${EXCESS[filter]} AS excess FROM v WHERE ${KEEP[filter]}),
  page AS MATERIALIZED (SELECT * FROM kept ORDER BY excess DESC NULLS LAST, issued_at, device_id, ticket_id LIMIT ${limit} OFFSET ${skip})
  SELECT (SELECT count(*) FROM kept)::integer AS total,
    COALESCE((SELECT jsonb_agg(to_jsonb(p) - 'issued' ORDER BY p.excess DESC NULLS LAST, p.issued, p.device_id, p.ticket_id)
      FROM (SELECT page.device_id, page.ticket_id, to_char(page.local_day, 'YYYY-MM-DD') AS local_day,
                   to_char(page.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS issued_at, page.issued_at AS issued,
                   page.centre_id, page.service_id, page.desk_id, page.outcome, page.waiting_minutes, page.service_minutes,
                   page.waiting_standard, page.service_standard, page.score, page.excess, n.number,
                   COALESCE((SELECT c.time_zone FROM centres c WHERE c.centre_id = page.centre_id), network_time_zone()) AS time_zone
              FROM page LEFT JOIN LATERAL (
              SELECT s.fact ->> 'number' AS number FROM sync_records s
               WHERE s.device_id = page.device_id AND s.kind = 'ticket-issued'
                 AND (s.fact ->> 'ticketId')::bigint = page.ticket_id LIMIT 1) n ON true) p), '[]') AS rows`;
  return { text, values };
}

/** One visit as the query answers it. */
export interface VisitListRow {
  device_id: string;
  ticket_id: number;
  number: string | null;
  local_day: string;
  issued_at: string;
  centre_id: string;
  service_id: string;
  desk_id: string | null;
  outcome: VisitRow['outcome'];
  waiting_minutes: number | null;
  service_minutes: number | null;
  waiting_standard: number;
  service_standard: number;
  score: number | null;
  time_zone: string;
}

export function visitsAnswerOf(query: VisitListQuery, total: number, rows: VisitListRow[]): VisitsAnswer {
  return {
    scope: query.scope,
    range: query.range,
    filter: query.filter,
    total,
    offset: query.offset,
    limit: VISITS_PAGE,
    visits: rows.map((row) => ({
      ref: `${row.device_id}:${row.ticket_id}`,
      number: row.number,
      localDay: row.local_day,
      issuedAt: row.issued_at,
      centreId: row.centre_id,
      serviceId: row.service_id,
      deskId: row.desk_id,
      outcome: row.outcome,
      waitingMinutes: row.waiting_minutes,
      serviceMinutes: row.service_minutes,
      waitingStandardMinutes: row.waiting_standard,
      serviceStandardMinutes: row.service_standard,
      score: row.score,
      timeZone: row.time_zone,
    })),
  };
}
