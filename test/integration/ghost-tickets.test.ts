import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../main/contract';
import { logPrintOutcomes } from '../../main/boot/kiosk-events-log';
import { loadCatalogFile } from '../../main/boot/read-files';
import { KioskConfig } from '../../main/core/config';
import { createKioskCore } from '../../main/core/kiosk-core';
import type { CoreLog, TicketPrinter, TicketPrintout } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { DESK_PIN, FRIDAY_NOON, TEST_DESKS } from '../support/desk-fixture';
import { alwaysOpen, ManualClock, RecordingPrinterStandIn, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';

/** A printer that takes the job and holds it until `finish`: a ticket in the middle of printing. */
class HeldPrinter extends RecordingPrinterStandIn {
  jobs = 0;
  private release: (() => void) | null = null;
  override async print(ticket: TicketPrintout): Promise<void> {
    this.jobs += 1;
    await new Promise<void>((resolve) => (this.release = resolve));
    await super.print(ticket);
  }
  finish(): void {
    this.release?.();
  }
}

/** Provokes what a full disk does to SQLite (SQLITE_FULL) by capping the file at its current size. */
class StoreOnAFullDisk extends SqliteStore {
  fill(): void {
    this.db.pragma(`max_page_count = ${this.db.pragma('page_count', { simple: true }) as number}`);
  }
  free(): void {
    this.db.pragma('max_page_count = 1073741823');
  }
}

/** Provokes what a read-only data folder does to SQLite (SQLITE_READONLY): writes are refused on this connection. */
class StoreOnAReadOnlyFolder extends SqliteStore {
  makeReadOnly(): void {
    this.db.pragma('query_only = ON');
  }
}

interface LogLine {
  level: 'warn' | 'error';
  event: string;
  detail: Record<string, unknown>;
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(done()).toBe(true);
};

describe('no ghost tickets: interrupted prints, one paper per reprint, storage faults (real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let stores: SqliteStore[];
  let file: string;
  beforeEach(() => {
    dir = tempDir('kiosk-ghosts-');
    file = join(dir.path, 'kiosk.sqlite');
    stores = [];
  });
  afterEach(() => {
    for (const store of stores) store.close();
    dir.remove();
  });

  function kiosk<S extends SqliteStore>(store: S, printer: TicketPrinter = new RecordingPrinterStandIn()) {
    stores.push(store);
    const lines: LogLine[] = [];
    const log: CoreLog = {
      warn: (event, detail) => lines.push({ level: 'warn', event, detail }),
      error: (event, detail) => lines.push({ level: 'error', event, detail }),
    };
    const config = KioskConfig.parse({ centreName: 'Test centre', timeZone: 'Asia/Baku', desks: TEST_DESKS });
    const catalog = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
    const clock = new ManualClock(new Date(FRIDAY_NOON));
    const core = createKioskCore({ config, catalog, store, printer, clock, log });
    return { core, service: core.handlers, store, lines, clock };
  }

  it('at start, a ticket stored but never given a print outcome becomes interrupted, stays in the queue, counts as print not confirmed, and reprints once', async () => {
    const printer = new HeldPrinter();
    const before = kiosk(new SqliteStore(file), printer);
    void before.service.issueTicket({ serviceId: 'passport', language: 'kk' });
    await until(() => printer.jobs === 1);
    const [pending] = before.store.listTickets('2026-11-20');
    expect(pending).toMatchObject({ number: 'A-001', printStatus: 'pending' });
    // The process dies here: the job never returns and no outcome is stored.

    const after = kiosk(new SqliteStore(file));
    const ghost = after.store.getTicket(pending!.id);
    expect(ghost).toMatchObject({ printStatus: 'interrupted', state: 'waiting' });
    expect(ghost!.printError).toMatch(/stopped before the print outcome was stored/);
    expect(after.lines).toContainEqual({
      level: 'warn',
      event: 'prints-interrupted',
      detail: { numbers: ['2026-11-20 A-001'] },
    });

    const token = (await after.service.deskSignIn({ deskId: '1', pin: DESK_PIN })).token;
    expect((await after.service.getDayReport({ token })).totals.printNotConfirmed).toBe(1);
    // Its visitor may hold the paper: the desk still calls it.
    expect(await after.service.getDeskState({ token })).toMatchObject({ waiting: [{ number: 'A-001' }] });

    const reprinted = await after.service.reprintTicket({ ticketId: pending!.id });
    expect(reprinted).toMatchObject({ printStatus: 'printed', printError: null });
    await expect(after.service.reprintTicket({ ticketId: pending!.id })).rejects.toMatchObject({
      code: 'already-printed',
    });
    expect((await after.service.getDayReport({ token })).totals.printNotConfirmed).toBe(0);
  });

  it('two reprints of a failed ticket at once give out one paper; the other is told a print is under way', async () => {
    const printer = new RecordingPrinterStandIn();
    const { service } = kiosk(new SqliteStore(file), printer);
    printer.failWith = 'paper out';
    const failed = await service.issueTicket({ serviceId: 'passport', language: 'ru' });
    expect(failed.printStatus).toBe('failed');
    printer.failWith = null;

    const outcomes = await Promise.allSettled([
      service.reprintTicket({ ticketId: failed.id }),
      service.reprintTicket({ ticketId: failed.id }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { code: 'print-in-progress' },
    });
    expect(printer.printed).toHaveLength(1);
  });

  it('a reprint asked while the ticket is still printing is refused, and the print ends printed with one paper', async () => {
    const printer = new HeldPrinter();
    const { service } = kiosk(new SqliteStore(file), printer);
    const issuing = service.issueTicket({ serviceId: 'passport', language: 'az' });
    await until(() => printer.jobs === 1);
    const [printing] = stores[0]!.listTickets('2026-11-20');
    await expect(service.reprintTicket({ ticketId: printing!.id })).rejects.toMatchObject({
      code: 'print-in-progress',
    });
    printer.finish();
    expect((await issuing).printStatus).toBe('printed');
    expect(printer.jobs).toBe(1);
    expect(printer.printed).toHaveLength(1);
  });

  it('two kiosk processes sharing the file: reprints of the same failed ticket from each give out one paper', async () => {
    const printerA = new RecordingPrinterStandIn();
    const printerB = new RecordingPrinterStandIn();
    const a = kiosk(new SqliteStore(file), printerA);
    const b = kiosk(new SqliteStore(file), printerB);
    printerA.failWith = 'cover open';
    const failed = await a.service.issueTicket({ serviceId: 'notary', language: 'en' });
    printerA.failWith = null;
    const outcomes = await Promise.allSettled([
      b.service.reprintTicket({ ticketId: failed.id }),
      a.service.reprintTicket({ ticketId: failed.id }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(printerA.printed.length + printerB.printed.length).toBe(1);
    expect(a.store.getTicket(failed.id)?.printStatus).toBe('printed');
  });

  it('a ticket stored and printed stays printed when an event listener and every log line throw', async () => {
    // A real pino logger whose destination fails, as its file would on a full disk.
    const brokenLogger = pino(
      { level: 'info' },
      {
        write: () => {
          throw new Error('ENOSPC: no space left on device, write');
        },
      },
    );
    const printer = new RecordingPrinterStandIn();
    const { core, service, store } = kiosk(new SqliteStore(file), logPrintOutcomes(printer, brokenLogger));
    const heard: Ticket[] = [];
    core.subscribe(() => {
      throw new Error('the listener is broken');
    });
    core.subscribe((event, payload) => {
      if (event === 'ticketIssued') heard.push(payload as Ticket);
    });

    const ticket = await service.issueTicket({ serviceId: 'passport', language: 'uz' });
    expect(ticket.printStatus).toBe('printed');
    expect(store.getTicket(ticket.id)?.printStatus).toBe('printed');
    expect(printer.printed.map((printed) => printed.number)).toEqual([ticket.number]);
    // The listener after the broken one still heard of the ticket.
    expect(heard.map((heardOf) => heardOf.number)).toEqual([ticket.number]);
  });

  it('a full disk (simulated: PRAGMA max_page_count) refuses the ticket, stores nothing, and tells the technician SQLITE_FULL', async () => {
    const { service, store, lines } = kiosk(new StoreOnAFullDisk(file));
    store.fill();
    const issued: Ticket[] = [];
    let refusal: unknown;
    for (let i = 0; i < 2000 && refusal === undefined; i++) {
      await service.issueTicket({ serviceId: 'passport', language: 'ru' }).then(
        (ticket) => issued.push(ticket),
        (error: unknown) => (refusal = error),
      );
    }
    expect(refusal).toMatchObject({ code: 'storage-unavailable', message: expect.stringMatching(/SQLITE_FULL/) });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        event: 'storage-unavailable',
        detail: expect.objectContaining({ code: 'SQLITE_FULL' }),
      }),
    );
    // Every ticket acknowledged is stored and printed; the refused one left nothing behind.
    expect(store.listTickets('2026-11-20')).toHaveLength(issued.length);
    expect(issued.every((ticket) => ticket.printStatus === 'printed')).toBe(true);
    store.free();
    const next = await service.issueTicket({ serviceId: 'passport', language: 'ru' });
    expect(next.sequence).toBe(issued.length + 1);
  });

  it('a read-only data folder (simulated: PRAGMA query_only) refuses the ticket and tells the technician SQLITE_READONLY', async () => {
    const { service, store, lines } = kiosk(new StoreOnAReadOnlyFolder(file));
    store.makeReadOnly();
    await expect(service.issueTicket({ serviceId: 'passport', language: 'az' })).rejects.toMatchObject({
      code: 'storage-unavailable',
      message: expect.stringMatching(/no ticket was issued: .*SQLITE_READONLY/),
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: 'storage-unavailable',
        detail: expect.objectContaining({ doing: 'issue', code: 'SQLITE_READONLY' }),
      }),
    );
    expect(store.listTickets('2026-11-20')).toEqual([]);
  });
});
