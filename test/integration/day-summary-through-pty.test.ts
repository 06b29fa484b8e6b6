import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language, LocalizedText } from '../../main/contract';
import { dayReport } from '../../main/core/reports/day-report';
import { daySummaryPrintout } from '../../main/core/reports/day-summary';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { printerProfile } from '../../native/printer/profiles';
import { SerialTicketPrinter } from '../../native/printer/serial-printer';
import { DAY, OFFERED, RATINGS, STANDARDS } from '../unit/core/reports/sample-day';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots');
const printerTexts = (language: Language) =>
  (
    JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${language}/printer.json`), 'utf8')) as {
      daySummary: Record<string, string>;
    }
  ).daySummary;

const SERVICE_NAMES = new Map<string, LocalizedText>([
  [
    'passport',
    {
      az: 'Şəxsiyyət vəsiqəsinin verilməsi',
      ru: 'Выдача удостоверения личности',
      en: 'Identity card',
      kk: 'Жеке куәлік беру',
      ky: 'Ким экенин күбөлөндүргөн күбөлүк',
      uz: 'Shaxsiy guvohnoma berish',
    },
  ],
  [
    'tax',
    { az: 'Vergi uçotu', ru: 'Налоговый учёт', en: 'Tax', kk: 'Салық есебі', ky: 'Салык эсеби', uz: 'Soliq hisobi' },
  ],
]);

const report = dayReport({
  day: '2026-11-20',
  timeZone: 'Asia/Baku',
  tickets: DAY,
  ratings: RATINGS,
  offeredTicketIds: OFFERED,
  standardMinutes: STANDARDS,
});

async function printThroughPty(profileId: Parameters<typeof printerProfile>[0], language: Language, pngName: string) {
  const profile = printerProfile(profileId);
  const pair: PtyPair = await openPtyPair();
  const previewDir = mkdtempSync(join(tmpdir(), 'kiosk-summary-'));
  const emulator = await PrinterEmulator.open({
    path: pair.b,
    baudRate: 9600,
    previewDir,
    widthDots: profile.printWidthDots,
  });
  const printer = new SerialTicketPrinter({ path: pair.a, baudRate: 9600, profile });
  try {
    const printout = daySummaryPrintout({
      report,
      language,
      centreName: 'ASAN xidmət Bakı-1',
      serviceNames: SERVICE_NAMES,
      printedAtLocal: '2026-11-20 18:30',
    });
    await printer.printReport(printout);
    const received = await emulator.nextTicket();
    mkdirSync(SCREENSHOTS, { recursive: true });
    if (received.pngPath) copyFileSync(received.pngPath, join(SCREENSHOTS, pngName));
    return { received, profile, png: received.pngPath ? readFileSync(received.pngPath) : null };
  } finally {
    await printer.close();
    await emulator.close();
    await pair.close();
    rmSync(previewDir, { recursive: true, force: true });
  }
}

describe('the day summary through a serial link (socat PTY pair, emulator decoding)', () => {
  let az: Awaited<ReturnType<typeof printThroughPty>>;
  let ru: Awaited<ReturnType<typeof printThroughPty>>;

  beforeAll(async () => {
    az = await printThroughPty('epson-tm-t20iii', 'az', 'day-summary-az-80mm.png');
    ru = await printThroughPty('generic-58mm', 'ru', 'day-summary-ru-58mm.png');
  });

  it('an Azerbaijani summary on 80 mm reads back line by line: title, totals with values on the right', () => {
    const t = printerTexts('az');
    const { lines, ops } = az.received;
    const columns = az.profile.columns;
    expect(lines).toContain(t.title);
    expect(lines).toContain('ASAN xidmət Bakı-1, 2026-11-20');
    const row = (label: string, value: string) =>
      `${label}${' '.repeat(columns - [...label].length - [...value].length)}${value}`;
    expect(lines).toContain(row(t.tickets!, '6'));
    expect(lines).toContain(row(t.served!, '3'));
    expect(lines).toContain(row(t.noShows!, '1'));
    expect(lines).toContain(row(t.averageWait!, '14,2 dəq'));
    expect(lines).toContain(row(t.scores!, '0/1/0/1/1'));
    expect(lines).toContain(row('Masa 1', '1 / 3'));
    expect(lines).toContain(row('Şəxsiyyət vəsiqəsinin verilməsi', '2 / 3'));
    expect(lines).toContain(row('09:00-10:00', '2 / 1'));
    expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
    expect(ops.at(-1)?.kind).toBe('cut');
    expect(az.png?.subarray(1, 4).toString()).toBe('PNG');
  });

  it('a Russian summary on 58 mm (32 columns) wraps a long label and puts its value right-aligned under it', () => {
    const t = printerTexts('ru');
    const { lines } = ru.received;
    expect(ru.profile.columns).toBe(32);
    expect(lines).toContain(t.title);
    // "Среднее время обслуживания" (26) + "13,3 мин" (8) do not fit 32 columns together.
    const at = lines.indexOf('Среднее время обслуживания');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(`${' '.repeat(32 - 8)}13,3 мин`);
    expect(lines).toContain(`Выдано талонов${' '.repeat(32 - 14 - 1)}6`);
    expect(lines.every((line) => [...line].length <= 32)).toBe(true);
  });
});
