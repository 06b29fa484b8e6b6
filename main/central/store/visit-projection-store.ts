import type pg from 'pg';
import type { SyncRecord } from '../../contract/sync';
import { ROLLUP_GRAINS, rollupUpsert } from '../monitoring/rollup-sql';
import { foldedEventsCtes } from '../monitoring/standard-events';
import {
  EMPTY_VISIT,
  foldVisitFacts,
  lookupDays,
  mergeVisits,
  partialOfRow,
  visitRow,
  type PartialVisit,
  type VisitRow,
} from '../monitoring/visit-projection';

/*
 * The visits and their rollups, folded from the records by the projector (visit-projector.ts,
 * issue 13): a batch's records are folded per ticket, merged with the visit held (or the orphan
 * waiting for its ticket), and written with one statement that also takes each changed visit's
 * old contribution out of the rollups and puts its new one in. The device's projection cursor,
 * locked by the projector's transaction, serialises every change to that device's tickets, so
 * reading then writing here is safe.
 */

/** The months (their first days) of the tickets some records issue. */
export function partitionMonths(records: SyncRecord[]): string[] {
  const months = new Set<string>();
  for (const { fact } of records) if (fact.kind === 'ticket-issued') months.add(`${fact.localDay.slice(0, 7)}-01`);
  return [...months];
}

/**
 * Creates the visits partition of each month if missing. `known` (one per projector) holds the
 * months already made sure of, so each is asked for once.
 */
export async function ensureVisitPartitions(pool: pg.Pool, known: Set<string>, months: string[]): Promise<void> {
  for (const month of months) {
    if (known.has(month)) continue;
    // Its own short transaction, outside the projector's (see ensure_visit_partition).
    await pool.query('SELECT ensure_visit_partition($1::date)', [month]);
    known.add(month);
  }
}

const WRITTEN_COLUMNS = [
  'device_id',
  'ticket_id',
  'centre_id',
  'local_day',
  'issued_at',
  'issued_service_id',
  'language',
  'called_at',
  'started_at',
  'finished_at',
  'outcome',
  'outcome_at',
  'outcome_service_id',
  'desk_id',
  'desk_at',
  'rating_offered',
  'score',
  'reasons',
  'rated_at',
] as const satisfies ReadonlyArray<keyof VisitRow>;
/** What a later fact can change (the ticket's own part never changes). */
const CHANGING_COLUMNS = WRITTEN_COLUMNS.slice(7);

/**
 * Writes the visits (with their local hour read in the centre's zone) and moves their rollup
 * contributions: `old` are the rows as held before (taken out), the upserted rows are put in; and
 * records (or takes back) their standard events (monitoring/standard-events.ts).
 */
const WRITE_VISITS = `
WITH zone AS (
  SELECT COALESCE((SELECT time_zone FROM centres WHERE centre_id = $3), network_time_zone()) AS name
), up AS (
  INSERT INTO visits (${WRITTEN_COLUMNS.join(', ')}, local_hour)
  SELECT ${WRITTEN_COLUMNS.map((column) => `n.${column}`).join(', ')},
         extract(hour FROM n.issued_at AT TIME ZONE zone.name)::smallint
    FROM jsonb_populate_recordset(NULL::visits, $1) n CROSS JOIN zone
  ON CONFLICT (device_id, ticket_id, local_day) DO UPDATE SET
    ${CHANGING_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
  RETURNING *
), changes AS (
  SELECT up.*, 1 AS sign FROM up
  UNION ALL
  SELECT old.*, -1 AS sign FROM jsonb_populate_recordset(NULL::visits, $2) old
), ${foldedEventsCtes('up')}, ${ROLLUP_GRAINS.slice(1)
  .map(
    (grain) => `${grain} AS (
  ${rollupUpsert(grain, 'changes')}
  RETURNING 1
)`,
  )
  .join(', ')}
${rollupUpsert(ROLLUP_GRAINS[0]!, 'changes')}`;

interface HeldRow {
  source: 'visit' | 'orphan';
  ticket_id: number;
  row: VisitRow | PartialVisit;
}

/** Projects a batch of a device's records (in seq order) into visits, orphans and rollups. */
export async function projectVisits(
  client: pg.PoolClient,
  deviceId: string,
  centreId: string,
  records: SyncRecord[],
): Promise<void> {
  const folded = foldVisitFacts(records);
  const days = lookupDays(records);
  if (folded.size === 0 || days === null) return;
  const tickets = [...folded.keys()];
  // A ticket issued in this batch cannot be held as a visit yet; only its orphan can be.
  const stepsOnly = tickets.filter((ticketId) => folded.get(ticketId)!.ticket === null);

  const held = await client.query<HeldRow>(
    `SELECT 'visit' AS source, v.ticket_id::int AS ticket_id, to_jsonb(v) AS row FROM visits v
      WHERE v.device_id = $1 AND v.ticket_id = ANY ($2::bigint[]) AND v.local_day BETWEEN $4 AND $5
     UNION ALL
     SELECT 'orphan', o.ticket_id::int, o.partial FROM visit_orphans o
      WHERE o.device_id = $1 AND o.ticket_id = ANY ($3::bigint[])`,
    [deviceId, stepsOnly, tickets, days.from, days.to],
  );
  const heldVisits = new Map<number, VisitRow>();
  const orphans = new Map<number, PartialVisit>();
  for (const { source, ticket_id, row } of held.rows) {
    if (source === 'visit') heldVisits.set(ticket_id, row as VisitRow);
    else orphans.set(ticket_id, row as PartialVisit);
  }
  // Steps far from their ticket's day (a visit across midnight and a clock set wrong): every month.
  const unseen = stepsOnly.filter((ticketId) => !heldVisits.has(ticketId) && !orphans.get(ticketId)?.ticket);
  if (unseen.length > 0) {
    const far = await client.query<{ ticket_id: number; row: VisitRow }>(
      `SELECT v.ticket_id::int AS ticket_id, to_jsonb(v) AS row FROM visits v
        WHERE v.device_id = $1 AND v.ticket_id = ANY ($2::bigint[])`,
      [deviceId, unseen],
    );
    for (const { ticket_id, row } of far.rows) heldVisits.set(ticket_id, row);
  }

  const rows: VisitRow[] = [];
  const oldRows: VisitRow[] = [];
  const stillOrphans: Array<{ ticketId: number; partial: PartialVisit }> = [];
  const adopted: number[] = [];
  for (const [ticketId, part] of folded) {
    const heldRow = heldVisits.get(ticketId);
    const orphan = orphans.get(ticketId);
    let visit = heldRow ? partialOfRow(heldRow) : EMPTY_VISIT;
    if (orphan) visit = mergeVisits(visit, orphan);
    visit = mergeVisits(visit, part);
    const row = visitRow(deviceId, centreId, ticketId, visit);
    if (row === null) {
      stillOrphans.push({ ticketId, partial: visit });
      continue;
    }
    rows.push(row);
    if (heldRow) oldRows.push(heldRow);
    if (orphan) adopted.push(ticketId);
  }

  if (rows.length > 0) {
    // Named, so each connection plans this long statement once rather than per batch.
    await client.query({
      name: 'monitoring-write-visits',
      text: WRITE_VISITS,
      values: [JSON.stringify(rows), JSON.stringify(oldRows), centreId],
    });
  }
  if (stillOrphans.length > 0) {
    await client.query(
      `INSERT INTO visit_orphans (device_id, ticket_id, centre_id, partial)
       SELECT $1, ticket_id, $2, partial FROM unnest($3::bigint[], $4::jsonb[]) AS o (ticket_id, partial)
       ON CONFLICT (device_id, ticket_id) DO UPDATE SET partial = EXCLUDED.partial`,
      [
        deviceId,
        centreId,
        stillOrphans.map((orphan) => orphan.ticketId),
        stillOrphans.map((orphan) => JSON.stringify(orphan.partial)),
      ],
    );
  }
  if (adopted.length > 0) {
    await client.query('DELETE FROM visit_orphans WHERE device_id = $1 AND ticket_id = ANY ($2::bigint[])', [
      deviceId,
      adopted,
    ]);
  }
}
