import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandedOverTicket } from '../../main/contract';
import { makeDeskKiosk, type DeskKiosk } from '../support/desk-fixture';

/*
 * The hall server's queue in one process, over a real SQLite file: numbering for kiosks around
 * their reserved blocks, a request asked twice, tickets handed over twice or late. The same calls
 * across real processes and a broken network: hall-kiosks-and-server.test.ts.
 */

const REF = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const BLOCKS = [
  { kioskId: 'kiosk-1', block: { start: 3, end: 4 } },
  { kioskId: 'kiosk-2', block: { start: 7, end: 7 } },
];

const handedOver = (n: number, fields: Partial<HandedOverTicket> = {}): HandedOverTicket => ({
  originRef: REF(n),
  number: `A-${String(n).padStart(3, '0')}`,
  group: 'A',
  sequence: n,
  localDay: '2026-11-20',
  serviceId: 'passport',
  language: 'kk',
  priority: null,
  issuedAt: '2026-11-20T07:30:00.000Z',
  printStatus: 'printed',
  printError: null,
  issuedOffline: true,
  ...fields,
});

describe('the hall server numbers tickets for its kiosks (one SQLite file, in process)', () => {
  let hall: DeskKiosk;
  const ask = (n: number, kioskId = 'kiosk-1') =>
    hall.service.hallIssueTicket({ kioskId, originRef: REF(n), serviceId: 'passport', language: 'ru' });

  beforeEach(() => {
    hall = makeDeskKiosk({ role: 'hall-server', hall: { offlineBlocks: BLOCKS } });
  });
  afterEach(() => hall.close());

  it('never gives out a number of a kiosk’s block, and leaves each ticket pending for its kiosk to print', async () => {
    const numbers = [];
    for (let n = 1; n <= 5; n++) numbers.push((await ask(100 + n)).number);
    expect(numbers).toEqual(['A-001', 'A-002', 'A-005', 'A-006', 'A-008']);
    expect(hall.printer.printed).toHaveLength(0);
    expect((await hall.service.listTodayTickets({})).every((t) => t.printStatus === 'pending')).toBe(true);
  });

  it('answers the same ref with the same ticket: a request sent twice numbers once', async () => {
    const first = await ask(1);
    const again = await ask(1);
    expect(again).toEqual(first);
    expect(await hall.service.listTodayTickets({})).toHaveLength(1);
  });

  it('takes a kiosk’s block tickets into the queue once, however often handed over, and the outcome of its own', async () => {
    const own = await ask(50);
    const batch = [handedOver(3), handedOver(4, { printStatus: 'failed', printError: 'paper out' })];
    const printed = { ...handedOver(50), number: own.number, sequence: own.sequence, issuedOffline: false };
    expect(await hall.service.hallHandOver({ kioskId: 'kiosk-1', tickets: [...batch, printed] })).toEqual({
      held: [REF(3), REF(4), REF(50)],
    });
    expect(await hall.service.hallHandOver({ kioskId: 'kiosk-1', tickets: [...batch, printed] })).toEqual({
      held: [REF(3), REF(4), REF(50)],
    });
    const tickets = await hall.service.listTodayTickets({});
    expect(tickets.map((t) => [t.number, t.printStatus, t.issuedOffline]).sort()).toEqual([
      ['A-001', 'printed', false],
      ['A-003', 'printed', true],
      ['A-004', 'failed', true],
    ]);
    // The screens heard of each new ticket once, and of the outcome once.
    const issuedEvents = hall.events.filter((frame) => frame.event === 'ticketIssued');
    expect(issuedEvents).toHaveLength(3);
  });

  it('a print the server marked interrupted at its restart becomes printed when the kiosk says so', async () => {
    const own = await ask(60);
    expect(hall.store.markInterruptedPrints('the server stopped', new Date())).toHaveLength(1);
    await hall.service.hallHandOver({
      kioskId: 'kiosk-1',
      tickets: [{ ...handedOver(60), number: own.number, sequence: own.sequence, issuedOffline: false }],
    });
    expect(hall.store.getTicket(own.id)).toMatchObject({ printStatus: 'printed', printError: null });
  });

  it('leaves out, and does not hold, a ticket whose number another ticket has (blocks that overlap)', async () => {
    await ask(70);
    const clash = handedOver(1, { originRef: REF(71) });
    const fine = handedOver(3);
    expect(await hall.service.hallHandOver({ kioskId: 'kiosk-1', tickets: [clash, fine] })).toEqual({ held: [REF(3)] });
  });

  it('is refused by a device that is not the hall’s server', async () => {
    const kiosk = makeDeskKiosk();
    try {
      await expect(
        kiosk.service.hallIssueTicket({ kioskId: 'k', originRef: REF(1), serviceId: 'passport', language: 'ru' }),
      ).rejects.toMatchObject({ code: 'not-a-hall-server' });
      await expect(kiosk.service.hallKioskSetup({ kioskId: 'kiosk-1' })).rejects.toMatchObject({
        code: 'not-a-hall-server',
      });
    } finally {
      kiosk.close();
    }
  });

  it('tells each kiosk its own block, and none to a kiosk it has no block for', async () => {
    expect(await hall.service.hallKioskSetup({ kioskId: 'kiosk-2' })).toMatchObject({ block: { start: 7, end: 7 } });
    expect(await hall.service.hallKioskSetup({ kioskId: 'kiosk-9' })).toMatchObject({ block: null });
  });
});

describe('a kiosk of a hall keeps what it has to hand over (one SQLite file)', () => {
  let kiosk: DeskKiosk;
  beforeEach(() => {
    kiosk = makeDeskKiosk({ role: 'hall-kiosk' });
  });
  afterEach(() => kiosk.close());

  it('hands over a ticket once its print outcome is known, and again when the outcome changes after it was sent', () => {
    const issued = kiosk.store.issueTicket({
      group: 'A',
      numbering: { start: 950, end: 999, width: 3 },
      localDay: '2026-11-20',
      serviceId: 'passport',
      language: 'uz',
      priority: null,
      issuedAt: new Date('2026-11-20T08:00:00.000Z'),
      peopleAhead: 0,
      estimatedWaitMinutes: null,
      dailyLimit: null,
      origin: { ref: REF(9), kioskId: null },
      issuedOffline: true,
    });
    if (!issued.ok) throw new Error('not issued');
    expect(issued.ticket.number).toBe('A-950');
    // Pending: not yet, the kiosk does not know what it printed.
    expect(kiosk.store.ticketsToHandOver(10)).toEqual([]);
    expect(kiosk.store.countTicketsToHandOver()).toBe(0);
    kiosk.store.recordPrintOutcome(issued.ticket.id, 'failed', 'paper out', new Date());
    expect(kiosk.store.countTicketsToHandOver()).toBe(1);
    const sent = kiosk.store.ticketsToHandOver(10);
    expect(sent).toMatchObject([{ originRef: REF(9), printStatus: 'failed', issuedOffline: true }]);
    // A reprint while the batch was on its way: the server's "held" for the failed one does not cover it.
    expect(kiosk.store.claimReprint(issued.ticket.id, new Date())).toBeDefined();
    kiosk.store.recordPrintOutcome(issued.ticket.id, 'printed', null, new Date());
    kiosk.store.markHandedOver(sent, new Date());
    expect(kiosk.store.ticketsToHandOver(10)).toMatchObject([{ originRef: REF(9), printStatus: 'printed' }]);
    kiosk.store.markHandedOver(kiosk.store.ticketsToHandOver(10), new Date());
    expect(kiosk.store.ticketsToHandOver(10)).toEqual([]);
    expect(kiosk.store.countTicketsToHandOver()).toBe(0);
  });
});
