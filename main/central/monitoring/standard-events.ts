import type {
  DailyDigest,
  DayRange,
  EventsAnswer,
  MonitoringScope,
  StandardEvent,
  StandardEventKind,
} from '../../contract/monitoring';
import { DEFAULT_SERVICE_MINUTES, DEFAULT_WAITING_MINUTES, regionCondition, type SqlQuery } from './figures';

/*
 * Operator control (issue 13): an event when a visit passes its standard, the ASAN "automatic
 * control" (table standard_events, migration 007). A visit's waiting passes its standard when its
 * whole minutes from issue to first call reach the service's waiting standard, its service when
 * the whole minutes from start to finish reach the service standard (figures.ts counts the same
 * visits as over). Recorded twice over, both idempotent on (device, ticket, kind):
 * - when the projector folds a visit whose measured time is over (FOLDED_EVENTS, in the statement
 *   that writes the visits, over those rows only); it also takes back an event its look at open
 *   visits recorded for a visit that, measured, turned out within (the projector lagged, or the
 *   device's clock drifted);
 * - while the visit is still open: a ticket still waiting, or a visit being served, whose standard
 *   has passed by now on its device's clock (passedNowQuery), so the event exists while it is over.
 * passed_at is issue plus the waiting standard, or start plus the service standard.
 */

/** How an event is named outside: its visit's device and ticket (the same visit, the same ref). */
export const visitRef = (deviceId: string, ticketId: number | string) => `${deviceId}:${ticketId}`;

const EVENT_COLUMNS =
  'device_id, ticket_id, kind, centre_id, service_id, desk_id, local_day, passed_at, standard_minutes';

/**
 * Both kinds for a visit `v` joined to its standards `s`: the standard, the time it runs from, the
 * seconds measured (null while open), and whether the visit is still open in that part.
 */
const KINDS = `(VALUES
    ('waiting-over-standard', COALESCE(s.waiting_minutes, ${DEFAULT_WAITING_MINUTES}), v.issued_at, v.waiting_seconds, v.outcome = 'waiting'),
    ('service-over-standard', COALESCE(s.service_minutes, ${DEFAULT_SERVICE_MINUTES}), v.started_at, v.service_seconds, v.outcome = 'serving')
  ) AS k (kind, standard_minutes, since, seconds, open)`;

const SELECT_EVENTS = `SELECT v.device_id, v.ticket_id, k.kind, v.centre_id, v.service_id, v.desk_id, v.local_day,
         k.since + make_interval(mins => k.standard_minutes), k.standard_minutes`;

/**
 * CTEs for the projector's statement (visit-projection-store.ts): `source` holds the visits just
 * written (their rows as upserted). One INSERT … SELECT and one DELETE per batch, both through the
 * primary key; a later fold of the same visit refreshes its event (its desk, after a transfer its
 * service) only when something changed.
 */
export const foldedEventsCtes = (source: string) => `standard_events_over AS (
  INSERT INTO standard_events (${EVENT_COLUMNS})
  ${SELECT_EVENTS}
    FROM ${source} v LEFT JOIN service_standards s ON s.service_id = v.service_id CROSS JOIN LATERAL ${KINDS}
   WHERE k.seconds >= k.standard_minutes * 60
  ON CONFLICT (device_id, ticket_id, kind) DO UPDATE SET
    service_id = EXCLUDED.service_id, desk_id = EXCLUDED.desk_id,
    passed_at = EXCLUDED.passed_at, standard_minutes = EXCLUDED.standard_minutes
  WHERE (standard_events.service_id, standard_events.desk_id, standard_events.passed_at, standard_events.standard_minutes)
        IS DISTINCT FROM (EXCLUDED.service_id, EXCLUDED.desk_id, EXCLUDED.passed_at, EXCLUDED.standard_minutes)
  RETURNING 1
), standard_events_within AS (
  DELETE FROM standard_events e
   USING ${source} v LEFT JOIN service_standards s ON s.service_id = v.service_id CROSS JOIN LATERAL ${KINDS}
   WHERE e.device_id = v.device_id AND e.ticket_id = v.ticket_id AND e.kind = k.kind
     AND k.seconds < k.standard_minutes * 60
  RETURNING 1
)`;

/**
 * Records an event for every open visit of today (each centre's own local day, as the live view
 * reads them) whose standard has passed by `now` on its device's clock (the central's clock plus
 * the skew measured at the device's last batch). Already recorded: nothing happens.
 */
export function passedNowQuery(now: Date): SqlQuery {
  const text = `INSERT INTO standard_events (${EVENT_COLUMNS})
  ${SELECT_EVENTS}
    FROM visits v
    JOIN devices d ON d.device_id = v.device_id
    LEFT JOIN centres c ON c.centre_id = v.centre_id
    LEFT JOIN service_standards s ON s.service_id = v.service_id
    CROSS JOIN LATERAL ${KINDS}
   WHERE v.outcome IN ('waiting', 'called', 'serving')
     AND v.local_day BETWEEN ($1::timestamptz AT TIME ZONE 'UTC')::date - 1 AND ($1::timestamptz AT TIME ZONE 'UTC')::date + 1
     AND v.local_day = ($1::timestamptz AT TIME ZONE COALESCE(c.time_zone, network_time_zone()))::date
     AND k.open
     AND k.since + make_interval(mins => k.standard_minutes) <= $1::timestamptz + make_interval(secs => COALESCE(d.clock_skew_seconds, 0))
   ORDER BY v.device_id, v.ticket_id, k.kind
  ON CONFLICT (device_id, ticket_id, kind) DO NOTHING`;
  return { text, values: [now] };
}

/** Conditions on standard_events `e` for a scope, range and (for an account of some centres) those centres. */
function eventConditions(scope: MonitoringScope, range: DayRange, centres: readonly string[] | null): SqlQuery {
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = [`e.local_day BETWEEN ${bind(range.from)} AND ${bind(range.to)}`];
  if (centres !== null) conditions.push(`e.centre_id = ANY (${bind([...centres])}::text[])`);
  if (scope.region !== undefined) conditions.push(regionCondition('e', scope.region, bind));
  if (scope.centreId !== undefined) conditions.push(`e.centre_id = ${bind(scope.centreId)}`);
  if (scope.serviceId !== undefined) conditions.push(`e.service_id = ${bind(scope.serviceId)}`);
  if (scope.deskId !== undefined) conditions.push(`COALESCE(e.desk_id, '') = ${bind(scope.deskId)}`);
  return { text: conditions.join(' AND '), values };
}

/** How many of the newest events an answer lists. */
export const LATEST_EVENTS = 50;

export interface EventRow {
  device_id: string;
  ticket_id: string;
  kind: StandardEventKind;
  centre_id: string;
  service_id: string;
  desk_id: string | null;
  local_day: string;
  passed_at: Date;
  standard_minutes: number;
}

export interface EventCountRow {
  centre_id: string;
  desk_id: string | null;
  service_id: string;
  kind: StandardEventKind;
  count: number;
}

/** Counts per centre, desk, service and kind, most first. */
export function eventCountsQuery(scope: MonitoringScope, range: DayRange, centres: readonly string[] | null): SqlQuery {
  const where = eventConditions(scope, range, centres);
  return {
    text: `SELECT e.centre_id, e.desk_id, e.service_id, e.kind, count(*)::integer AS count
             FROM standard_events e WHERE ${where.text}
            GROUP BY 1, 2, 3, 4 ORDER BY count DESC, 1, 2 NULLS LAST, 3, 4`,
    values: where.values,
  };
}

/**
 * The newest events (by when they passed their standard), read backwards through the passed_at
 * index. A visit passes its standard within hours of its ticket's day (standards are minutes), so
 * passed_at is also bounded by the range's days, two days to spare either side: without that bound
 * a range long past is reached only after every newer event of the network is read.
 */
export function latestEventsQuery(
  scope: MonitoringScope,
  range: DayRange,
  centres: readonly string[] | null,
): SqlQuery {
  const where = eventConditions(scope, range, centres);
  return {
    text: `SELECT e.device_id, e.ticket_id::text, e.kind, e.centre_id, e.service_id, e.desk_id,
                  to_char(e.local_day, 'YYYY-MM-DD') AS local_day, e.passed_at, e.standard_minutes
             FROM standard_events e WHERE ${where.text}
              AND e.passed_at >= ($1::date - 2)::timestamp AT TIME ZONE 'UTC'
              AND e.passed_at < ($2::date + 3)::timestamp AT TIME ZONE 'UTC'
            ORDER BY e.passed_at DESC, e.device_id, e.ticket_id, e.kind LIMIT ${LATEST_EVENTS}`,
    values: where.values,
  };
}

export function eventsAnswerOf(
  scope: MonitoringScope,
  range: DayRange,
  counts: EventCountRow[],
  latest: EventRow[],
): EventsAnswer {
  return {
    scope,
    range,
    counts: counts.map((row) => ({
      centreId: row.centre_id,
      deskId: row.desk_id,
      serviceId: row.service_id,
      kind: row.kind,
      count: row.count,
    })),
    latest: latest.map((row): StandardEvent => ({
      ref: visitRef(row.device_id, row.ticket_id),
      kind: row.kind,
      centreId: row.centre_id,
      serviceId: row.service_id,
      deskId: row.desk_id,
      localDay: row.local_day,
      passedAt: row.passed_at.toISOString(),
      standardMinutes: row.standard_minutes,
    })),
  };
}

export interface DeskDayRow {
  desk_id: string | null;
  served: number;
  over_standard: number;
  median_service_minutes: number | null;
}

/**
 * A centre's desks on one day: visits served, those over the service standard (as figures.ts
 * counts them: whole minutes at or past it) and the median of whole minutes, over most first.
 */
export function deskDayQuery(centreId: string, day: string): SqlQuery {
  return {
    text: `SELECT v.desk_id, count(*)::integer AS served,
                  (count(*) FILTER (WHERE v.service_seconds >= COALESCE(s.service_minutes, ${DEFAULT_SERVICE_MINUTES}) * 60))::integer AS over_standard,
                  percentile_disc(0.5) WITHIN GROUP (ORDER BY LEAST(v.service_seconds / 60, histogram_cap_minutes())) AS median_service_minutes
             FROM visits v LEFT JOIN service_standards s ON s.service_id = v.service_id
            WHERE v.centre_id = $1 AND v.local_day = $2 AND v.outcome = 'done' AND v.service_seconds IS NOT NULL
            GROUP BY v.desk_id
            ORDER BY over_standard DESC, served DESC, v.desk_id NULLS LAST`,
    values: [centreId, day],
  };
}

export const desksOf = (rows: DeskDayRow[]): DailyDigest['desks'] =>
  rows.map((row) => ({
    deskId: row.desk_id,
    served: row.served,
    overStandard: row.over_standard,
    medianServiceMinutes: row.median_service_minutes,
  }));

/** The day an instant falls on at a centre's wall clock (the network's zone for a centre not described). */
export function centreDayQuery(centreId: string, at: Date): SqlQuery {
  return {
    text: `SELECT to_char(($2::timestamptz AT TIME ZONE COALESCE(
                    (SELECT time_zone FROM centres WHERE centre_id = $1), network_time_zone()))::date, 'YYYY-MM-DD') AS day`,
    values: [centreId, at],
  };
}
