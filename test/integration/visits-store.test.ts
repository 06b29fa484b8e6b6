import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupNumbering } from '../../main/core/queue/numbering';
import { KioskConfig } from '../../main/core/config';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';

const numbering = groupNumbering(KioskConfig.parse({}).numbering, 'A');

describe('visit steps in the SQLite store', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteStore;
  beforeEach(() => {
    dir = tempDir('kiosk-visit-store-');
    store = new SqliteStore(join(dir.path, 'kiosk.sqlite'));
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const issue = (localDay: string, issuedAt: string) => {
    const issued = store.issueTicket({
      group: 'A',
      numbering,
      localDay,
      serviceId: 'passport',
      language: 'uz',
      priority: null,
      issuedAt: new Date(issuedAt),
      peopleAhead: 2,
      estimatedWaitMinutes: 9,
      dailyLimit: null,
    });
    if (!issued.ok) throw new Error(`no ticket issued: ${issued.reason}`);
    return issued.ticket;
  };

  const at = (iso: string) => new Date(iso);

  it('stores the estimate with the ticket and applies a step only from the states it allows', () => {
    const ticket = issue('2026-11-20', '2026-11-20T08:00:00.000Z');
    expect(ticket).toMatchObject({ state: 'waiting', peopleAhead: 2, estimatedWaitMinutes: 9 });
    const started = store.recordVisitStep({
      ticketId: ticket.id,
      kind: 'started',
      from: ['called'],
      deskId: '1',
      at: at('2026-11-20T08:01:00.000Z'),
    });
    expect(started).toBeUndefined();
    expect(store.getTicket(ticket.id)?.state).toBe('waiting');
    expect(store.listVisitEvents('2026-11-20').map((event) => event.kind)).toEqual(['issued']);

    const called = store.recordVisitStep({
      ticketId: ticket.id,
      kind: 'called',
      from: ['waiting'],
      deskId: '1',
      at: at('2026-11-20T08:02:00.000Z'),
    });
    expect(called).toMatchObject({ state: 'called', deskId: '1', calledAt: '2026-11-20T08:02:00.000Z' });
    // A second desk taking the same ticket from "waiting" finds it gone.
    expect(
      store.recordVisitStep({ ticketId: ticket.id, kind: 'called', from: ['waiting'], deskId: '2', at: new Date() }),
    ).toBeUndefined();
    expect(store.listVisitEvents('2026-11-20')).toEqual([
      { ticketId: ticket.id, kind: 'issued', deskId: null, serviceId: 'passport', at: '2026-11-20T08:00:00.000Z' },
      { ticketId: ticket.id, kind: 'called', deskId: '1', serviceId: 'passport', at: '2026-11-20T08:02:00.000Z' },
    ]);
  });

  it('averages over the last served visits of a service across days, oldest first', () => {
    const serve = (day: string, startIso: string, minutes: number) => {
      const ticket = issue(day, startIso);
      const start = new Date(startIso);
      store.recordVisitStep({ ticketId: ticket.id, kind: 'called', from: ['waiting'], deskId: '1', at: start });
      store.recordVisitStep({ ticketId: ticket.id, kind: 'started', from: ['called'], deskId: '1', at: start });
      store.recordVisitStep({
        ticketId: ticket.id,
        kind: 'finished',
        from: ['serving'],
        deskId: '1',
        at: new Date(start.getTime() + minutes * 60_000),
      });
    };
    serve('2026-11-19', '2026-11-19T10:00:00.000Z', 6);
    serve('2026-11-20', '2026-11-20T08:00:00.000Z', 2);
    serve('2026-11-20', '2026-11-20T09:00:00.000Z', 4);
    // Finished without being served (ended from waiting) counts for nothing.
    const unserved = issue('2026-11-20', '2026-11-20T09:30:00.000Z');
    store.recordVisitStep({ ticketId: unserved.id, kind: 'finished', from: ['waiting'], deskId: null, at: new Date() });
    const minutes = store.recentServingMinutes('passport', 2).map((value) => Math.round(value * 1000) / 1000);
    expect(minutes).toEqual([2, 4]);
    expect(store.recentServingMinutes('passport', 10).map(Math.round)).toEqual([6, 2, 4]);
    expect(store.recentServingMinutes('notary', 10)).toEqual([]);
  });
});
