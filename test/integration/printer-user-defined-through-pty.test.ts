import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketPrintout } from '../../main/core/ports';
import { PrinterEmulator, type EmulatedTicket } from '../../native/emulator/printer-emulator';
import type { EscPosOp } from '../../native/escpos/decoder';
import { defineCharacterCommand, drawUserDefinedGlyph } from '../../native/escpos/user-defined-characters';
import { printerProfile } from '../../native/printer/profiles';
import { SerialTicketPrinter } from '../../native/printer/serial-printer';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

const PREVIEWS = join(import.meta.dirname, '../../test-artifacts/printed-tickets/user-defined');
const profile = printerProfile('epson-tm-t20iii');

/** A bold centre name and a regular service name, both with ə, which no code page holds. */
const ticket = (number: string): TicketPrintout => ({
  centreName: 'ASAN xidmət Bakı-1',
  serviceName: 'Şəxsiyyət vəsiqəsinin verilməsi',
  number,
  language: 'az',
  issuedAt: new Date('2026-11-22T05:07:00Z'),
  timeZone: 'Asia/Baku',
  qrContent: `KIOSK-TICKET:kiosk-1:2026-11-22:${number}`,
});

type TextOp = Extract<EscPosOp, { kind: 'text' }>;

describe('ə as user-defined characters through a PTY on the Epson TM-T20III', () => {
  let pair: PtyPair;
  let emulator: PrinterEmulator;
  let printer: SerialTicketPrinter;
  const received: EmulatedTicket[] = [];

  beforeAll(async () => {
    pair = await openPtyPair();
    mkdirSync(PREVIEWS, { recursive: true });
    emulator = await PrinterEmulator.open({ path: pair.b, previewDir: PREVIEWS, widthDots: profile.printWidthDots });
    printer = new SerialTicketPrinter({ path: pair.a, baudRate: 9600, profile });
    // Two jobs back to back: the ESC @ between them clears the glyphs, so the second must send them again.
    for (const number of ['A-101', 'A-102']) {
      await printer.print(ticket(number));
      received.push(await emulator.nextTicket());
    }
  });

  afterAll(async () => {
    await printer?.close();
    await emulator?.close();
    await pair?.close();
  });

  it.each([0, 1])('ticket %i arrives as text that reads as the intended lines, with no raster', (index) => {
    const { ops, lines } = received[index]!;
    const intended = ticket(`A-10${index + 1}`);
    expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
    expect(ops.filter((op) => op.kind === 'raster')).toEqual([]);
    expect(lines).toContain(intended.centreName);
    expect(lines).toContain(intended.serviceName);
    expect(lines).toContain(intended.number);
  });

  it.each([0, 1])(
    'ticket %i downloads ə as the shipped font draws it, bold for the centre, regular for the service',
    (index) => {
      const { ops, bytes } = received[index]!;
      const definitions = ops.flatMap((op) => (op.kind === 'defineCharacters' ? op.glyphs : []));
      expect(definitions.map(({ glyph }) => glyph)).toEqual([
        drawUserDefinedGlyph('ə', true),
        drawUserDefinedGlyph('ə', false),
      ]);
      // Byte for byte as Epson's ESC & takes them: 36 column-major bytes after ESC & 3 c c 12.
      for (const { code, glyph } of definitions) expect(bytes.includes(defineCharacterCommand(code, glyph))).toBe(true);

      const [centre, service] = ops.filter((op): op is TextOp => op.kind === 'text' && op.userDefined !== undefined);
      expect(centre?.text).toBe('ASAN xidm~t Bak\u0131-1');
      expect(centre?.userDefined?.map((at) => at.glyph)).toEqual([drawUserDefinedGlyph('ə', true)]);
      expect(service?.userDefined?.every((at) => at.glyph === definitions[1]?.glyph)).toBe(true);
      expect(service?.userDefined).toHaveLength(5);
    },
  );

  it.each([0, 1])(
    'ticket %i sends ESC & after its ESC @ and before ESC % 1, and ESC % 0 after each such line',
    (index) => {
      const { ops } = received[index]!;
      // The emulator ends a ticket at its cut, so the ESC @ sent after ticket 0's cut opens
      // ticket 1, before ticket 1's own first command.
      expect(ops.filter((op) => op.kind === 'init')).toHaveLength(index === 0 ? 1 : 2);
      let on = false;
      const definedSinceInit = new Set<number>();
      ops.forEach((op, at) => {
        if (op.kind === 'init') definedSinceInit.clear();
        if (op.kind === 'defineCharacters') for (const { code } of op.glyphs) definedSinceInit.add(code);
        if (op.kind === 'userDefinedCharacters') on = op.on;
        if (op.kind === 'text') {
          expect(on, `ESC % 1 in force for "${op.text}" exactly when it uses glyphs`).toBe(
            op.userDefined !== undefined,
          );
          // A glyph the printer forgot at ESC @ would print as the plain code: each was sent since the last one.
          for (const { code } of op.userDefined ?? []) expect(definedSinceInit.has(code)).toBe(true);
        }
        if (op.kind === 'lineFeed' && on) expect(ops[at + 1]).toEqual({ kind: 'userDefinedCharacters', on: false });
      });
      expect(ops.filter((op) => op.kind === 'defineCharacters')).toHaveLength(2);
    },
  );

  it('writes a preview of each ticket', () => {
    for (const { pngPath } of received) expect(pngPath).toMatch(/\.png$/);
  });
});
