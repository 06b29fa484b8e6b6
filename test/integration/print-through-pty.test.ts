import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketPrintout } from '../../main/core/ports';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import type { EscPosOp } from '../../native/escpos/decoder';
import { createTicketPrinter } from '../../native/printer/create-printer';
import { printerProfile } from '../../native/printer/profiles';
import { PrinterError, SerialTicketPrinter } from '../../native/printer/serial-printer';
import { VirtualTicketPrinter } from '../../native/printer/virtual-printer';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const profile = printerProfile('epson-tm-t20iii');

const russianTicket: TicketPrintout = {
  centreName: 'ЦОН Бишкек',
  serviceName: 'Выдача паспорта',
  number: 'B-012',
  language: 'ru',
  issuedAt: new Date('2025-03-05T09:07:00Z'),
  timeZone: 'Asia/Bishkek',
  qrContent: 'kiosk-1/2025-03-05/B-012',
};

const kazakhTicket: TicketPrintout = {
  ...russianTicket,
  centreName: 'ХҚКО Алматы',
  serviceName: 'Жеке куәлік беру',
  number: 'C-003',
  language: 'kk',
  timeZone: 'Asia/Almaty',
  qrContent: 'kiosk-1/2025-03-05/C-003',
};

/** The code page selected last before the text op `text`. */
function codePageBefore(ops: readonly EscPosOp[], text: string): number | undefined {
  const index = ops.findIndex((op) => op.kind === 'text' && op.text === text);
  expect(index, `"${text}" was not printed as text`).toBeGreaterThanOrEqual(0);
  const page = ops.slice(0, index).findLast((op) => op.kind === 'codePage');
  return page?.kind === 'codePage' ? page.number : undefined;
}

describe('printing through a serial link (socat PTY pair)', () => {
  let pair: PtyPair;
  let emulator: PrinterEmulator;
  let printer: SerialTicketPrinter;
  let previewDir: string;

  beforeAll(async () => {
    pair = await openPtyPair();
    previewDir = mkdtempSync(join(tmpdir(), 'kiosk-emulator-'));
    emulator = await PrinterEmulator.open({ path: pair.b, baudRate: 9600, previewDir });
    printer = new SerialTicketPrinter({ path: pair.a, baudRate: 9600, profile });
  });

  afterAll(async () => {
    await printer?.close();
    await emulator?.close();
    await pair?.close();
    if (previewDir) rmSync(previewDir, { recursive: true, force: true });
  });

  it('delivers a Russian ticket in PC866 with its QR code and cut', async () => {
    await printer.print(russianTicket);
    const received = await emulator.nextTicket();

    expect(received.lines).toContain('Выдача паспорта');
    expect(received.lines).toContain('ЦОН Бишкек');
    expect(received.lines).toContain('B-012');
    expect(codePageBefore(received.ops, 'Выдача паспорта')).toBe(17);
    expect(received.ops.filter((op) => op.kind === 'qrPrint')).toEqual([
      expect.objectContaining({ kind: 'qrPrint', data: 'kiosk-1/2025-03-05/B-012' }),
    ]);
    expect(received.ops.at(-1)).toEqual({ kind: 'cut', partial: false, feedDots: 0 });
    expect(received.ops.filter((op) => op.kind === 'unknown')).toEqual([]);
    expect(
      readFileSync(received.pngPath ?? '')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('delivers a Kazakh ticket in KZ-1048', async () => {
    await printer.print(kazakhTicket);
    const received = await emulator.nextTicket();

    expect(received.lines).toContain('Жеке куәлік беру');
    expect(received.lines).toContain('C-003');
    expect(codePageBefore(received.ops, 'Жеке куәлік беру')).toBe(53);
    expect(codePageBefore(received.ops, 'ХҚКО Алматы')).toBe(53);
    expect(received.ops.filter((op) => op.kind === 'qrPrint')).toEqual([
      expect.objectContaining({ kind: 'qrPrint', data: 'kiosk-1/2025-03-05/C-003' }),
    ]);
    expect(received.ops.at(-1)?.kind).toBe('cut');
  });

  it('reopens the port for the next job after it was closed', async () => {
    await printer.close();
    await printer.print(russianTicket);
    expect((await emulator.nextTicket()).lines).toContain('B-012');
  });

  it('keeps two tickets sent at once apart, in order', async () => {
    await Promise.all([printer.print(russianTicket), printer.print(kazakhTicket)]);
    const first = await emulator.nextTicket();
    const second = await emulator.nextTicket();
    expect(first.lines).toContain('B-012');
    expect(first.lines).not.toContain('C-003');
    expect(second.lines).toContain('C-003');
  });
});

describe('printer failures', () => {
  it('names the port when it does not exist', async () => {
    const missing = join(tmpdir(), 'kiosk-no-such-port', 'ttyUSB9');
    const printer = new SerialTicketPrinter({ path: missing, baudRate: 9600, profile });
    const failure = printer.print(russianTicket);
    await expect(failure).rejects.toBeInstanceOf(PrinterError);
    await expect(failure).rejects.toMatchObject({ failure: 'port-unavailable', portPath: missing });
    await expect(failure).rejects.toThrow(`Printer port ${missing} could not be opened`);
    await printer.close();
  });

  it('times out when nobody reads the other end, instead of waiting for ever', async () => {
    const pair = await openPtyPair();
    // Nothing reads pair.b: once the PTY buffers are full, writes stall.
    // At 921600 baud, 256 KiB need 2.8 s on the wire: the job gets 4.6 s, far more than a PTY buffers.
    const printer = new SerialTicketPrinter({ path: pair.a, baudRate: 921600, profile, timeoutMarginMs: 300 });
    try {
      const large = Buffer.alloc(256 * 1024, 0x41);
      await expect(printer.printBytes(large)).rejects.toMatchObject({ failure: 'timeout', portPath: pair.a });
    } finally {
      await printer.close();
      await pair.close();
    }
  });
});

describe('virtual printer', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'kiosk-virtual-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes the ticket bytes and a PNG preview the width of the paper', async () => {
    const printer = new VirtualTicketPrinter(directory, profile, () => new Date('2025-03-05T09:07:00.123Z'));
    const { binPath, pngPath } = await printer.printToFiles(kazakhTicket);

    expect(binPath).toBe(join(directory, '2025-03-05T09-07-00-123Z-C-003.bin'));
    expect(pngPath).toBe(join(directory, '2025-03-05T09-07-00-123Z-C-003.png'));
    expect(readFileSync(binPath).includes(Buffer.from([0x1b, 0x74, 53]))).toBe(true);

    const png = readFileSync(pngPath);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, at bytes 16 and 20
    expect(png.readUInt32BE(16)).toBe(576);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
    expect(png.readUInt32BE(20)).toBeLessThan(1200);
  });

  it('is what createTicketPrinter gives when no port is configured', async () => {
    const subdirectory = join(directory, 'by-config');
    const printer = createTicketPrinter(
      { port: null, baudRate: 9600, profile: 'epson-tm-t20iii', customProfiles: [] },
      subdirectory,
    );
    expect(printer).toBeInstanceOf(VirtualTicketPrinter);
    await printer.print(russianTicket);
    expect(readdirSync(subdirectory).sort()).toEqual([
      expect.stringMatching(/-B-012\.bin$/),
      expect.stringMatching(/-B-012\.png$/),
    ]);
    await printer.close();
  });

  it('createTicketPrinter gives the serial printer when a port is configured', async () => {
    const printer = createTicketPrinter(
      { port: '/dev/ttyUSB0', baudRate: 19200, profile: 'epson-tm-t20iii', customProfiles: [] },
      directory,
    );
    expect(printer).toBeInstanceOf(SerialTicketPrinter);
    await printer.close();
  });
});
