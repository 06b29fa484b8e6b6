import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterStatus, SyncFact } from '../../main/contract';
import { loadCatalogFile } from '../../main/boot/read-files';
import { KioskConfig } from '../../main/core/config';
import { createKioskCore, type KioskHandlers } from '../../main/core/kiosk-core';
import { StorageUnavailableError } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { printerProfile } from '../../native/printer/profiles';
import { SerialTicketPrinter } from '../../native/printer/serial-printer';
import { alwaysOpen, ManualClock, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { readWholeOutbox } from '../support/outbox';

/** A store whose printer states cannot be written, as on a full disk; everything else works. */
class StoreThatCannotKeepPrinterStates extends SqliteStore {
  override recordPrinterState(): void {
    throw new StorageUnavailableError('SQLITE_FULL', { cause: new Error('database or disk is full') });
  }
}

interface Rig {
  service: KioskHandlers;
  store: SqliteStore;
  emulator: PrinterEmulator;
  printer: SerialTicketPrinter;
  logged: { event: string; detail: Record<string, unknown> }[];
}

const until = async (condition: () => boolean, what: string) => {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const printerStates = (store: SqliteStore) =>
  readWholeOutbox(store).flatMap(({ fact }): Extract<SyncFact, { kind: 'printer-state' }>['status'][] =>
    fact.kind === 'printer-state' ? [fact.status] : [],
  );

describe("the printer's state in the outbox (kiosk core → SerialTicketPrinter → PTY → emulator)", () => {
  let dir: ReturnType<typeof tempDir>;
  let pair: PtyPair;
  let rig: Rig | undefined;

  async function start(store: SqliteStore): Promise<Rig> {
    const emulator = await PrinterEmulator.open({ path: pair.b });
    // Polled every 50 ms: the state is asked for many times while it stays the same.
    const printer = new SerialTicketPrinter({
      path: pair.a,
      baudRate: 9600,
      profile: printerProfile('epson-tm-t20iii'),
      // Long enough that a loaded test machine never turns a slow reply into a `no-reply` state.
      statusReplyTimeoutMs: 2_000,
      statusPollMs: 50,
    });
    const logged: Rig['logged'] = [];
    const core = createKioskCore({
      config: KioskConfig.parse({ centreName: 'ASAN xidmət' }),
      catalog: alwaysOpen(loadCatalogFile(SAMPLE_CATALOG)),
      store,
      printer,
      clock: new ManualClock(new Date('2026-11-24T06:00:00Z')),
      log: { warn: () => {}, error: (event, detail) => logged.push({ event, detail }) },
    });
    return { service: core.handlers, store, emulator, printer, logged };
  }

  beforeEach(async () => {
    dir = tempDir('kiosk-outbox-printer-');
    pair = await openPtyPair();
  });

  afterEach(async () => {
    await rig?.printer.close();
    await rig?.emulator.close();
    rig?.store.close();
    rig = undefined;
    await pair.close();
    dir.remove();
  });

  it('paper out gives exactly one printer-state fact, however often the printer is asked; paper back gives one more and a roll', async () => {
    rig = await start(new SqliteStore(join(dir.path, 'kiosk.sqlite')));
    const { emulator, printer, service, store } = rig;
    await until(() => printer.lastStatus().connection === 'online', 'the first status reply');
    expect(printerStates(store)).toMatchObject([{ connection: 'online', paper: 'ok', coverOpen: false }]);

    emulator.setState({ paper: 'out' });
    await until(() => printer.lastStatus().paper === 'out', 'paper out');
    // A ticket refused for it, and twenty polls at least, each asking the printer again.
    const queries = emulator.statusQueries.length;
    const refused = await service.issueTicket({ serviceId: 'passport', language: 'az' });
    expect(refused.printStatus).toBe('failed');
    await until(() => emulator.statusQueries.length >= queries + 20 * 4, 'twenty more status polls');
    const states = printerStates(store);
    // Every state recorded, for the failure message: a reply lost under load shows as no-reply.
    expect(states, JSON.stringify(states)).toHaveLength(2);
    expect(states[1]).toMatchObject({ connection: 'offline', paper: 'out' } satisfies Partial<PrinterStatus>);

    emulator.setState({ paper: 'ok' });
    await until(() => printer.lastStatus().paper === 'ok', 'paper back');
    await until(() => printerStates(store).length === 3, 'the state with paper back');
    expect(printerStates(store)[2]).toMatchObject({ connection: 'online', paper: 'ok' });
    const kinds = readWholeOutbox(store).map(({ fact }) => fact.kind);
    expect(kinds.filter((kind) => kind === 'printer-state')).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'paper-roll')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'ticket-issued' || kind === 'print-outcome')).toEqual([
      'ticket-issued',
      'print-outcome',
    ]);
  });

  it('a printer state that cannot be stored is logged and never reaches the ticket being printed', async () => {
    rig = await start(new StoreThatCannotKeepPrinterStates(join(dir.path, 'kiosk.sqlite')));
    const { emulator, printer, service } = rig;
    await until(() => printer.lastStatus().connection === 'online', 'the first status reply');
    // Paper near end still prints; the change is heard in the status check just before the ticket.
    emulator.setState({ paper: 'near-end' });
    const ticket = await service.issueTicket({ serviceId: 'passport', language: 'ru' });
    expect(ticket.printStatus).toBe('printed');
    expect((await emulator.nextTicket()).lines).toContain(ticket.number);
    expect(rig.logged).toContainEqual({
      event: 'event-listener-failed',
      detail: expect.objectContaining({ listener: 'printer-monitor', error: expect.stringContaining('SQLITE_FULL') }),
    });
    // The ticket's own facts were written: only the printer's states are missing.
    expect(readWholeOutbox(rig.store).map(({ fact }) => fact.kind)).toEqual(['ticket-issued', 'print-outcome']);
  });
});
