import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../main/contract';
import { KioskError } from '../../../main/core/errors';
import { alwaysOpen, makeKiosk, ManualClock, tempDir } from '../../support/kiosk-fixture';

const withService =
  (id: string, change: (service: Catalog['services'][number]) => Partial<Catalog['services'][number]>) =>
  (sample: Catalog): Catalog => {
    const open = alwaysOpen(sample);
    return { ...open, services: open.services.map((s) => (s.id === id ? { ...s, ...change(s) } : s)) };
  };

async function refusalCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KioskError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('the core refuses tickets a service cannot take', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('refuses a closed service without using a number, and says when it opens', async () => {
    // Friday 2026-11-20, 19:30 in Baku: the office hours (Mon–Fri 09:00–18:00) are over.
    const clock = new ManualClock(new Date('2026-11-20T15:30:00Z'));
    const { service, store } = makeKiosk({
      dbFile: join(dir.path, 'k.sqlite'),
      clock,
      catalog: withService('passport', () => ({
        openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' }],
      })),
    });
    expect(await refusalCode(() => service.issueTicket({ serviceId: 'passport', language: 'en' }))).toBe(
      'service-closed',
    );
    expect(await service.getServiceAvailability({ serviceId: 'passport' })).toEqual({
      state: 'closed',
      reopens: { daysFromNow: 3, weekday: 'mon', time: '09:00' },
    });
    expect(store.listTickets('2026-11-20')).toEqual([]);
    store.close();
  });

  it('issues up to the daily limit and then refuses, until the next day', async () => {
    const clock = new ManualClock(new Date('2026-11-20T08:00:00Z'));
    const { service, store } = makeKiosk({
      dbFile: join(dir.path, 'k.sqlite'),
      clock,
      catalog: withService('identity-card', () => ({ dailyLimit: 2 })),
    });
    await service.issueTicket({ serviceId: 'identity-card', language: 'kk' });
    // Another service's tickets do not count against this one's limit.
    await service.issueTicket({ serviceId: 'passport', language: 'kk' });
    await service.issueTicket({ serviceId: 'identity-card', language: 'kk' });
    expect(await refusalCode(() => service.issueTicket({ serviceId: 'identity-card', language: 'kk' }))).toBe(
      'daily-limit-reached',
    );
    expect((await service.getServiceAvailability({ serviceId: 'identity-card' })).state).toBe('limit-reached');
    clock.set('2026-11-21T08:00:00Z');
    expect((await service.issueTicket({ serviceId: 'identity-card', language: 'kk' })).number).toBe('A-001');
    store.close();
  });

  it('gives the last ticket under the daily limit to one of two requests arriving at the same instant', async () => {
    const { service, store } = makeKiosk({
      dbFile: join(dir.path, 'k.sqlite'),
      clock: new ManualClock(new Date('2026-11-20T08:00:00Z')),
      catalog: withService('identity-card', () => ({ dailyLimit: 2 })),
    });
    await service.issueTicket({ serviceId: 'identity-card', language: 'kk' });
    // Both pass the early check before either reaches the store: the printer status is awaited in between.
    const outcomes = await Promise.all(
      ['kk', 'ru'].map((language) =>
        refusalCode(() => service.issueTicket({ serviceId: 'identity-card', language: language as 'kk' | 'ru' })),
      ),
    );
    expect(outcomes.sort()).toEqual(['accepted', 'daily-limit-reached']);
    expect(store.listTickets('2026-11-20').filter((t) => t.serviceId === 'identity-card')).toHaveLength(2);
    store.close();
  });

  it('knows no service disabled on this kiosk', async () => {
    const { service, store } = makeKiosk({
      dbFile: join(dir.path, 'k.sqlite'),
      clock: new ManualClock(new Date('2026-11-20T08:00:00Z')),
      catalog: withService('notary', () => ({ enabled: false })),
    });
    expect(await refusalCode(() => service.issueTicket({ serviceId: 'notary', language: 'en' }))).toBe(
      'unknown-service',
    );
    expect(await refusalCode(() => service.getServiceAvailability({ serviceId: 'notary' }))).toBe('unknown-service');
    store.close();
  });
});
