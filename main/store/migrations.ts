import type Database from 'better-sqlite3';

/**
 * The history a kiosk already holds, as the facts it would have written had the outbox existed:
 * tickets issued (with the service they were issued for, before any transfer), their last print
 * outcome (earlier outcomes and reprints were never kept), every desk step, every rating step with
 * the rating's language, service and desk, every offer and every paper roll (a print error cut to
 * the 2,000 characters the contract takes, as the store does). Ordered by the device's
 * clock, each fact of a ticket no earlier than the ticket's issue (a clock set back must not put a
 * step before its ticket), then by the order the live store writes them in, then by row.
 */
const OUTBOX_BACKFILL = `
  INSERT INTO outbox (at, kind, fact)
  SELECT at, kind, fact FROM (
    SELECT issued_at AS at, issued_at AS sort_at, 0 AS rank, id AS row_id, 'ticket-issued' AS kind,
      json_object('kind', 'ticket-issued', 'ticketId', id, 'number', number, 'group', ticket_group,
        'sequence', sequence, 'localDay', local_day, 'serviceId', COALESCE(transferred_from, service_id),
        'language', language, 'priority', priority, 'peopleAhead', people_ahead,
        'estimatedWaitMinutes', estimated_wait_minutes) AS fact
    FROM tickets
    UNION ALL
    SELECT print_outcome_at, max(print_outcome_at, issued_at), 1, id, 'print-outcome',
      json_object('kind', 'print-outcome', 'ticketId', id, 'status', print_status, 'error',
        CASE WHEN length(print_error) > 2000 THEN substr(print_error, 1, 1999) || '…' ELSE print_error END)
    FROM tickets WHERE print_status <> 'pending' AND print_outcome_at IS NOT NULL
    UNION ALL
    SELECT e.at, max(e.at, t.issued_at), 2, e.id, 'visit-step',
      json_object('kind', 'visit-step', 'ticketId', e.ticket_id, 'step', e.kind,
        'stateAfter', CASE e.kind WHEN 'called' THEN 'called' WHEN 'recalled' THEN 'called'
          WHEN 'started' THEN 'serving' WHEN 'finished' THEN 'done' WHEN 'no-show' THEN 'no-show'
          ELSE 'waiting' END,
        'deskId', e.desk_id, 'serviceId', e.service_id)
    FROM visit_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind <> 'issued'
    UNION ALL
    SELECT o.offered_at, max(o.offered_at, t.issued_at), 3, o.ticket_id, 'rating-offered',
      json_object('kind', 'rating-offered', 'ticketId', o.ticket_id)
    FROM rating_offers o JOIN tickets t ON t.id = o.ticket_id
    UNION ALL
    SELECT e.at, max(e.at, t.issued_at), 4, e.id, 'rating',
      json_object('kind', 'rating', 'ticketId', e.ticket_id, 'step', e.kind, 'score', e.score,
        'reasons', json(e.reasons), 'language', r.language, 'serviceId', r.service_id, 'deskId', r.desk_id)
    FROM rating_events e JOIN ratings r ON r.ticket_id = e.ticket_id JOIN tickets t ON t.id = e.ticket_id
    UNION ALL
    SELECT loaded_at, loaded_at, 5, id, 'paper-roll', json_object('kind', 'paper-roll')
    FROM paper_rolls
  ) ORDER BY sort_at, rank, row_id;`;

/**
 * Schema changes in order; `PRAGMA user_version` records how many have run. Append only: a kiosk
 * keeps years of history, so a released migration is never edited.
 */
/** SQL run as one script, or a step that needs to read the schema first (a table rebuild). */
export type Migration = string | ((db: Database.Database) => void);

export const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE tickets (
     id INTEGER PRIMARY KEY,
     number TEXT NOT NULL,
     ticket_group TEXT NOT NULL,
     sequence INTEGER NOT NULL,
     local_day TEXT NOT NULL,
     service_id TEXT NOT NULL,
     language TEXT NOT NULL,
     issued_at TEXT NOT NULL,
     print_status TEXT NOT NULL CHECK (print_status IN ('pending', 'printed', 'failed')),
     print_error TEXT,
     print_outcome_at TEXT,
     visit_ended_at TEXT,
     UNIQUE (local_day, ticket_group, sequence)
   );
   CREATE INDEX tickets_by_day_number ON tickets (local_day, number);
   CREATE TABLE ratings (
     ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
     score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
     language TEXT NOT NULL,
     rated_at TEXT NOT NULL
   );`,
  // Each time the printer's paper comes back (a new roll), so the crew sees tickets printed since.
  `CREATE TABLE paper_rolls (
     id INTEGER PRIMARY KEY,
     loaded_at TEXT NOT NULL
   );
   CREATE INDEX tickets_by_print_outcome ON tickets (print_status, print_outcome_at);`,
  // Priority tickets: the category chosen on the kiosk (elderly, disabled, …), null for a normal one.
  `ALTER TABLE tickets ADD COLUMN priority TEXT;`,
  // Visits at desks: the ticket row holds where the visit stands now, visit_events keeps every
  // step (append only) for the hall display, the wait estimate and the day's figures. Ratings keep
  // the visit's service and desk as they were when it ended, since a transfer may change them later.
  `ALTER TABLE tickets ADD COLUMN state TEXT NOT NULL DEFAULT 'waiting'
     CHECK (state IN ('waiting', 'called', 'serving', 'done', 'no-show'));
   ALTER TABLE tickets ADD COLUMN desk_id TEXT;
   ALTER TABLE tickets ADD COLUMN called_at TEXT;
   ALTER TABLE tickets ADD COLUMN recalls INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE tickets ADD COLUMN serving_started_at TEXT;
   ALTER TABLE tickets ADD COLUMN no_show_at TEXT;
   ALTER TABLE tickets ADD COLUMN transferred_from TEXT;
   ALTER TABLE tickets ADD COLUMN people_ahead INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE tickets ADD COLUMN estimated_wait_minutes INTEGER;
   UPDATE tickets SET state = 'done' WHERE visit_ended_at IS NOT NULL;
   CREATE INDEX tickets_by_day_state ON tickets (local_day, state);
   -- The wait estimate's rolling average reads the last served visits of a service on every issue.
   CREATE INDEX tickets_served_by_service ON tickets (service_id, visit_ended_at) WHERE state = 'done';
   CREATE TABLE visit_events (
     id INTEGER PRIMARY KEY,
     ticket_id INTEGER NOT NULL REFERENCES tickets (id),
     kind TEXT NOT NULL
       CHECK (kind IN ('issued', 'called', 'recalled', 'started', 'finished', 'no-show', 'transferred')),
     desk_id TEXT,
     service_id TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX visit_events_by_kind ON visit_events (kind, id);
   CREATE INDEX visit_events_by_ticket ON visit_events (ticket_id, id);
   INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at)
     SELECT id, 'issued', NULL, service_id, issued_at FROM tickets;
   INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at)
     SELECT id, 'finished', NULL, service_id, visit_ended_at FROM tickets WHERE visit_ended_at IS NOT NULL;
   ALTER TABLE ratings ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE ratings ADD COLUMN service_id TEXT;
   ALTER TABLE ratings ADD COLUMN desk_id TEXT;
   ALTER TABLE ratings ADD COLUMN visit_ended_at TEXT;
   UPDATE ratings SET
     service_id = (SELECT service_id FROM tickets WHERE tickets.id = ratings.ticket_id),
     visit_ended_at = COALESCE((SELECT visit_ended_at FROM tickets WHERE tickets.id = ratings.ticket_id), rated_at);`,
  // PIN lockouts (main/store/sqlite-lockouts.ts), kept so a restart does not reset them.
  `CREATE TABLE pin_lockouts (
     key TEXT PRIMARY KEY,
     wrong_pins INTEGER NOT NULL,
     lockouts INTEGER NOT NULL,
     locked_until INTEGER NOT NULL,
     last_wrong_at INTEGER NOT NULL
   );`,
  // A print outcome of `interrupted` (issue 10): the tickets table is rebuilt to widen its CHECK.
  allowInterruptedPrints,
  // A rating is stored at the first face tap; a changed score or the reasons chosen afterwards update
  // the row, and rating_events keeps every step (append only, written in the same transaction).
  // rating_offers holds each ended visit whose rating screen was shown: the response rate's base.
  `CREATE TABLE rating_events (
     id INTEGER PRIMARY KEY,
     ticket_id INTEGER NOT NULL REFERENCES tickets (id),
     kind TEXT NOT NULL CHECK (kind IN ('tapped', 'changed', 'reasons-set')),
     score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
     reasons TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX rating_events_by_ticket ON rating_events (ticket_id, id);
   INSERT INTO rating_events (ticket_id, kind, score, reasons, at)
     SELECT ticket_id, 'tapped', score, reasons, rated_at FROM ratings;
   CREATE TABLE rating_offers (
     ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id),
     offered_at TEXT NOT NULL
   );
   INSERT INTO rating_offers (ticket_id, offered_at) SELECT ticket_id, rated_at FROM ratings;`,
  // The outbox (DESIGN.md, "The network"): every fact the central server is told, numbered 1, 2, 3, …
  // per device (AUTOINCREMENT: a sequence is never reused, even once acknowledged records are
  // pruned), each written in the same transaction as its change (sqlite-store.ts). outbox_sync keeps
  // the highest sequence the central server acknowledged. An existing kiosk's history is written
  // into it first, so upgrading loses nothing upstream.
  `CREATE TABLE outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     kind TEXT NOT NULL,
     fact TEXT NOT NULL
   );
   CREATE TABLE outbox_sync (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     acknowledged_seq INTEGER NOT NULL,
     acknowledged_at TEXT
   );
   INSERT INTO outbox_sync (id, acknowledged_seq, acknowledged_at) VALUES (1, 0, NULL);
   ${OUTBOX_BACKFILL}`,
  // The hall (main/contract/hall.ts). origin_ref: the id a kiosk of a hall gave the ticket before
  // asking its server, on both sides, so a request sent twice or a ticket handed over twice is one
  // ticket; origin_kiosk: on the server, the kiosk that printed it; issued_offline: numbered from
  // the kiosk's own block while the server was away; handed_over_at: on a kiosk, when the server
  // last took the ticket as it is now (NULL: to hand over).
  `ALTER TABLE tickets ADD COLUMN origin_ref TEXT;
   ALTER TABLE tickets ADD COLUMN origin_kiosk TEXT;
   ALTER TABLE tickets ADD COLUMN issued_offline INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE tickets ADD COLUMN handed_over_at TEXT;
   CREATE UNIQUE INDEX tickets_by_origin_ref ON tickets (origin_ref) WHERE origin_ref IS NOT NULL;
   CREATE INDEX tickets_to_hand_over ON tickets (id) WHERE origin_ref IS NOT NULL AND handed_over_at IS NULL;`,
  // The hall server's enrolled devices (main/store/sqlite-hall-devices.ts): each with its own
  // credential (kept as a SHA-256 hash) and role, and the one-time codes that enrol them.
  `CREATE TABLE hall_devices (
     device_id TEXT PRIMARY KEY,
     role TEXT NOT NULL CHECK (role IN ('kiosk', 'console', 'display', 'rating-tablet', 'queue-system')),
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     enrolled_at TEXT NOT NULL,
     last_contact_at TEXT,
     revoked_at TEXT
   );
   CREATE TABLE hall_enrol_codes (
     code_hash TEXT PRIMARY KEY,
     role TEXT NOT NULL,
     name TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );`,
];

/**
 * Widens tickets.print_status to allow 'interrupted'. SQLite cannot change a CHECK in place, so the
 * table is rebuilt as https://www.sqlite.org/lang_altertable.html ("making other kinds of table
 * schema changes") says: the new table is made from the table's own stored definition (so columns
 * added by any migration before this one are kept), rows copied, the old table dropped, the new one
 * renamed, and the table's indexes made again from their stored definitions. `migrate` runs it
 * with foreign keys off and checks them before committing (steps 1, 10 and 12 there), so the
 * ratings' and visit_events' references to tickets stay as they were.
 */
export function allowInterruptedPrints(db: Database.Database): void {
  const table = db
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'tickets'")
    .get();
  const oldCheck = "CHECK (print_status IN ('pending', 'printed', 'failed'))";
  if (!table || !table.sql.includes(oldCheck)) {
    throw new Error('tickets.print_status is not as this migration expects; the database was changed by hand');
  }
  const indexes = db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL",
    )
    .all();
  const newTable = table.sql
    .replace(/^CREATE TABLE "?tickets"?/, 'CREATE TABLE new_tickets')
    .replace(oldCheck, "CHECK (print_status IN ('pending', 'printed', 'failed', 'interrupted'))");
  db.exec(newTable);
  db.exec('INSERT INTO new_tickets SELECT * FROM tickets');
  db.exec('DROP TABLE tickets');
  db.exec('ALTER TABLE new_tickets RENAME TO tickets');
  for (const index of indexes) db.exec(index.sql);
}

/** Brings the database to schema `target` (the newest unless a test builds a file of an older release). */
export function migrate(db: Database.Database, target: number = MIGRATIONS.length): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(`the database is from a newer kiosk (schema ${applied}, this version knows ${MIGRATIONS.length})`);
  }
  if (applied >= target) return;
  // Off outside the transaction (SQLite ignores the pragma inside one), so a table rebuild can drop
  // and rename a table others refer to; every reference is checked before the commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    // IMMEDIATE, and the version read again inside: a second process opening the same new file at
    // the same moment waits for this one's migration, then finds it applied (not "table exists").
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= target) return;
      MIGRATIONS.slice(now, target).forEach((migration) =>
        typeof migration === 'string' ? db.exec(migration) : migration(db),
      );
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0)
        throw new Error(`the migration left ${broken.length} broken references; nothing was changed`);
      db.pragma(`user_version = ${target}`);
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
