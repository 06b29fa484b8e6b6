import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UNKNOWN_PRINTER_STATUS, type Rating, type Ticket } from '../../main/contract';
import { KioskConfig } from '../../main/core/config';
import type { NewTicket } from '../../main/core/ports';
import { groupNumbering } from '../../main/core/queue/numbering';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';
import { expectGapless, readOutboxFile, readWholeOutbox } from '../support/outbox';

const numbering = groupNumbering(KioskConfig.parse({}).numbering, 'A');
const DAY = '2026-11-20';
const at = (time: string) => new Date(`${DAY}T${time}.000Z`);
const iso = (time: string) => at(time).toISOString();

describe('the outbox: each store change writes its facts in its own transaction (real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let dbFile: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = tempDir('kiosk-outbox-store-');
    dbFile = join(dir.path, 'kiosk.sqlite');
    store = new SqliteStore(dbFile);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const newTicket = (time: string, overrides: Partial<NewTicket> = {}): NewTicket => ({
    group: 'A',
    numbering,
    localDay: DAY,
    serviceId: 'passport',
    language: 'kk',
    priority: null,
    issuedAt: at(time),
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    dailyLimit: null,
    ...overrides,
  });

  const issue = (time: string, overrides: Partial<NewTicket> = {}): Ticket => {
    const issued = store.issueTicket(newTicket(time, overrides));
    if (!issued.ok) throw new Error(`no ticket issued: ${issued.reason}`);
    return issued.ticket;
  };

  /** Runs `change` and returns the records it wrote. */
  const written = (change: () => unknown) => {
    const before = store.outboxState().lastSeq;
    change();
    return store.readOutbox(before, 1000);
  };

  const rating = (ticketId: number, ratedAt: string): Rating => ({
    ticketId,
    score: 2,
    reasons: ['waiting-time'],
    language: 'kk',
    serviceId: 'passport',
    deskId: '3',
    visitEndedAt: iso('08:20:00'),
    ratedAt,
  });

  it('starts empty, with nothing acknowledged', () => {
    expect(store.outboxState()).toEqual({ lastSeq: 0, acknowledgedSeq: 0, lastAcknowledgedAt: null });
    expect(store.readOutbox(0, 10)).toEqual([]);
  });

  it('a ticket issued: one ticket-issued fact with its number, service, language, priority and estimate', () => {
    const records = written(() => issue('08:00:00', { priority: 'elderly' }));
    expect(records).toEqual([
      {
        seq: 1,
        at: iso('08:00:00'),
        fact: {
          kind: 'ticket-issued',
          ticketId: 1,
          number: 'A-001',
          group: 'A',
          sequence: 1,
          localDay: DAY,
          serviceId: 'passport',
          language: 'kk',
          priority: 'elderly',
          peopleAhead: 3,
          estimatedWaitMinutes: 12,
        },
      },
    ]);
  });

  it('print outcomes: printed, failed with the words, interrupted at start, a reprint claimed', () => {
    const printed = issue('08:00:00');
    const failed = issue('08:01:00');
    const pending1 = issue('08:02:00');
    const pending2 = issue('08:03:00');
    expect(written(() => store.recordPrintOutcome(printed.id, 'printed', null, at('08:00:02')))).toEqual([
      {
        seq: 5,
        at: iso('08:00:02'),
        fact: { kind: 'print-outcome', ticketId: printed.id, status: 'printed', error: null },
      },
    ]);
    expect(
      written(() => store.recordPrintOutcome(failed.id, 'failed', 'paper out', at('08:01:02'))).map((r) => r.fact),
    ).toEqual([{ kind: 'print-outcome', ticketId: failed.id, status: 'failed', error: 'paper out' }]);
    expect(written(() => store.markInterruptedPrints('the kiosk stopped', at('09:00:00')))).toEqual([
      {
        seq: 7,
        at: iso('09:00:00'),
        fact: { kind: 'print-outcome', ticketId: pending1.id, status: 'interrupted', error: 'the kiosk stopped' },
      },
      {
        seq: 8,
        at: iso('09:00:00'),
        fact: { kind: 'print-outcome', ticketId: pending2.id, status: 'interrupted', error: 'the kiosk stopped' },
      },
    ]);
    // Nothing left pending: marking again changes nothing and writes nothing.
    expect(written(() => store.markInterruptedPrints('again', at('09:05:00')))).toEqual([]);
    expect(written(() => store.claimReprint(failed.id, at('09:10:00')))).toEqual([
      {
        seq: 9,
        at: iso('09:10:00'),
        fact: { kind: 'print-outcome', ticketId: failed.id, status: 'reprint-claimed', error: null },
      },
    ]);
    // A second claim (the ticket is pending now) and a claim of a printed ticket are refused: no fact.
    expect(written(() => expect(store.claimReprint(failed.id, at('09:10:01'))).toBeUndefined())).toEqual([]);
    expect(written(() => expect(store.claimReprint(printed.id, at('09:10:02'))).toBeUndefined())).toEqual([]);
    expectGapless(readWholeOutbox(store));
  });

  it('a print error longer than the contract takes is cut in the fact (a refused record would stop the outbox), kept whole on the ticket', () => {
    const ticket = issue('08:00:00');
    const words = `printer said: ${'x'.repeat(3000)}`;
    store.recordPrintOutcome(ticket.id, 'failed', words, at('08:00:02'));
    const [, outcome] = readWholeOutbox(store);
    expect(outcome?.fact).toMatchObject({ kind: 'print-outcome', status: 'failed' });
    const error = outcome?.fact.kind === 'print-outcome' ? outcome.fact.error : null;
    expect(error).toHaveLength(2000);
    expect(error).toBe(`${words.slice(0, 1999)}…`);
    expect(store.getTicket(ticket.id)?.printError).toBe(words);
  });

  it('visit steps: one fact each, with the state after it; a transfer names the service it went to', () => {
    const ticket = issue('08:00:00');
    const step = (kind: 'called' | 'recalled' | 'started' | 'transferred' | 'finished', time: string) =>
      store.recordVisitStep({
        ticketId: ticket.id,
        kind,
        from:
          kind === 'recalled' || kind === 'started'
            ? ['called']
            : kind === 'finished'
              ? ['serving']
              : ['waiting', 'serving'],
        deskId: kind === 'transferred' ? null : '2',
        at: at(time),
        ...(kind === 'transferred' && { toServiceId: 'notary' }),
      });
    const facts = written(() => {
      step('called', '08:05:00');
      step('recalled', '08:06:00');
      step('started', '08:07:00');
      step('transferred', '08:15:00');
    }).map((record) => record.fact);
    expect(facts).toEqual([
      {
        kind: 'visit-step',
        ticketId: ticket.id,
        step: 'called',
        stateAfter: 'called',
        deskId: '2',
        serviceId: 'passport',
      },
      {
        kind: 'visit-step',
        ticketId: ticket.id,
        step: 'recalled',
        stateAfter: 'called',
        deskId: '2',
        serviceId: 'passport',
      },
      {
        kind: 'visit-step',
        ticketId: ticket.id,
        step: 'started',
        stateAfter: 'serving',
        deskId: '2',
        serviceId: 'passport',
      },
      {
        kind: 'visit-step',
        ticketId: ticket.id,
        step: 'transferred',
        stateAfter: 'waiting',
        deskId: null,
        serviceId: 'notary',
      },
    ]);
    // Refused: finishing a ticket that is waiting (the step is only allowed from serving).
    expect(written(() => expect(step('finished', '08:20:00')).toBeUndefined())).toEqual([]);
    expect(store.listVisitEvents(DAY)).toHaveLength(5);
  });

  it('a rating: the offer (when new) before the tap, then each change and the reasons; a second rating writes nothing', () => {
    const offered = issue('08:00:00');
    const notOffered = issue('08:01:00');
    expect(written(() => store.recordRatingOffer(offered.id, at('08:21:00')))).toEqual([
      { seq: 3, at: iso('08:21:00'), fact: { kind: 'rating-offered', ticketId: offered.id } },
    ]);
    // The screen shown again (a reload) is the same offer.
    expect(written(() => expect(store.recordRatingOffer(offered.id, at('08:21:30'))).toBe(iso('08:21:00')))).toEqual(
      [],
    );
    const visit = { language: 'kk', serviceId: 'passport', deskId: '3' } as const;
    expect(written(() => store.saveRating(rating(offered.id, iso('08:22:00'))))).toEqual([
      {
        seq: 4,
        at: iso('08:22:00'),
        fact: { kind: 'rating', ticketId: offered.id, step: 'tapped', score: 2, reasons: ['waiting-time'], ...visit },
      },
    ]);
    // Rated on a desk's tablet without an offer stored first: the offer is stored and told first.
    expect(written(() => store.saveRating(rating(notOffered.id, iso('08:23:00')))).map((r) => r.fact)).toEqual([
      { kind: 'rating-offered', ticketId: notOffered.id },
      { kind: 'rating', ticketId: notOffered.id, step: 'tapped', score: 2, reasons: ['waiting-time'], ...visit },
    ]);
    // A second first tap (another tablet, a retried request) is refused: no fact.
    expect(written(() => expect(store.saveRating(rating(offered.id, iso('08:22:01')))).toBeUndefined())).toEqual([]);
    expect(
      written(() => {
        store.updateRating({ ticketId: offered.id, kind: 'changed', score: 4, reasons: [], at: at('08:22:10') });
        store.updateRating({
          ticketId: offered.id,
          kind: 'reasons-set',
          score: 4,
          reasons: ['staff', 'result'],
          at: at('08:22:20'),
        });
      }),
    ).toEqual([
      {
        seq: 7,
        at: iso('08:22:10'),
        fact: { kind: 'rating', ticketId: offered.id, step: 'changed', score: 4, reasons: [], ...visit },
      },
      {
        seq: 8,
        at: iso('08:22:20'),
        fact: {
          kind: 'rating',
          ticketId: offered.id,
          step: 'reasons-set',
          score: 4,
          reasons: ['staff', 'result'],
          ...visit,
        },
      },
    ]);
    // A change to a rating that does not exist is refused: no fact.
    const unrated = issue('08:30:00');
    const afterIssue = store.outboxState().lastSeq;
    expect(
      store.updateRating({ ticketId: unrated.id, kind: 'changed', score: 1, reasons: [], at: at('08:31:00') }),
    ).toBe(undefined);
    expect(store.outboxState().lastSeq).toBe(afterIssue);
  });

  it('a paper roll and a printer state: one fact each', () => {
    expect(written(() => store.recordPaperRoll(at('10:00:00')))).toEqual([
      { seq: 1, at: iso('10:00:00'), fact: { kind: 'paper-roll' } },
    ]);
    expect(store.paperRoll().since).toBe(iso('10:00:00'));
    const status = {
      ...UNKNOWN_PRINTER_STATUS,
      connection: 'offline',
      paper: 'out',
      checkedAt: iso('10:05:00'),
      detail: 'DLE EOT',
    } as const;
    expect(written(() => store.recordPrinterState(status, at('10:05:00')))).toEqual([
      { seq: 2, at: iso('10:05:00'), fact: { kind: 'printer-state', status } },
    ]);
  });

  it('a refused issue (the daily limit, numbers used up) writes no fact, and the next fact takes the next sequence', () => {
    issue('08:00:00', { dailyLimit: 1 });
    expect(written(() => expect(store.issueTicket(newTicket('08:01:00', { dailyLimit: 1 })).ok).toBe(false))).toEqual(
      [],
    );
    const tiny = { ...numbering, start: 1, end: 2 };
    issue('08:02:00', { group: 'B', numbering: tiny });
    issue('08:03:00', { group: 'B', numbering: tiny });
    expect(
      written(() =>
        expect(store.issueTicket(newTicket('08:04:00', { group: 'B', numbering: tiny }))).toEqual({
          ok: false,
          reason: 'numbers-exhausted',
        }),
      ),
    ).toEqual([]);
    issue('08:05:00');
    const records = readOutboxFile(dbFile);
    expectGapless(records);
    expect(records.map((record) => record.fact.kind === 'ticket-issued' && record.fact.number)).toEqual([
      'A-001',
      'B-001',
      'B-002',
      'A-002',
    ]);
  });

  it('a transaction that fails after its change rolls the fact back with it, and the sequence is not used up', () => {
    const ticket = issue('08:00:00');
    // A ticket id that does not exist: the outcome's UPDATE changes nothing and the write fails.
    expect(() => store.recordPrintOutcome(ticket.id + 100, 'printed', null, at('08:00:05'))).toThrow(/vanished/);
    expect(store.outboxState().lastSeq).toBe(1);
    store.recordPrintOutcome(ticket.id, 'printed', null, at('08:00:06'));
    expectGapless(readWholeOutbox(store));
    expect(store.outboxState().lastSeq).toBe(2);
  });

  it('reads in pages in sequence order; an acknowledgement never moves backwards nor past the last record', () => {
    for (let minute = 10; minute < 35; minute++) issue(`08:${minute}:00`);
    const pages = [
      store.readOutbox(0, 10),
      store.readOutbox(10, 10),
      store.readOutbox(20, 10),
      store.readOutbox(25, 10),
    ];
    expect(pages.map((page) => page.map((record) => record.seq))).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      [21, 22, 23, 24, 25],
      [],
    ]);
    expect(readWholeOutbox(store, 7)).toEqual(pages.flat());

    store.acknowledgeOutbox(20, at('09:00:00'));
    expect(store.outboxState()).toEqual({ lastSeq: 25, acknowledgedSeq: 20, lastAcknowledgedAt: iso('09:00:00') });
    // A late answer to an older batch.
    store.acknowledgeOutbox(10, at('09:00:05'));
    expect(store.outboxState()).toEqual({ lastSeq: 25, acknowledgedSeq: 20, lastAcknowledgedAt: iso('09:00:00') });
    expect(() => store.acknowledgeOutbox(26, at('09:00:10'))).toThrow(/past the last one written \(25\)/);
    store.acknowledgeOutbox(25, at('09:01:00'));
    expect(store.outboxState()).toEqual({ lastSeq: 25, acknowledgedSeq: 25, lastAcknowledgedAt: iso('09:01:00') });

    // The acknowledgement is stored with the records: a restart keeps it.
    store.close();
    store = new SqliteStore(dbFile);
    expect(store.outboxState()).toEqual({ lastSeq: 25, acknowledgedSeq: 25, lastAcknowledgedAt: iso('09:01:00') });
  });
});
