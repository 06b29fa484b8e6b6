import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrations';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';

/** The schema just before rating_events, found by migrating step by step: other migrations may come after it. */
function schemaBeforeRatingEvents(): number {
  const db = new Database(':memory:');
  try {
    for (let version = 1; ; version++) {
      migrate(db, version);
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'rating_events'").get()) return version - 1;
      if (version > 100) throw new Error('no migration makes rating_events');
    }
  } finally {
    db.close();
  }
}

describe('upgrading a kiosk database to ratings stored at the tap (rating_events, rating_offers)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-rating-migration-')));
  afterEach(() => dir.remove());

  it('gives every old rating its "tapped" history row and counts its visit as offered; a history row cannot be of an unknown kind', () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    // A file as the release before this change left it: one visit rated with a reason, one not rated.
    const raw = new Database(dbFile);
    migrate(raw, schemaBeforeRatingEvents());
    const insert = raw.prepare(
      `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, issued_at,
         print_status, visit_ended_at, state) VALUES (?, 'A', ?, '2026-11-20', 'passport', 'kk', ?, 'printed', ?, 'done')`,
    );
    const rated = Number(
      insert.run('A-001', 1, '2026-11-20T08:00:00.000Z', '2026-11-20T08:09:00.000Z').lastInsertRowid,
    );
    const unrated = Number(
      insert.run('A-002', 2, '2026-11-20T08:01:00.000Z', '2026-11-20T08:12:00.000Z').lastInsertRowid,
    );
    raw
      .prepare(
        `INSERT INTO ratings (ticket_id, score, language, rated_at, reasons, service_id, visit_ended_at)
         VALUES (?, 2, 'kk', '2026-11-20T08:10:00.000Z', '["staff"]', 'passport', '2026-11-20T08:09:00.000Z')`,
      )
      .run(rated);
    raw.close();

    const store = new SqliteStore(dbFile);
    expect(store.listRatingEvents(rated)).toEqual([
      { ticketId: rated, kind: 'tapped', score: 2, reasons: ['staff'], at: '2026-11-20T08:10:00.000Z' },
    ]);
    expect(store.listRatingEvents(unrated)).toEqual([]);
    expect(store.listRatingOffers('2026-11-20')).toEqual([rated]);
    expect(() =>
      store.updateRating({ ticketId: unrated, kind: 'changed', score: 3, reasons: [], at: new Date() }),
    ).not.toThrow();
    expect(store.listRatingEvents(unrated)).toEqual([]);
    store.close();

    const check = new Database(dbFile);
    expect(() =>
      check
        .prepare("INSERT INTO rating_events (ticket_id, kind, score, reasons, at) VALUES (?, 'deleted', 2, '[]', 'x')")
        .run(rated),
    ).toThrow(/CHECK constraint/);
    check.close();
  });
});
