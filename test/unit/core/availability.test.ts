import { describe, expect, it } from 'vitest';
import type { Service } from '../../../main/contract';
import { serviceAvailability } from '../../../main/core/service-availability';

const office: Pick<Service, 'openingHours' | 'dailyLimit'> = {
  openingHours: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
    { days: ['sat'], from: '10:00', to: '14:00' },
  ],
  dailyLimit: 3,
};
// 2026-11-20 is a Friday; Baku is UTC+4.
const at = (iso: string) => new Date(iso);

describe('service availability in the centre’s time zone', () => {
  it('is open within the hours and under the limit', () => {
    expect(serviceAvailability(office, at('2026-11-20T05:00:00Z'), 'Asia/Baku', 2)).toEqual({ state: 'open' });
  });

  it('before opening: closed, opens today at 09:00', () => {
    expect(serviceAvailability(office, at('2026-11-20T04:59:00Z'), 'Asia/Baku', 0)).toEqual({
      state: 'closed',
      reopens: { daysFromNow: 0, weekday: 'fri', time: '09:00' },
    });
  });

  it('at closing time on Friday: closed, opens tomorrow (Saturday) at 10:00', () => {
    expect(serviceAvailability(office, at('2026-11-20T14:00:00Z'), 'Asia/Baku', 0)).toEqual({
      state: 'closed',
      reopens: { daysFromNow: 1, weekday: 'sat', time: '10:00' },
    });
  });

  it('on Sunday: closed, opens on Monday at 09:00', () => {
    expect(serviceAvailability(office, at('2026-11-22T08:00:00Z'), 'Asia/Baku', 0)).toEqual({
      state: 'closed',
      reopens: { daysFromNow: 1, weekday: 'mon', time: '09:00' },
    });
  });

  it('at the daily limit: come back on the next opening day, not later today', () => {
    expect(serviceAvailability(office, at('2026-11-19T05:00:00Z'), 'Asia/Baku', 3)).toEqual({
      state: 'limit-reached',
      reopens: { daysFromNow: 1, weekday: 'fri', time: '09:00' },
    });
    expect(serviceAvailability({ ...office, dailyLimit: null }, at('2026-11-19T05:00:00Z'), 'Asia/Baku', 999)).toEqual({
      state: 'open',
    });
  });

  it('reads the local clock, not the device’s: 08:30 UTC is 14:30 in Almaty, open; 19:30 in Almaty is closed', () => {
    const evening = { openingHours: [{ days: ['fri' as const], from: '14:00', to: '15:00' }], dailyLimit: null };
    expect(serviceAvailability(evening, at('2026-11-20T09:30:00Z'), 'Asia/Almaty', 0).state).toBe('open');
    expect(serviceAvailability(evening, at('2026-11-20T09:30:00Z'), 'Asia/Baku', 0).state).toBe('closed');
  });
});
