import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../main/contract';
import type { TicketPrintout } from '../../main/core/ports';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import type { EscPosOp } from '../../native/escpos/decoder';
import { packRows } from '../../native/escpos/raster';
import { printerProfile } from '../../native/printer/profiles';
import { SerialTicketPrinter } from '../../native/printer/serial-printer';
import { drawTextLineBitmap } from '../../native/printer/text-bitmap';
import { formatTicketDateTime } from '../../native/printer/ticket-date';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const PREVIEWS = join(import.meta.dirname, '../../test-artifacts/printed-tickets');

interface Case {
  centre: string;
  service: string;
}

/** Centre and service names as a catalog would give them, each with its language's own letters. */
const CASES: Record<Language, Case> = {
  az: { centre: 'ASAN Bakı-1', service: 'Şəxsiyyət vəsiqəsinin verilməsi' },
  ru: { centre: 'ЦОН Бишкек', service: 'Выдача паспорта' },
  en: { centre: 'Public Service Centre', service: 'Passport issue' },
  kk: { centre: 'ХҚКО Алматы', service: 'Жеке куәлік беру' },
  ky: { centre: 'ЭКБ Ош', service: 'Паспорт берүү' },
  uz: { centre: 'DXM Toshkent', service: 'Oʻzbekiston pasportini berish' },
};

/**
 * How each line must come out, per profile: the text it prints as and its ESC t number, or
 * 'raster' when no page of the profile holds it. The 58 mm clone has no KZ-1048 (Kazakh ә, Kyrgyz
 * ү are drawn) and no page with ‘ (Uzbek falls back to '). The Epson prints ə as a downloaded glyph
 * (`downloaded`: the text op carries it as a user-defined character, see
 * printer-user-defined-through-pty.test.ts for the glyphs themselves).
 */
type Expected = { text: string; page: number; downloaded?: true } | 'raster';
const EXPECTED: Record<
  'epson-tm-t20iii' | 'generic-58mm',
  Record<Language, { centre: Expected; service: Expected }>
> = {
  'epson-tm-t20iii': {
    az: {
      centre: { text: 'ASAN Bakı-1', page: 13 },
      service: { text: 'Şəxsiyyət vəsiqəsinin verilməsi', page: 13, downloaded: true },
    },
    ru: { centre: { text: 'ЦОН Бишкек', page: 17 }, service: { text: 'Выдача паспорта', page: 17 } },
    en: { centre: { text: 'Public Service Centre', page: 0 }, service: { text: 'Passport issue', page: 0 } },
    kk: { centre: { text: 'ХҚКО Алматы', page: 53 }, service: { text: 'Жеке куәлік беру', page: 53 } },
    ky: { centre: { text: 'ЭКБ Ош', page: 17 }, service: { text: 'Паспорт берүү', page: 53 } },
    uz: { centre: { text: 'DXM Toshkent', page: 0 }, service: { text: 'O‘zbekiston pasportini berish', page: 48 } },
  },
  'generic-58mm': {
    az: { centre: { text: 'ASAN Bakı-1', page: 13 }, service: 'raster' },
    ru: { centre: { text: 'ЦОН Бишкек', page: 17 }, service: { text: 'Выдача паспорта', page: 17 } },
    en: { centre: { text: 'Public Service Centre', page: 0 }, service: { text: 'Passport issue', page: 0 } },
    kk: { centre: 'raster', service: 'raster' },
    ky: { centre: { text: 'ЭКБ Ош', page: 17 }, service: 'raster' },
    uz: { centre: { text: 'DXM Toshkent', page: 0 }, service: { text: "O'zbekiston pasportini berish", page: 0 } },
  },
};

const LANGUAGES = Object.keys(CASES) as Language[];

function printout(language: Language, number: string): TicketPrintout {
  return {
    centreName: CASES[language].centre,
    serviceName: CASES[language].service,
    number,
    language,
    issuedAt: new Date('2026-11-22T05:07:00Z'),
    timeZone: 'Asia/Baku',
    qrContent: `KIOSK-TICKET:kiosk-1:2026-11-22:${number}`,
  };
}

/** The ESC t number in force where `text` is printed; `downloaded` letters show as the code they replace. */
function codePageBefore(ops: readonly EscPosOp[], text: string, downloaded = false): number | undefined {
  const index = ops.findIndex(
    (op) =>
      op.kind === 'text' &&
      (downloaded ? op.userDefined !== undefined && op.text.length === text.length : op.text === text),
  );
  expect(index, `"${text}" was not printed as text`).toBeGreaterThanOrEqual(0);
  const page = ops.slice(0, index).findLast((op) => op.kind === 'codePage');
  return page?.kind === 'codePage' ? page.number : undefined;
}

function rasterData(ops: readonly EscPosOp[]): Buffer[] {
  return ops.flatMap((op) => (op.kind === 'raster' ? [op.data] : []));
}

describe.each(['epson-tm-t20iii', 'generic-58mm'] as const)('six languages through a PTY on %s', (profileId) => {
  const profile = printerProfile(profileId);
  let pair: PtyPair;
  let emulator: PrinterEmulator;
  let printer: SerialTicketPrinter;

  beforeAll(async () => {
    pair = await openPtyPair();
    const previewDir = join(PREVIEWS, profileId);
    mkdirSync(previewDir, { recursive: true });
    emulator = await PrinterEmulator.open({ path: pair.b, previewDir, widthDots: profile.printWidthDots });
    printer = new SerialTicketPrinter({ path: pair.a, baudRate: 9600, profile });
  });

  afterAll(async () => {
    await printer?.close();
    await emulator?.close();
    await pair?.close();
  });

  it.each(LANGUAGES)(
    '%s: text in the right code pages, the rest as raster that matches the drawn line',
    async (language) => {
      const number = `A-00${LANGUAGES.indexOf(language) + 1}`;
      await printer.print(printout(language, number));
      const received = await emulator.nextTicket();
      const { ops, lines } = received;

      expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
      expect(lines).toContain(number);
      const expected = EXPECTED[profileId][language];
      const drawn = rasterData(ops);
      const date = formatTicketDateTime(new Date('2026-11-22T05:07:00Z'), language, 'Asia/Baku');
      if (expected.service === 'raster' && /[әғқңөұүһі]/.test(date)) {
        // Kazakh month names on a printer without KZ-1048 are drawn like any other such line.
        const bitmap = drawTextLineBitmap(date, { bold: false, magnification: 1 }, profile.printWidthDots);
        expect(drawn).toContainEqual(packRows(bitmap!.bitmap).data);
      } else {
        expect(lines).toContain(date);
      }
      for (const [line, style] of [
        ['centre', { bold: true, magnification: 1 }],
        ['service', { bold: false, magnification: 1 }],
      ] as const) {
        const want = expected[line];
        if (want === 'raster') {
          const bitmap = drawTextLineBitmap(CASES[language][line], style, profile.printWidthDots);
          if (!bitmap) throw new Error(`the ${line} drew no ink`);
          expect(drawn, `${line} raster`).toContainEqual(packRows(bitmap.bitmap).data);
          expect(lines.join('\n')).not.toContain(CASES[language][line]);
        } else {
          expect(lines).toContain(want.text);
          expect(codePageBefore(ops, want.text, want.downloaded)).toBe(want.page);
        }
      }
      // ə reads as ə only from a downloaded glyph; from a code page it would be a ? or U+FFFD.
      const downloadedAny = Object.values(expected).some((want) => want !== 'raster' && want.downloaded === true);
      expect(lines.join('\n')).not.toMatch(downloadedAny ? /[ʻ\uFFFD?]/ : /[əƏʻ\uFFFD?]/);
      if (!downloadedAny) expect(ops.some((op) => op.kind === 'defineCharacters')).toBe(false);
      for (const op of ops) if (op.kind === 'raster') expect(op.height).toBeLessThanOrEqual(255);

      if (profile.nativeQr) {
        expect(ops).toContainEqual(
          expect.objectContaining({ kind: 'qrPrint', data: printout(language, number).qrContent }),
        );
        expect(ops.at(-1)?.kind).toBe('cut');
      } else {
        expect(ops.some((op) => op.kind === 'qrPrint' || op.kind === 'cut')).toBe(false);
        // The QR code went out as the one square raster image of the ticket.
        expect(ops.some((op) => op.kind === 'raster' && op.widthBytes * 8 >= op.height && op.height > 100)).toBe(true);
      }
      // ESC @ resets the code page: every one is followed by a page selection before any text.
      ops.forEach((op, index) => {
        if (op.kind === 'init' && index + 1 < ops.length) expect(ops[index + 1]?.kind).toBe('codePage');
      });
      expect(received.pngPath).toMatch(/\.png$/);
    },
  );
});
