import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketPrintout } from '../../main/core/ports';
import { PrinterEmulator } from '../../native/emulator/printer-emulator';
import { qrBitmap } from '../../native/escpos/qr-bitmap';
import { packRows } from '../../native/escpos/raster';
import { BUILT_IN_PRINTER_PROFILES } from '../../native/printer/profiles';
import { SerialTicketPrinter } from '../../native/printer/serial-printer';
import { drawTextLineBitmap } from '../../native/printer/text-bitmap';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const PREVIEWS = join(import.meta.dirname, '../../test-artifacts/printed-tickets/every-model');

/** An Azerbaijani ticket: ə (no code page has it) in the bold centre name and in the service name. */
const TICKET: TicketPrintout = {
  centreName: 'ASAN xidmət Bakı-1',
  serviceName: 'Şəxsiyyət vəsiqəsinin verilməsi',
  number: 'A-001',
  language: 'az',
  issuedAt: new Date('2026-11-22T05:07:00Z'),
  timeZone: 'Asia/Baku',
  qrContent: 'KIOSK-TICKET:kiosk-1:2026-11-22:A-001',
};

describe.each(BUILT_IN_PRINTER_PROFILES.map((profile) => [profile.id, profile] as const))(
  'an Azerbaijani ticket through a PTY on %s, as its profile says the model prints',
  (id, profile) => {
    let pair: PtyPair;
    let emulator: PrinterEmulator;
    let printer: SerialTicketPrinter;

    beforeAll(async () => {
      pair = await openPtyPair();
      const previewDir = join(PREVIEWS, id);
      mkdirSync(previewDir, { recursive: true });
      emulator = await PrinterEmulator.open({ path: pair.b, previewDir, widthDots: profile.printWidthDots });
      printer = new SerialTicketPrinter({ path: pair.a, baudRate: 115200, profile });
    });

    afterAll(async () => {
      await printer?.close();
      await emulator?.close();
      await pair?.close();
    });

    it(`ə as ${profile.userDefinedCharacters ? 'downloaded glyphs' : 'raster lines'}, the QR code ${profile.nativeQr ? 'native' : 'as raster'}, nothing wider than the paper`, async () => {
      await printer.print(TICKET);
      const { ops, lines, pngPath } = await emulator.nextTicket();
      expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
      expect(lines).toContain(TICKET.number);
      const rasters = ops.flatMap((op) => (op.kind === 'raster' ? [op] : []));

      if (profile.userDefinedCharacters) {
        // Read back through the glyphs the printer was sent: the letters, not the codes they replace.
        expect(lines).toContain(TICKET.centreName);
        expect(lines).toContain(TICKET.serviceName);
        expect(ops.some((op) => op.kind === 'defineCharacters')).toBe(true);
      } else {
        expect(ops.some((op) => op.kind === 'defineCharacters' || op.kind === 'userDefinedCharacters')).toBe(false);
        for (const [text, bold] of [
          [TICKET.centreName, true],
          [TICKET.serviceName, false],
        ] as const) {
          const drawn = drawTextLineBitmap(text, { bold, magnification: 1 }, profile.printWidthDots);
          if (!drawn) throw new Error(`"${text}" drew no ink`);
          expect(rasters.map((op) => op.data)).toContainEqual(packRows(drawn.bitmap).data);
          expect(lines.join('\n')).not.toContain(text);
        }
      }
      expect(lines.join('\n')).not.toMatch(/[\uFFFD?]/);

      const qrRasters = rasters.filter((op) => op.widthBytes * 8 >= op.height && op.height > 100);
      if (profile.nativeQr) {
        expect(ops).toContainEqual(expect.objectContaining({ kind: 'qrPrint', data: TICKET.qrContent }));
        expect(qrRasters).toEqual([]);
      } else {
        expect(ops.some((op) => op.kind === 'qrPrint')).toBe(false);
        // One band: 29 modules of 4 dots (RASTER_QR_MODULE_DOTS), 116 rows.
        expect(qrRasters.map((op) => op.data)).toEqual([packRows(qrBitmap(TICKET.qrContent, 4, 'M')).data]);
      }
      // Only ə lines and a raster QR code are images: with glyphs and native QR, none at all.
      if (profile.userDefinedCharacters && profile.nativeQr) expect(rasters).toEqual([]);
      for (const op of rasters) {
        expect(op.widthBytes * 8).toBeLessThanOrEqual(profile.printWidthDots);
        expect(op.height).toBeLessThanOrEqual(profile.maxRasterBandRows);
      }
      expect(ops.some((op) => op.kind === 'cut')).toBe(profile.hasCutter);
      expect(pngPath).toMatch(/\.png$/);
    });
  },
);
