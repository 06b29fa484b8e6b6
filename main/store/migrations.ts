import type Database from 'better-sqlite3';

/**
 * Schema changes in order; `PRAGMA user_version` records how many have run. Append only: a kiosk
 * keeps years of history, so a released migration is never edited.
 */
const MIGRATIONS: readonly string[] = [
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
];

export function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(`the database is from a newer kiosk (schema ${applied}, this version knows ${MIGRATIONS.length})`);
  }
  db.transaction(() => {
    MIGRATIONS.slice(applied).forEach((sql) => db.exec(sql));
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
