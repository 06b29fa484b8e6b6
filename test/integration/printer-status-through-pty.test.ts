import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterProblem, PrinterStatus } from '../../main/contract';
import { printerProblems } from '../../main/shared/printer-problems';
import type { TicketPrintout } from '../../main/core/ports';
import { HEALTHY_PRINTER, PrinterEmulator, type EmulatedPrinterState } from '../../native/emulator/printer-emulator';
import { decodeEscPos } from '../../native/escpos/decoder';
import { printerProfile } from '../../native/printer/profiles';
import { PrinterError, SerialTicketPrinter } from '../../native/printer/serial-printer';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const profile = printerProfile('epson-tm-t20iii');

const azTicket: TicketPrintout = {
  centreName: 'ASAN xidmət Bakı-1',
  serviceName: 'Şəxsiyyət vəsiqəsinin verilməsi',
  number: 'A-014',
  language: 'az',
  issuedAt: new Date('2026-11-22T05:07:00Z'),
  timeZone: 'Asia/Baku',
  qrContent: 'KIOSK-TICKET:kiosk-1:2026-11-22:A-014',
};

async function expectNotReady(job: Promise<void>, problem: PrinterProblem): Promise<PrinterError> {
  const error = await job.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PrinterError);
  const printerError = error as PrinterError;
  expect(printerError.failure).toBe('not-ready');
  expect(printerProblems(printerError.status as PrinterStatus)).toContain(problem);
  expect(printerError.message).toContain(problem);
  return printerError;
}

describe('printer status through a PTY: DLE EOT between jobs, GS a, faults from the emulator', () => {
  let pair: PtyPair;
  let emulator: PrinterEmulator;
  let printer: SerialTicketPrinter;

  beforeAll(async () => {
    pair = await openPtyPair();
    emulator = await PrinterEmulator.open({ path: pair.b, baudRate: 9600 });
    printer = new SerialTicketPrinter({ path: pair.a, baudRate: 9600, profile, statusReplyTimeoutMs: 300 });
  });

  afterEach(() => emulator.setState(HEALTHY_PRINTER));

  afterAll(async () => {
    await printer?.close();
    await emulator?.close();
    await pair?.close();
  });

  it('reads a healthy printer as online with paper', async () => {
    const status = await printer.checkStatus();
    expect(status).toMatchObject({ connection: 'online', paper: 'ok', coverOpen: false, cutterError: false });
    expect(status.detail).toMatch(/DLE EOT 1–4 .*: 12 12 12 12/);
    expect(emulator.statusQueries.slice(-4)).toEqual([1, 2, 3, 4]);
  });

  const faults: [string, Partial<EmulatedPrinterState>, PrinterProblem, Partial<PrinterStatus>][] = [
    ['paper out', { paper: 'out' }, 'paper-out', { connection: 'offline', paper: 'out' }],
    ['cover open', { coverOpen: true }, 'cover-open', { connection: 'offline', coverOpen: true }],
    ['offline', { offline: true }, 'offline', { connection: 'offline', paper: 'ok' }],
    ['cutter error', { cutterError: true }, 'cutter-error', { connection: 'offline', cutterError: true }],
  ];

  it.each(faults)(
    '%s: the job is refused before a byte of it is sent, with the cause',
    async (_, state, problem, seen) => {
      emulator.setState(state);
      const ticketsBefore = emulator.tickets.length;
      let printData = 0;
      const stop = emulator.onBytes((chunk) => (printData += chunk.filter((byte) => byte === 0x1b).length));
      try {
        const error = await expectNotReady(printer.print(azTicket), problem);
        expect(error.status).toMatchObject(seen);
        expect(error.message).toContain('not sent');
      } finally {
        stop();
      }
      expect(printData).toBe(0);
      expect(emulator.tickets.length).toBe(ticketsBefore);
      expect(printer.lastStatus()).toMatchObject(seen);
    },
  );

  it('paper running out in the middle of a ticket fails the job, though every byte was taken', async () => {
    emulator.setState({ paperOutAfterBytes: 200 });
    const ticketsBefore = emulator.tickets.length;
    const error = await expectNotReady(printer.print(azTicket), 'paper-out');
    expect(error.message).toContain('may not have printed');
    expect(emulator.tickets.length).toBe(ticketsBefore);
    expect(emulator.droppedBytes).toBeGreaterThan(0);
  });

  it('paper near end still prints, and tells the listeners once', async () => {
    const seen: PrinterStatus[] = [];
    const stop = printer.onStatusChange((status) => seen.push(status));
    try {
      await printer.checkStatus();
      emulator.setState({ paper: 'near-end' });
      await printer.print(azTicket);
      expect((await emulator.nextTicket()).lines).toContain('A-014');
      expect(printer.lastStatus().paper).toBe('near-end');
      expect(seen.filter((status) => status.paper === 'near-end').length).toBe(1);
    } finally {
      stop();
    }
  });

  it('hears a fault between jobs from GS a automatic status back, without asking', async () => {
    await printer.checkStatus();
    const asked = emulator.statusQueries.length;
    const changed = new Promise<PrinterStatus>((resolve) => {
      const stop = printer.onStatusChange((status) => {
        stop();
        resolve(status);
      });
    });
    emulator.setState({ coverOpen: true });
    const status = await changed;
    expect(status).toMatchObject({ coverOpen: true, connection: 'offline' });
    expect(status.detail).toMatch(/^GS a status 38 00 00 00/);
    expect(emulator.statusQueries.length).toBe(asked);
  });

  it('asks for status only between jobs, never inside one (a DLE EOT there would be glyph or raster data)', async () => {
    const stream: Buffer[] = [];
    const stop = emulator.onBytes((chunk) => stream.push(Buffer.from(chunk)));
    try {
      await Promise.all([printer.print(azTicket), printer.print(azTicket), printer.checkStatus()]);
      await emulator.nextTicket();
      await emulator.nextTicket();
    } finally {
      stop();
    }
    const ops = decodeEscPos(Buffer.concat(stream));
    // Binary data a DLE EOT could land in: ə goes out as ESC & glyph data on this model.
    // Two a ticket (a bold ə for the centre line, a regular one for the service line), two tickets.
    expect(ops.filter((op) => op.kind === 'defineCharacters')).toHaveLength(4);
    let insideJob = false;
    let queriesOutside = 0;
    for (const op of ops) {
      if (op.kind === 'text' || op.kind === 'raster' || op.kind === 'defineCharacters' || op.kind === 'qrPrint') {
        insideJob = true;
      } else if (op.kind === 'cut') insideJob = false;
      else if (op.kind === 'statusQuery') {
        expect(insideJob, 'DLE EOT inside a job').toBe(false);
        queriesOutside++;
      }
    }
    // Before and after each of the two jobs, and the check: four queries (n = 1…4) each.
    expect(queriesOutside).toBe(5 * 4);
  });

  it('a printer that answers nothing fails the job as no-reply instead of calling it printed', async () => {
    emulator.setState({ silent: true });
    const error = await expectNotReady(printer.print(azTicket), 'no-reply');
    expect(error.status?.detail).toContain('no answer to DLE EOT');
  });
});

describe('line speed: the emulator takes bytes no faster than its baud rate', () => {
  const job = Buffer.from(`${'A'.repeat(99)}\n`.repeat(1500)); // 150 KB of text lines

  async function sendTo(bytesPerSecond: number | null): Promise<unknown> {
    const pair = await openPtyPair();
    const emulator = await PrinterEmulator.open({ path: pair.b, state: { bytesPerSecond } });
    // The host believes in 921600 baud: 150 KB get 1.6 s on the wire × 1.5 + 0.3 s.
    const printer = new SerialTicketPrinter({
      path: pair.a,
      baudRate: 921_600,
      profile,
      timeoutMarginMs: 300,
      statusReplyTimeoutMs: 300,
    });
    try {
      return await printer.printBytes(job).then(
        () => 'sent',
        (error: unknown) => error,
      );
    } finally {
      await printer.close();
      await emulator.close();
      await pair.close();
    }
  }

  it('a job that a fast printer takes in time…', async () => {
    expect(await sendTo(null)).toBe('sent');
  });

  it('…times out on a printer that consumes 9600 baud, though the host set 921600', async () => {
    const error = await sendTo(960);
    expect(error).toBeInstanceOf(PrinterError);
    expect(error).toMatchObject({ failure: 'timeout' });
  });
});

describe('USB-serial adapter unplugged and plugged back in', () => {
  it('says disconnected, then reopens the same path by itself and prints again', async () => {
    let pair = await openPtyPair();
    const links = { a: pair.a, b: pair.b };
    let emulator = await PrinterEmulator.open({ path: pair.b });
    const printer = new SerialTicketPrinter({
      path: pair.a,
      baudRate: 9600,
      profile,
      statusReplyTimeoutMs: 300,
      statusPollMs: 100,
    });
    const connections: string[] = [];
    printer.onStatusChange((status) => connections.push(status.connection));
    const until = async (connection: string) => {
      await expect.poll(() => printer.lastStatus().connection, { timeout: 5000, interval: 50 }).toBe(connection);
    };
    try {
      await printer.print(azTicket);
      expect((await emulator.nextTicket()).lines).toContain('A-014');

      await emulator.close();
      await pair.close();
      await until('disconnected');
      await expect(printer.print(azTicket)).rejects.toMatchObject({ failure: 'port-unavailable' });

      pair = await openPtyPair({ at: links });
      emulator = await PrinterEmulator.open({ path: pair.b });
      await until('online');
      await printer.print(azTicket);
      expect((await emulator.nextTicket()).lines).toContain('A-014');
      expect(connections).toEqual(expect.arrayContaining(['online', 'disconnected']));
      expect(connections.lastIndexOf('online')).toBeGreaterThan(connections.indexOf('disconnected'));
    } finally {
      await printer.close();
      await emulator.close();
      await pair.close();
    }
  });
});
