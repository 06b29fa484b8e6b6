import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowInterruptedPrints, migrate, MIGRATIONS } from '../../main/store/migrations';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';

/** The schema just before the migration that allows `interrupted`, wherever the list puts it. */
const BEFORE = MIGRATIONS.indexOf(allowInterruptedPrints);

const schemaOf = (db: Database.Database) =>
  db
    .prepare<[], { type: string; name: string }>(
      "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();

describe('upgrading a kiosk database so a print can be recorded as interrupted (tickets table rebuilt)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-migration-interrupted-')));
  afterEach(() => dir.remove());

  it('keeps every ticket, rating, visit step and index, keeps foreign keys enforced, and lets a pending ticket become interrupted', () => {
    expect(BEFORE).toBeGreaterThan(0);
    const dbFile = join(dir.path, 'kiosk.sqlite');
    // A file as the release before left it: a printed ticket served and rated, one left pending by a crash.
    const raw = new Database(dbFile);
    raw.pragma('foreign_keys = ON');
    migrate(raw, BEFORE);
    const insert = raw.prepare(
      `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, issued_at, print_status,
         state, visit_ended_at, people_ahead) VALUES (?, 'A', ?, '2026-11-20', 'passport', 'ru', ?, ?, ?, ?, 0)`,
    );
    const served = Number(
      insert.run('A-001', 1, '2026-11-20T08:00:00.000Z', 'printed', 'done', '2026-11-20T08:09:00.000Z').lastInsertRowid,
    );
    const ghost = Number(
      insert.run('A-002', 2, '2026-11-20T08:01:00.000Z', 'pending', 'waiting', null).lastInsertRowid,
    );
    raw
      .prepare(
        `INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at) VALUES
           (?, 'issued', NULL, 'passport', '2026-11-20T08:00:00.000Z'), (?, 'issued', NULL, 'passport', '2026-11-20T08:01:00.000Z')`,
      )
      .run(served, ghost);
    raw
      .prepare(
        `INSERT INTO ratings (ticket_id, score, language, rated_at, reasons, service_id, desk_id, visit_ended_at)
         VALUES (?, 5, 'ru', '2026-11-20T08:10:00.000Z', '[]', 'passport', '1', '2026-11-20T08:09:00.000Z')`,
      )
      .run(served);
    const schemaBefore = schemaOf(raw);
    const rowsBefore = raw.prepare('SELECT * FROM tickets ORDER BY id').all();
    raw.close();

    const store = new SqliteStore(dbFile);
    expect(store.getTicket(ghost)).toMatchObject({ number: 'A-002', printStatus: 'pending', state: 'waiting' });
    expect(store.getRating(served)).toMatchObject({ score: 5, deskId: '1' });
    expect(store.listVisitEvents('2026-11-20')).toHaveLength(2);
    expect(store.markInterruptedPrints('stopped', new Date('2026-11-20T09:00:00.000Z')).map((t) => t.id)).toEqual([
      ghost,
    ]);
    store.close();

    const after = new Database(dbFile);
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    // Every table and index is still there (later migrations may add their own).
    expect(schemaOf(after)).toEqual(expect.arrayContaining(schemaBefore));
    const rowsAfter = after.prepare('SELECT * FROM tickets ORDER BY id').all() as Record<string, unknown>[];
    // The row as it was, column for column (later migrations may add columns of their own).
    expect(rowsAfter[0]).toMatchObject((rowsBefore as Record<string, unknown>[])[0]!);
    expect(rowsAfter[1]).toMatchObject({ print_status: 'interrupted', print_error: 'stopped' });
    // The references to tickets still hold: no rating or visit step for a ticket that does not exist.
    after.pragma('foreign_keys = ON');
    expect(() =>
      after
        .prepare(
          "INSERT INTO ratings (ticket_id, score, language, rated_at) VALUES (999, 3, 'ru', '2026-11-20T10:00:00Z')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    // The widened check still refuses a status nobody knows.
    expect(() => after.prepare("UPDATE tickets SET print_status = 'lost' WHERE id = ?").run(ghost)).toThrow(
      /CHECK constraint failed/,
    );
    after.close();
  });
});
