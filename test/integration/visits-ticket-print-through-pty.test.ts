import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketPrintout } from '../../main/core/ports';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { printerProfile } from '../../native/printer/profiles';
import { SerialTicketPrinter } from '../../native/printer/serial-printer';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const base = {
  issuedAt: new Date('2026-11-20T08:00:00Z'),
  qrContent: 'KIOSK-TICKET:kiosk-1:2026-11-20:A-014',
} as const;

const russianPriorityTicket: TicketPrintout = {
  ...base,
  centreName: 'ЦОН Бишкек',
  serviceName: 'Выдача паспорта',
  number: 'A-014',
  language: 'ru',
  timeZone: 'Asia/Bishkek',
  priorityLabel: 'Пожилой возраст',
  peopleAhead: 4,
  waitMinutes: 12,
};

const kazakhTicketWithoutEstimate: TicketPrintout = {
  ...base,
  centreName: 'ХҚКО Алматы',
  serviceName: 'Жеке куәлік беру',
  number: 'C-003',
  language: 'kk',
  timeZone: 'Asia/Almaty',
  priorityLabel: 'Егде жас',
  peopleAhead: 3,
  waitMinutes: null,
};

const kyrgyzPriorityTicket: TicketPrintout = {
  ...base,
  centreName: 'ЭКБ Бишкек',
  serviceName: 'Паспорт берүү',
  number: 'A-015',
  language: 'ky',
  timeZone: 'Asia/Bishkek',
  priorityLabel: 'Улгайган курак',
  peopleAhead: 2,
  waitMinutes: 8,
};

describe('the wait estimate and priority category on a printed ticket (socat PTY pair, emulator)', () => {
  let pair: PtyPair;
  let emulator: PrinterEmulator;
  let printer: SerialTicketPrinter;
  let previewDir: string;

  beforeAll(async () => {
    pair = await openPtyPair();
    previewDir = mkdtempSync(join(tmpdir(), 'kiosk-visits-print-'));
    emulator = await PrinterEmulator.open({ path: pair.b, baudRate: 9600, previewDir });
    printer = new SerialTicketPrinter({ path: pair.a, baudRate: 9600, profile: printerProfile('epson-tm-t20iii') });
  });

  afterAll(async () => {
    await printer?.close();
    await emulator?.close();
    await pair?.close();
    if (previewDir) rmSync(previewDir, { recursive: true, force: true });
  });

  it('prints the category and "people ahead, about M min" in Russian, decoded as text', async () => {
    await printer.print(russianPriorityTicket);
    const received = await emulator.nextTicket();
    // The screen's words for the mark (issue 15): «Вне очереди», not «Приоритет».
    expect(received.lines).toContain('Вне очереди: Пожилой возраст');
    expect(received.lines).toContain('Перед вами: 4 чел., ожидание около 12 мин');
    // Under the number, above the date.
    const number = received.lines.indexOf('A-014');
    expect(received.lines.indexOf('Вне очереди: Пожилой возраст')).toBe(number + 1);
    expect(received.ops.filter((op) => op.kind === 'unknown')).toEqual([]);
  });

  it('prints Kazakh letters of the new lines in KZ-1048, and only the people ahead without an estimate', async () => {
    await printer.print(kazakhTicketWithoutEstimate);
    const received = await emulator.nextTicket();
    expect(received.lines).toContain('Кезектен тыс: Егде жас');
    expect(received.lines).toContain('Сіздің алдыңызда: 3 адам');
    expect(received.lines.some((line) => line.includes('мин'))).toBe(false);
  });

  it('prints the Kyrgyz mark and people ahead with the words the kiosk screen uses (Кезексиз, адам)', async () => {
    await printer.print(kyrgyzPriorityTicket);
    const received = await emulator.nextTicket();
    expect(received.lines).toContain('Кезексиз: Улгайган курак');
    // 49 letters: wrapped at a space on 48 columns.
    expect(received.lines.join(' ')).toContain('Сиздин алдыңызда: 2 адам, болжол менен 8 мүн күтүү');
  });

  it('prints neither line for a ticket without them (a test ticket)', async () => {
    const plain: TicketPrintout = { ...russianPriorityTicket };
    delete plain.priorityLabel;
    delete plain.peopleAhead;
    delete plain.waitMinutes;
    await printer.print(plain);
    const received = await emulator.nextTicket();
    expect(received.lines).toContain('A-014');
    expect(received.lines.some((line) => line.startsWith('Вне очереди') || line.startsWith('Перед вами'))).toBe(false);
  });
});
