import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConfig } from '../../../main/core/config';
import { migrate } from '../../../main/store/migrations';
import { SqliteStore } from '../../../main/store/sqlite-store';
import { ManualClock, makeKiosk, tempDir } from '../../support/kiosk-fixture';

describe('priority tickets', () => {
  let dir: ReturnType<typeof tempDir>;
  let dbFile: string;
  const clock = new ManualClock(new Date('2026-11-22T07:00:00Z'));
  beforeEach(() => {
    dir = tempDir();
    dbFile = join(dir.path, 'kiosk.sqlite');
  });
  afterEach(() => dir.remove());

  it('stores the chosen category with the ticket, in the same numbering as normal tickets', async () => {
    const { service, store } = makeKiosk({ dbFile, clock });
    const normal = await service.issueTicket({ serviceId: 'passport', language: 'az' });
    const elderly = await service.issueTicket({ serviceId: 'passport', language: 'az', priority: 'elderly' });
    expect(normal).toMatchObject({ number: 'A-001', priority: null });
    expect(elderly).toMatchObject({ number: 'A-002', priority: 'elderly' });
    store.close();
    const reopened = new SqliteStore(dbFile);
    expect(reopened.getTicket(elderly.id)?.priority).toBe('elderly');
    reopened.close();
  });

  it('refuses priority where the service allows none, and unknown categories, without using a number', async () => {
    const { service, store } = makeKiosk({ dbFile, clock, config: { priority: { categories: ['veteran'] } } });
    await expect(
      service.issueTicket({ serviceId: 'bank-card', language: 'en', priority: 'veteran' }),
    ).rejects.toMatchObject({ code: 'priority-not-allowed' });
    await expect(
      service.issueTicket({ serviceId: 'passport', language: 'en', priority: 'elderly' }),
    ).rejects.toMatchObject({ code: 'priority-not-allowed' });
    expect(await service.issueTicket({ serviceId: 'passport', language: 'en', priority: 'veteran' })).toMatchObject({
      number: 'A-001',
      priority: 'veteran',
    });
    expect((await service.issueTicket({ serviceId: 'bank-card', language: 'en' })).number).toBe('K-001');
    store.close();
  });

  it('configures categories and the limit of priority calls in a row', () => {
    expect(KioskConfig.parse({}).priority).toEqual({ categories: ['elderly', 'disabled', 'pregnant'], maxInRow: 3 });
    const problems = (priority: unknown) =>
      KioskConfig.safeParse({ priority }).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(problems({ categories: ['elderly', 'elderly'] })).toEqual(['priority.categories']);
    expect(problems({ categories: ['Elderly'] })).toEqual(['priority.categories.0']);
    expect(problems({ maxInRow: 0 })).toEqual(['priority.maxInRow']);
  });

  it('upgrades a database from before priority tickets, keeping its tickets as normal ones', async () => {
    // A file at schema 2, as a kiosk of the release before priority tickets left it.
    const raw = new Database(dbFile);
    migrate(raw, 2);
    const { lastInsertRowid } = raw
      .prepare(
        `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, issued_at, print_status)
         VALUES ('A-001', 'A', 1, '2026-11-20', 'passport', 'ru', '2026-11-20T08:00:00.000Z', 'printed')`,
      )
      .run();
    raw.close();
    const upgraded = new SqliteStore(dbFile);
    expect(upgraded.getTicket(Number(lastInsertRowid))).toMatchObject({ number: 'A-001', priority: null });
    upgraded.close();
  });
});
