import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConfig } from '../../../main/core/config';
import { localDay } from '../../../main/core/local-time';
import { nextSequence } from '../../../main/core/queue/numbering';
import { ManualClock, makeKiosk, tempDir } from '../../support/kiosk-fixture';

/** UTC offset of a zone at an instant as the runtime's ICU data says, e.g. "GMT+05:00". */
const offsetAt = (instant: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(instant))
    .find((part) => part.type === 'timeZoneName')?.value ?? '';

describe('ticket number ranges per group', () => {
  let dir: ReturnType<typeof tempDir>;
  let dbFile: string;
  beforeEach(() => {
    dir = tempDir();
    dbFile = join(dir.path, 'kiosk.sqlite');
  });
  afterEach(() => dir.remove());

  it('numbers each group within its own start, end and width, and refuses rather than wraps at the end', async () => {
    const clock = new ManualClock(new Date('2026-11-22T06:00:00Z'));
    const { service, store } = makeKiosk({
      dbFile,
      clock,
      config: {
        numbering: { default: { start: 100, end: 9999, width: 4 }, groups: { A: { start: 1, end: 3, width: 2 } } },
      },
    });
    const issue = async (serviceId: string) => (await service.issueTicket({ serviceId, language: 'uz' })).number;
    expect([await issue('passport'), await issue('notary'), await issue('passport'), await issue('passport')]).toEqual([
      'A-01',
      'B-0100',
      'A-02',
      'A-03',
    ]);
    await expect(issue('passport')).rejects.toMatchObject({ code: 'numbers-exhausted' });
    // The refusal stored nothing, and other groups go on.
    expect(store.listTickets('2026-11-22').filter((ticket) => ticket.group === 'A')).toHaveLength(3);
    expect(await issue('notary')).toBe('B-0101');
    // The next local day (Baku, UTC+4) starts the range again.
    clock.set('2026-11-22T20:00:00Z');
    expect(await issue('passport')).toBe('A-01');
    store.close();
  });

  it('continues from the new start when a range is raised during the day, never reusing a number', () => {
    const range = { start: 1, end: 999, width: 3 };
    expect(nextSequence(undefined, range)).toBe(1);
    expect(nextSequence(41, range)).toBe(42);
    expect(nextSequence(41, { ...range, start: 500 })).toBe(500);
    expect(nextSequence(999, range)).toBeUndefined();
  });

  it('refuses ranges that cannot work, naming the field', () => {
    const problems = (numbering: unknown) =>
      KioskConfig.safeParse({ numbering }).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(problems({ default: { start: 10, end: 5 } })).toEqual(['numbering.default.end']);
    expect(problems({ default: { end: 1000, width: 3 } })).toEqual(['numbering.default.width']);
    expect(problems({ groups: { a: {} } })).toEqual(['numbering.groups.a']);
    expect(problems({ groups: { A: { start: 1, end: 50, width: 2 } } })).toEqual([]);
  });
});

describe('daily reset at local midnight across offset changes', () => {
  let dir: ReturnType<typeof tempDir>;
  let dbFile: string;
  beforeEach(() => {
    dir = tempDir();
    dbFile = join(dir.path, 'kiosk.sqlite');
  });
  afterEach(() => dir.remove());

  /** Issues a passport ticket at each instant; returns "day number" pairs. */
  async function ticketsAt(timeZone: string, instants: string[]): Promise<string[]> {
    const clock = new ManualClock(new Date(0));
    const { service, store } = makeKiosk({ dbFile, clock, timeZone });
    const seen: string[] = [];
    for (const instant of instants) {
      clock.set(instant);
      const ticket = await service.issueTicket({ serviceId: 'passport', language: 'kk' });
      seen.push(`${ticket.localDay} ${ticket.number}`);
    }
    store.close();
    return seen;
  }

  it('Europe/Berlin, spring forward: the 23-hour day resets at its midnight, 22:00 UTC', async () => {
    expect(offsetAt('2026-03-29T00:30:00Z', 'Europe/Berlin')).toBe('GMT+01:00');
    expect(offsetAt('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('GMT+02:00');
    expect(
      await ticketsAt('Europe/Berlin', [
        '2026-03-28T23:00:00Z', // 00:00 CET on the 29th
        '2026-03-29T00:59:59Z', // 01:59:59 CET, just before the jump
        '2026-03-29T01:00:00Z', // 03:00 CEST
        '2026-03-29T21:59:59Z', // 23:59:59 CEST
        '2026-03-29T22:00:00Z', // 00:00 CEST on the 30th
      ]),
    ).toEqual(['2026-03-29 A-001', '2026-03-29 A-002', '2026-03-29 A-003', '2026-03-29 A-004', '2026-03-30 A-001']);
  });

  it('Europe/Berlin, fall back: the repeated hour does not reset, the 25-hour day resets at 23:00 UTC', async () => {
    expect(
      await ticketsAt('Europe/Berlin', [
        '2026-10-24T22:00:00Z', // 00:00 CEST on the 25th
        '2026-10-25T00:30:00Z', // 02:30 CEST
        '2026-10-25T01:30:00Z', // 02:30 CET, the same wall-clock time again
        '2026-10-25T22:59:59Z', // 23:59:59 CET
        '2026-10-25T23:00:00Z', // 00:00 CET on the 26th
      ]),
    ).toEqual(['2026-10-25 A-001', '2026-10-25 A-002', '2026-10-25 A-003', '2026-10-25 A-004', '2026-10-26 A-001']);
  });

  it('America/Santiago: a day whose midnight does not exist starts at 01:00', async () => {
    // Chile moves its clocks at 24:00, so 6 September 2026 begins at 01:00 -03.
    expect(
      await ticketsAt('America/Santiago', ['2026-09-06T03:00:00Z', '2026-09-06T03:59:59Z', '2026-09-06T04:00:00Z']),
    ).toEqual(['2026-09-05 A-001', '2026-09-05 A-002', '2026-09-06 A-001']);
    expect(localDay(new Date('2026-09-06T04:00:00Z'), 'America/Santiago')).toBe('2026-09-06');
  });

  it('Asia/Almaty after its move from UTC+6 to UTC+5 on 1 March 2024 resets at 19:00 UTC, not 18:00', async () => {
    // Fails on a runtime whose ICU time-zone data predates the change (tzdata 2024a).
    expect(offsetAt('2024-02-29T17:59:00Z', 'Asia/Almaty')).toBe('GMT+06:00');
    expect(offsetAt('2024-02-29T18:00:00Z', 'Asia/Almaty')).toBe('GMT+05:00');
    expect(
      await ticketsAt('Asia/Almaty', [
        '2024-02-29T17:30:00Z', // 23:30 +06
        '2024-02-29T18:30:00Z', // 23:30 +05: under the old rule this would be 00:30 on 1 March
        '2024-02-29T19:00:00Z', // 00:00 +05 on 1 March
        '2024-03-01T18:30:00Z', // 23:30 +05
        '2024-03-01T19:00:00Z', // 00:00 on 2 March
      ]),
    ).toEqual(['2024-02-29 A-001', '2024-02-29 A-002', '2024-03-01 A-001', '2024-03-01 A-002', '2024-03-02 A-001']);
  });
});
