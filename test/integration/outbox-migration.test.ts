import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../main/store/migrations';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';
import { expectGapless, readWholeOutbox } from '../support/outbox';

/** The schema just before the outbox, found by migrating step by step: other migrations may come after it. */
function schemaBeforeOutbox(): number {
  const db = new Database(':memory:');
  try {
    for (let version = 1; version <= MIGRATIONS.length; version++) {
      migrate(db, version);
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'outbox'").get()) return version - 1;
    }
    throw new Error('no migration makes the outbox');
  } finally {
    db.close();
  }
}

const DAY = '2026-11-20';
const t = (time: string) => `${DAY}T${time}.000Z`;

describe('upgrading a kiosk database with history to the outbox', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-outbox-migration-')));
  afterEach(() => dir.remove());

  it("writes the kiosk's whole history into the outbox in the order it happened, then numbers new facts after it", () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    // A file as the release before the outbox left it: a morning of a hall kiosk.
    const raw = new Database(dbFile);
    migrate(raw, schemaBeforeOutbox());
    const ticket = raw.prepare<
      [string, number, string, string, string | null, string, string, string | null, string | null]
    >(
      `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, priority, issued_at,
         print_status, print_error, print_outcome_at, people_ahead, estimated_wait_minutes)
       VALUES (?, 'A', ?, '${DAY}', ?, ?, ?, ?, ?, ?, ?, 1, 5)`,
    );
    const issue = (number: string, sequence: number, issuedAt: string, status: string, outcomeAt: string | null) =>
      Number(
        ticket.run(
          number,
          sequence,
          'passport',
          'az',
          sequence === 2 ? 'elderly' : null,
          issuedAt,
          status,
          status === 'failed' ? 'paper out' : null,
          outcomeAt,
        ).lastInsertRowid,
      );
    const served = issue('A-001', 1, t('08:00:00'), 'printed', t('08:00:03'));
    const failed = issue('A-002', 2, t('08:01:00'), 'failed', t('08:01:03'));
    const pending = issue('A-003', 3, t('08:02:00'), 'pending', null);
    const step = raw.prepare<[number, string, string | null, string, string]>(
      'INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const [id, at] of [
      [served, t('08:00:00')],
      [failed, t('08:01:00')],
      [pending, t('08:02:00')],
    ] as const)
      step.run(id, 'issued', null, 'passport', at);
    step.run(served, 'called', '1', 'passport', t('08:05:00'));
    step.run(served, 'started', '1', 'passport', t('08:06:00'));
    step.run(served, 'finished', '1', 'passport', t('08:12:00'));
    // The failed ticket was transferred to the notary: its ticket row names the service it went to.
    step.run(failed, 'called', '2', 'passport', t('08:07:00'));
    step.run(failed, 'transferred', null, 'notary', t('08:08:00'));
    raw.prepare("UPDATE tickets SET service_id = 'notary', transferred_from = 'passport' WHERE id = ?").run(failed);
    // The clock was set back before this ticket's call: its step must still come after its issue.
    step.run(pending, 'no-show', '1', 'passport', t('07:59:00'));
    raw.prepare("UPDATE tickets SET state = 'no-show' WHERE id = ?").run(pending);
    raw
      .prepare(
        `INSERT INTO ratings (ticket_id, score, language, rated_at, reasons, service_id, desk_id, visit_ended_at)
         VALUES (?, 4, 'az', ?, '["staff"]', 'passport', '1', ?)`,
      )
      .run(served, t('08:12:30'), t('08:12:00'));
    raw.prepare('INSERT INTO rating_offers (ticket_id, offered_at) VALUES (?, ?)').run(served, t('08:12:10'));
    const ratingStep = raw.prepare<[number, string, number, string, string]>(
      'INSERT INTO rating_events (ticket_id, kind, score, reasons, at) VALUES (?, ?, ?, ?, ?)',
    );
    ratingStep.run(served, 'tapped', 2, '[]', t('08:12:30'));
    ratingStep.run(served, 'changed', 4, '[]', t('08:12:40'));
    ratingStep.run(served, 'reasons-set', 4, '["staff"]', t('08:12:50'));
    raw.prepare('INSERT INTO paper_rolls (loaded_at) VALUES (?)').run(t('08:03:00'));
    raw.close();

    const store = new SqliteStore(dbFile);
    const records = readWholeOutbox(store);
    expectGapless(records);
    const rated = { language: 'az', serviceId: 'passport', deskId: '1' } as const;
    const issued = { group: 'A', localDay: DAY, language: 'az', peopleAhead: 1, estimatedWaitMinutes: 5 } as const;
    expect(records.map(({ at, fact }) => ({ at, fact }))).toEqual([
      {
        at: t('08:00:00'),
        fact: {
          kind: 'ticket-issued',
          ticketId: served,
          number: 'A-001',
          sequence: 1,
          serviceId: 'passport',
          priority: null,
          ...issued,
        },
      },
      { at: t('08:00:03'), fact: { kind: 'print-outcome', ticketId: served, status: 'printed', error: null } },
      {
        at: t('08:01:00'),
        fact: {
          kind: 'ticket-issued',
          ticketId: failed,
          number: 'A-002',
          sequence: 2,
          serviceId: 'passport',
          priority: 'elderly',
          ...issued,
        },
      },
      { at: t('08:01:03'), fact: { kind: 'print-outcome', ticketId: failed, status: 'failed', error: 'paper out' } },
      {
        at: t('08:02:00'),
        fact: {
          kind: 'ticket-issued',
          ticketId: pending,
          number: 'A-003',
          sequence: 3,
          serviceId: 'passport',
          priority: null,
          ...issued,
        },
      },
      // Device time as it was kept, placed after its ticket's issue.
      {
        at: t('07:59:00'),
        fact: {
          kind: 'visit-step',
          ticketId: pending,
          step: 'no-show',
          stateAfter: 'no-show',
          deskId: '1',
          serviceId: 'passport',
        },
      },
      { at: t('08:03:00'), fact: { kind: 'paper-roll' } },
      {
        at: t('08:05:00'),
        fact: {
          kind: 'visit-step',
          ticketId: served,
          step: 'called',
          stateAfter: 'called',
          deskId: '1',
          serviceId: 'passport',
        },
      },
      {
        at: t('08:06:00'),
        fact: {
          kind: 'visit-step',
          ticketId: served,
          step: 'started',
          stateAfter: 'serving',
          deskId: '1',
          serviceId: 'passport',
        },
      },
      {
        at: t('08:07:00'),
        fact: {
          kind: 'visit-step',
          ticketId: failed,
          step: 'called',
          stateAfter: 'called',
          deskId: '2',
          serviceId: 'passport',
        },
      },
      {
        at: t('08:08:00'),
        fact: {
          kind: 'visit-step',
          ticketId: failed,
          step: 'transferred',
          stateAfter: 'waiting',
          deskId: null,
          serviceId: 'notary',
        },
      },
      {
        at: t('08:12:00'),
        fact: {
          kind: 'visit-step',
          ticketId: served,
          step: 'finished',
          stateAfter: 'done',
          deskId: '1',
          serviceId: 'passport',
        },
      },
      { at: t('08:12:10'), fact: { kind: 'rating-offered', ticketId: served } },
      {
        at: t('08:12:30'),
        fact: { kind: 'rating', ticketId: served, step: 'tapped', score: 2, reasons: [], ...rated },
      },
      {
        at: t('08:12:40'),
        fact: { kind: 'rating', ticketId: served, step: 'changed', score: 4, reasons: [], ...rated },
      },
      {
        at: t('08:12:50'),
        fact: { kind: 'rating', ticketId: served, step: 'reasons-set', score: 4, reasons: ['staff'], ...rated },
      },
    ]);
    expect(store.outboxState()).toEqual({ lastSeq: 16, acknowledgedSeq: 0, lastAcknowledgedAt: null });

    // New facts follow the history; a restart (no migration left) writes nothing again.
    store.recordPaperRoll(new Date(t('09:00:00')));
    store.close();
    const reopened = new SqliteStore(dbFile);
    const after = readWholeOutbox(reopened);
    expectGapless(after);
    expect(after.at(-1)).toEqual({ seq: 17, at: t('09:00:00'), fact: { kind: 'paper-roll' } });
    reopened.close();
  });

  it('cuts an old print error to the 2,000 characters the contract takes, keeping the ticket row whole', () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const raw = new Database(dbFile);
    migrate(raw, schemaBeforeOutbox());
    const words = `not sent: ${'é'.repeat(2500)}`;
    raw
      .prepare(
        `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, issued_at,
           print_status, print_error, print_outcome_at) VALUES ('A-001', 'A', 1, ?, 'passport', 'ru', ?, 'failed', ?, ?)`,
      )
      .run(DAY, t('08:00:00'), words, t('08:00:01'));
    raw.close();
    const store = new SqliteStore(dbFile);
    // readWholeOutbox checks every record against the contract's schema.
    const [, outcome] = readWholeOutbox(store);
    expect(outcome?.fact).toEqual({
      kind: 'print-outcome',
      ticketId: 1,
      status: 'failed',
      error: `${words.slice(0, 1999)}…`,
    });
    expect(store.getTicket(1)?.printError).toBe(words);
    store.close();
  });

  it('an empty database gets an empty outbox', () => {
    const store = new SqliteStore(join(dir.path, 'new.sqlite'));
    expect(store.outboxState()).toEqual({ lastSeq: 0, acknowledgedSeq: 0, lastAcknowledgedAt: null });
    store.close();
  });
});
