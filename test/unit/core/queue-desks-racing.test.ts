import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConfig } from '../../../main/core/config';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { createKioskCore } from '../../../main/core/kiosk-core';
import { SqliteStore } from '../../../main/store/sqlite-store';
import { DESK_PIN, FRIDAY_NOON, TEST_DESKS } from '../../support/desk-fixture';
import { alwaysOpen, ManualClock, RecordingPrinterStandIn, SAMPLE_CATALOG, tempDir } from '../../support/kiosk-fixture';

/**
 * A store that runs `between` once, right after the first list of today's tickets: the instant at
 * which another kiosk sharing the file can take the ticket this one is about to call.
 */
class StoreWithAnotherKioskBetween extends SqliteStore {
  between: (() => void) | null = null;
  override listTickets(localDay: string) {
    const tickets = super.listTickets(localDay);
    const run = this.between;
    this.between = null;
    run?.();
    return tickets;
  }
}

/** Two kiosks over one real SQLite file, as two processes of a centre would share it. */
describe('two desks calling at the same instant', () => {
  let dir: ReturnType<typeof tempDir>;
  let stores: SqliteStore[];
  beforeEach(() => {
    dir = tempDir('kiosk-racing-desks-');
    stores = [];
  });
  afterEach(() => {
    for (const store of stores) store.close();
    dir.remove();
  });

  function kiosk<S extends SqliteStore>(store: S) {
    stores.push(store);
    const clock = new ManualClock(new Date(FRIDAY_NOON));
    const config = KioskConfig.parse({ centreName: 'Test centre', desks: TEST_DESKS });
    const catalog = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
    const core = createKioskCore({ config, catalog, store, printer: new RecordingPrinterStandIn(), clock });
    return { service: core.handlers, store };
  }

  it('calls a different ticket at each desk: the desk that lost the race picks again from the queue', async () => {
    const file = join(dir.path, 'kiosk.sqlite');
    const first = kiosk(new StoreWithAnotherKioskBetween(file));
    const second = kiosk(new SqliteStore(file));
    const a = await first.service.issueTicket({ serviceId: 'passport', language: 'az' });
    const b = await first.service.issueTicket({ serviceId: 'passport', language: 'ru' });
    const deskOne = (await first.service.deskSignIn({ deskId: '1', pin: DESK_PIN })).token;
    const deskTwo = (await second.service.deskSignIn({ deskId: '2', pin: DESK_PIN })).token;
    let calledByDeskTwo: string | undefined;
    first.store.between = () => {
      void second.service.callNext({ token: deskTwo }).then((ticket) => (calledByDeskTwo = ticket?.number));
    };
    const calledByDeskOne = await first.service.callNext({ token: deskOne });
    await Promise.resolve();
    expect(calledByDeskTwo).toBe(a.number);
    expect(calledByDeskOne).toMatchObject({ number: b.number, deskId: '1', state: 'called' });
    const day = first.store.listTickets(a.localDay);
    expect(day.map((t) => [t.number, t.deskId, t.state])).toEqual(
      expect.arrayContaining([
        [a.number, '2', 'called'],
        [b.number, '1', 'called'],
      ]),
    );
    const calls = first.store.listVisitEvents(a.localDay).filter((event) => event.kind === 'called');
    expect(calls.map((event) => [event.ticketId, event.deskId])).toEqual([
      [a.id, '2'],
      [b.id, '1'],
    ]);
  });
});
