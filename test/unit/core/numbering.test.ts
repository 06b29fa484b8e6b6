import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../../main/core/local-time';
import { ManualClock, makeKiosk, tempDir } from '../../support/kiosk-fixture';

describe('ticket numbering in a real SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let dbFile: string;
  beforeEach(() => {
    dir = tempDir();
    dbFile = join(dir.path, 'kiosk.sqlite');
  });
  afterEach(() => dir.remove());

  it('numbers each group from 001 with its own prefix', async () => {
    const { service, store } = makeKiosk({ dbFile, clock: new ManualClock(new Date('2026-11-22T06:00:00Z')) });
    const numbers = [];
    for (const serviceId of ['passport', 'identity-card', 'notary', 'passport', 'taxpayer-registration', 'notary']) {
      numbers.push((await service.issueTicket({ serviceId, language: 'ru' })).number);
    }
    expect(numbers).toEqual(['A-001', 'A-002', 'B-001', 'A-003', 'C-001', 'B-002']);
    store.close();
  });

  it('restarts every group at local midnight in the centre zone, not in UTC', async () => {
    // Baku is UTC+4: 19:59Z is 23:59 there and 20:00Z is the next local day.
    const clock = new ManualClock(new Date('2026-11-22T19:58:00Z'));
    const { service, store } = makeKiosk({ dbFile, clock, timeZone: 'Asia/Baku' });
    expect((await service.issueTicket({ serviceId: 'passport', language: 'az' })).number).toBe('A-001');
    clock.set('2026-11-22T19:59:59Z');
    const lastOfDay = await service.issueTicket({ serviceId: 'passport', language: 'az' });
    expect(lastOfDay).toMatchObject({ number: 'A-002', localDay: '2026-11-22' });
    clock.set('2026-11-22T20:00:00Z');
    const firstOfNext = await service.issueTicket({ serviceId: 'passport', language: 'az' });
    expect(firstOfNext).toMatchObject({ number: 'A-001', localDay: '2026-11-23' });
    store.close();
  });

  it('keeps counting in the same zone whatever the UTC date says', async () => {
    // Almaty is UTC+5: 18:30Z on the 21st is 23:30 there, and 19:30Z is 00:30 on the 22nd.
    expect(localDay(new Date('2026-11-21T18:30:00Z'), 'Asia/Almaty')).toBe('2026-11-21');
    expect(localDay(new Date('2026-11-21T19:30:00Z'), 'Asia/Almaty')).toBe('2026-11-22');
    expect(localDay(new Date('2026-11-21T19:30:00Z'), 'Europe/London')).toBe('2026-11-21');
  });

  it('continues the day after a restart instead of starting again at 001', async () => {
    const clock = new ManualClock(new Date('2026-11-22T08:00:00Z'));
    const first = makeKiosk({ dbFile, clock });
    await first.service.issueTicket({ serviceId: 'passport', language: 'kk' });
    await first.service.issueTicket({ serviceId: 'passport', language: 'kk' });
    first.store.close();

    const second = makeKiosk({ dbFile, clock });
    expect((await second.service.issueTicket({ serviceId: 'passport', language: 'kk' })).number).toBe('A-003');
    expect(second.store.listTickets('2026-11-22').map((ticket) => ticket.number)).toEqual(['A-003', 'A-002', 'A-001']);
    second.store.close();
  });

  it('stores the ticket before printing and its print outcome after', async () => {
    const { service, store, printer } = makeKiosk({ dbFile, clock: new ManualClock(new Date('2026-11-22T08:00:00Z')) });
    const seenWhilePrinting: string[] = [];
    const realPrint = printer.print.bind(printer);
    printer.print = async (ticket) => {
      // The printer is only reached once the ticket is durable.
      seenWhilePrinting.push(store.findTicket('2026-11-22', ticket.number)?.printStatus ?? 'missing');
      return realPrint(ticket);
    };
    const printed = await service.issueTicket({ serviceId: 'passport', language: 'en' });
    expect(seenWhilePrinting).toEqual(['pending']);
    expect(printed.printStatus).toBe('printed');

    printer.failWith = 'paper out';
    const failed = await service.issueTicket({ serviceId: 'passport', language: 'en' });
    expect(failed).toMatchObject({ number: 'A-002', printStatus: 'failed', printError: 'paper out' });
    expect(store.getTicket(failed.id)?.printStatus).toBe('failed');
    store.close();
  });

  it('refuses an unknown service without using a number', async () => {
    const { service, store } = makeKiosk({ dbFile, clock: new ManualClock(new Date('2026-11-22T08:00:00Z')) });
    await expect(service.issueTicket({ serviceId: 'no-such-service', language: 'en' })).rejects.toMatchObject({
      code: 'unknown-service',
    });
    expect((await service.issueTicket({ serviceId: 'passport', language: 'en' })).number).toBe('A-001');
    store.close();
  });
});
