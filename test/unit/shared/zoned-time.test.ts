import { describe, expect, it } from 'vitest';
import { localClock, localDateTime, localDay, zonedParts } from '../../../main/shared/zoned-time';
import { numericDateTime } from '../../../native/printer/ticket-date';

describe('zoned time: one cached formatter per zone for the day, the clock, the CSV and the ticket', () => {
  it('reads midnight as 00, not 24, and the day on the centre’s side of the date line', () => {
    // 2026-11-19T20:00Z is midnight in Baku (UTC+4) and still the 19th in UTC.
    expect(zonedParts('2026-11-19T20:00:00.000Z', 'Asia/Baku')).toEqual({
      year: '2026',
      month: '11',
      day: '20',
      hour: '00',
      minute: '00',
      second: '00',
      weekday: 'fri',
    });
    expect(localDay(new Date('2026-11-19T20:00:00.000Z'), 'Asia/Baku')).toBe('2026-11-20');
    expect(localDay(new Date('2026-11-19T20:00:00.000Z'), 'UTC')).toBe('2026-11-19');
  });

  it('gives the same instant as CSV time, ticket digits and opening-hours clock', () => {
    const instant = '2026-11-20T08:05:09.000Z';
    expect(localDateTime(instant, 'Asia/Almaty')).toBe('2026-11-20 13:05:09');
    expect(numericDateTime(new Date(instant), 'Asia/Almaty')).toBe('20.11.2026 13:05');
    expect(localClock(new Date(instant), 'Asia/Almaty')).toEqual({ weekday: 4, minutes: 13 * 60 + 5 });
  });

  it('follows a daylight-saving change (Europe/Berlin, 2026-03-29 02:00 → 03:00)', () => {
    expect(localDateTime('2026-03-29T00:59:59.000Z', 'Europe/Berlin')).toBe('2026-03-29 01:59:59');
    expect(localDateTime('2026-03-29T01:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-29 03:00:00');
  });
});
