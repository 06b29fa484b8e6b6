import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, KioskEventName, Language, PrinterProblem } from '../../main/contract';
import { KioskConfig } from '../../main/core/config';
import { loadCatalogFile } from '../../main/boot/read-files';
import { KioskError } from '../../main/core/errors';
import { createKioskCore, type KioskHandlers } from '../../main/core/kiosk-core';
import { SqliteStore } from '../../main/store/sqlite-store';
import { PrinterEmulator, type EmulatedPrinterState } from '../../native/emulator/printer-emulator';
import { printerProfile } from '../../native/printer/profiles';
import { SerialTicketPrinter } from '../../native/printer/serial-printer';
import { ManualClock, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const LANGUAGES: Language[] = ['az', 'ru', 'en', 'kk', 'ky', 'uz'];

interface Rig {
  service: KioskHandlers;
  store: SqliteStore;
  emulator: PrinterEmulator;
  printer: SerialTicketPrinter;
  events: { event: KioskEventName; payload: unknown }[];
  dbFile: string;
  clock: ManualClock;
}

describe('printer faults reach the ticket record, the API and the crew (kiosk service → SQLite → PTY → emulator)', () => {
  let dir: ReturnType<typeof tempDir>;
  let pair: PtyPair;
  let rig: Rig;

  async function start(whenUnavailable: 'show-on-screen' | 'refer-to-staff' = 'show-on-screen'): Promise<Rig> {
    const emulator = await PrinterEmulator.open({ path: pair.b });
    const printer = new SerialTicketPrinter({
      path: pair.a,
      baudRate: 9600,
      profile: printerProfile('epson-tm-t20iii'),
      statusReplyTimeoutMs: 300,
    });
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const store = new SqliteStore(dbFile);
    const config = KioskConfig.parse({ centreName: 'ASAN xidmət', printer: { whenUnavailable } });
    const clock = new ManualClock(new Date('2026-11-24T06:00:00Z'));
    const core = createKioskCore({ config, catalog: loadCatalogFile(SAMPLE_CATALOG), store, printer, clock });
    const events: Rig['events'] = [];
    core.subscribe((event, payload) => events.push({ event, payload }));
    return { service: core.handlers, store, emulator, printer, events, dbFile, clock };
  }

  const warnings = (events: Rig['events']) =>
    events
      .filter((entry) => entry.event === 'printerWarning')
      .map((entry) => (entry.payload as EventPayload<'printerWarning'>).problem);

  beforeEach(async () => {
    dir = tempDir('kiosk-faults-');
    pair = await openPtyPair();
  });

  afterEach(async () => {
    await rig?.printer.close();
    await rig?.emulator.close();
    rig?.store.close();
    await pair.close();
    dir.remove();
  });

  const faults: [string, Partial<EmulatedPrinterState>, PrinterProblem][] = [
    ['paper out', { paper: 'out' }, 'paper-out'],
    ['cover open', { coverOpen: true }, 'cover-open'],
    ['offline', { offline: true }, 'offline'],
    ['cutter error', { cutterError: true }, 'cutter-error'],
    ['switched off', { silent: true }, 'no-reply'],
  ];

  it.each(faults)(
    '%s: every language gets its number, marked failed with the cause; the crew is warned',
    async (_, state, problem) => {
      rig = await start();
      rig.emulator.setState(state);
      for (const language of LANGUAGES) {
        const ticket = await rig.service.issueTicket({ serviceId: 'passport', language });
        expect(ticket).toMatchObject({ printStatus: 'failed', language });
        expect(ticket.printError).toContain(problem);
      }
      expect(rig.emulator.tickets).toEqual([]);
      const report = await rig.service.getPrinterStatus({});
      expect(report.problems).toContain(problem);
      expect(report.canPrint).toBe(problem === 'no-reply');
      expect(warnings(rig.events)).toContain(problem);
      expect(rig.events.some((entry) => entry.event === 'printerStatusChanged')).toBe(true);

      const db = new Database(rig.dbFile, { readonly: true });
      try {
        const rows = db.prepare('SELECT print_status, print_error FROM tickets').all() as {
          print_status: string;
          print_error: string;
        }[];
        expect(rows).toHaveLength(6);
        for (const row of rows) {
          expect(row.print_status).toBe('failed');
          expect(row.print_error).toContain(problem);
        }
      } finally {
        db.close();
      }
    },
  );

  it('a failed ticket prints again once the fault is cleared, and a printed one is not printed twice', async () => {
    rig = await start();
    rig.emulator.setState({ coverOpen: true });
    const failed = await rig.service.issueTicket({ serviceId: 'passport', language: 'kk' });
    expect(failed.printStatus).toBe('failed');
    rig.emulator.setState({ coverOpen: false });
    const reprinted = await rig.service.reprintTicket({ ticketId: failed.id });
    expect(reprinted).toMatchObject({ id: failed.id, number: failed.number, printStatus: 'printed', printError: null });
    const paper = await rig.emulator.nextTicket();
    expect(paper.lines).toContain(failed.number);
    await expect(rig.service.reprintTicket({ ticketId: failed.id })).rejects.toMatchObject({ code: 'already-printed' });
  });

  it('paper running out mid-ticket marks it failed; "refer-to-staff" then issues no number at all', async () => {
    rig = await start('refer-to-staff');
    rig.emulator.setState({ paperOutAfterBytes: 150 });
    const failed = await rig.service.issueTicket({ serviceId: 'passport', language: 'ru' });
    expect(failed.printStatus).toBe('failed');
    expect(failed.printError).toMatch(/paper-out.*may not have printed/);

    const refused = await rig.service.issueTicket({ serviceId: 'passport', language: 'ru' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KioskError);
    expect(refused).toMatchObject({ code: 'printer-unavailable' });
    expect(rig.store.listTickets('2026-11-24').map((ticket) => ticket.number)).toEqual([failed.number]);
  });

  it('paper near end warns the crew; a new roll restarts the count of tickets printed since', async () => {
    rig = await start();
    for (let i = 0; i < 3; i++) await rig.service.issueTicket({ serviceId: 'passport', language: 'en' });
    expect((await rig.service.getPrinterStatus({})).ticketsSinceRoll).toBe(3);

    rig.emulator.setState({ paper: 'near-end' });
    const printed = await rig.service.issueTicket({ serviceId: 'passport', language: 'en' });
    expect(printed.printStatus).toBe('printed');
    expect(warnings(rig.events)).toEqual(['paper-near-end']);
    const nearEnd = await rig.service.getPrinterStatus({});
    expect(nearEnd).toMatchObject({
      canPrint: true,
      problems: ['paper-near-end'],
      ticketsSinceRoll: 4,
      rollSince: null,
    });

    rig.clock.set('2026-11-24T07:00:00Z');
    rig.emulator.setState({ paper: 'ok' });
    const newRoll = await rig.service.getPrinterStatus({});
    expect(newRoll).toMatchObject({ problems: [], ticketsSinceRoll: 0, rollSince: '2026-11-24T07:00:00.000Z' });
    await rig.service.issueTicket({ serviceId: 'passport', language: 'en' });
    expect((await rig.service.getPrinterStatus({})).ticketsSinceRoll).toBe(1);
  });
});
