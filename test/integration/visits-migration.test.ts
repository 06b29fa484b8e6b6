import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrations';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';

describe('upgrading a kiosk database to visit states (schema 3 to 4)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-migration-')));
  afterEach(() => dir.remove());

  it('keeps every ticket and rating, ends old finished visits as done and starts their history', () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    // A file as the release before desks left it: one visit ended and rated, one still waiting.
    const raw = new Database(dbFile);
    migrate(raw, 3);
    const insert = raw.prepare(
      `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, priority, issued_at,
         print_status, visit_ended_at) VALUES (?, 'A', ?, '2026-11-20', 'passport', 'az', ?, ?, 'printed', ?)`,
    );
    const ended = Number(
      insert.run('A-001', 1, null, '2026-11-20T08:00:00.000Z', '2026-11-20T08:09:00.000Z').lastInsertRowid,
    );
    const waiting = Number(insert.run('A-002', 2, 'elderly', '2026-11-20T08:01:00.000Z', null).lastInsertRowid);
    raw
      .prepare('INSERT INTO ratings (ticket_id, score, language, rated_at) VALUES (?, 4, ?, ?)')
      .run(ended, 'az', '2026-11-20T08:10:00.000Z');
    raw.close();

    const store = new SqliteStore(dbFile);
    expect(store.getTicket(ended)).toMatchObject({
      state: 'done',
      visitEndedAt: '2026-11-20T08:09:00.000Z',
      deskId: null,
      recalls: 0,
      peopleAhead: 0,
      estimatedWaitMinutes: null,
    });
    expect(store.getTicket(waiting)).toMatchObject({ state: 'waiting', priority: 'elderly', visitEndedAt: null });
    expect(store.getRating(ended)).toEqual({
      ticketId: ended,
      score: 4,
      reasons: [],
      language: 'az',
      serviceId: 'passport',
      deskId: null,
      visitEndedAt: '2026-11-20T08:09:00.000Z',
      ratedAt: '2026-11-20T08:10:00.000Z',
    });
    expect(store.listVisitEvents('2026-11-20').map(({ ticketId, kind }) => ({ ticketId, kind }))).toEqual([
      { ticketId: ended, kind: 'issued' },
      { ticketId: waiting, kind: 'issued' },
      { ticketId: ended, kind: 'finished' },
    ]);
    store.close();
  });

  it('refuses a state the schema does not know, so a bad write cannot slip into the history', () => {
    const store = new SqliteStore(join(dir.path, 'kiosk.sqlite'));
    store.close();
    const raw = new Database(join(dir.path, 'kiosk.sqlite'));
    expect(() =>
      raw
        .prepare(
          `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, issued_at, print_status, state)
           VALUES ('A-001', 'A', 1, '2026-11-20', 'passport', 'az', '2026-11-20T08:00:00.000Z', 'printed', 'lost')`,
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    raw.close();
  });
});
