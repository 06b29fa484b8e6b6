import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodedText, decodeEscPos, EscPosStreamDecoder } from '../../../native/escpos/decoder';
import type { MonoBitmap } from '../../../native/escpos/raster';
import { renderPaper } from '../../../native/escpos/render-png';
import {
  decodeGlyphColumns,
  defineCharacterCommand,
  drawUserDefinedGlyph,
  encodeGlyphColumns,
  recogniseGlyph,
  selectUserDefinedCommand,
} from '../../../native/escpos/user-defined-characters';

const ESC = 0x1b;
const LF = 0x0a;

/** A 12 × 24 glyph from rows of '#' (ink) and '.' (paper); rows not given are paper. */
function glyphFromRows(rows: string[]): MonoBitmap {
  const ink = new Uint8Array(12 * 24);
  rows.forEach((row, y) => [...row].forEach((c, x) => (ink[y * 12 + x] = c === '#' ? 1 : 0)));
  return { width: 12, height: 24, ink };
}

describe('ESC & glyph data', () => {
  it('is column-major, 3 bytes a column from the top, the most significant bit the topmost dot', () => {
    // Column 0: the top dot only. Column 1: rows 7 and 8, across the first byte boundary.
    // Column 11: the whole column. Column 5: the bottom dot only.
    const rows = Array.from({ length: 24 }, (_, y) => {
      const row = [...'............'];
      if (y === 0) row[0] = '#';
      if (y === 7 || y === 8) row[1] = '#';
      if (y === 23) row[5] = '#';
      row[11] = '#';
      return row.join('');
    });
    const expected = Buffer.alloc(36);
    expected[0] = 0x80; // column 0, rows 0–7
    expected[3] = 0x01; // column 1, rows 0–7: row 7 is the least significant bit
    expected[4] = 0x80; // column 1, rows 8–15: row 8 is the most significant bit
    expected[5 * 3 + 2] = 0x01; // column 5, rows 16–23: row 23
    expected[33] = 0xff;
    expected[34] = 0xff;
    expected[35] = 0xff;
    expect(encodeGlyphColumns(glyphFromRows(rows))).toEqual(expected);
  });

  it('frames one glyph as ESC & 3 c c 12 and 36 bytes, and ESC % n around it', () => {
    const glyph = drawUserDefinedGlyph('ə', false);
    const command = defineCharacterCommand(0x7e, glyph);
    expect([...command.subarray(0, 6)]).toEqual([ESC, 0x26, 3, 0x7e, 0x7e, 12]);
    expect(command.length).toBe(6 + 36);
    expect(decodeGlyphColumns(command.subarray(6), 12, 3)).toEqual(glyph);
    expect([...selectUserDefinedCommand(true)]).toEqual([ESC, 0x25, 1]);
    expect([...selectUserDefinedCommand(false)]).toEqual([ESC, 0x25, 0]);
    expect(() => defineCharacterCommand(0x7f, glyph)).toThrow(/32–126/);
  });

  it('draws ə with ink inside the 12 × 24 cell, bolder in bold, and reads it back as ə', () => {
    const regular = drawUserDefinedGlyph('ə', false);
    const bold = drawUserDefinedGlyph('ə', true);
    expect(regular.width).toBe(12);
    expect(regular.height).toBe(24);
    const inkCount = (glyph: MonoBitmap) => glyph.ink.reduce((sum, dot) => sum + dot, 0);
    expect(inkCount(regular)).toBeGreaterThan(20);
    expect(inkCount(bold)).toBeGreaterThan(inkCount(regular));
    // Latin ə and Cyrillic ә are one shape: the glyph alone cannot tell them apart.
    expect(recogniseGlyph(regular)).toEqual(['ə', 'ә']);
    expect(recogniseGlyph(drawUserDefinedGlyph('Ə', true))).toContain('Ə');
  });
});

describe('decoding user-defined characters', () => {
  const schwa = drawUserDefinedGlyph('ə', false);
  const stream = Buffer.concat([
    defineCharacterCommand(0x7e, schwa),
    selectUserDefinedCommand(true),
    Buffer.from('v~siq~', 'latin1'),
    Buffer.from([LF]),
    selectUserDefinedCommand(false),
    Buffer.from('a~b', 'latin1'),
    Buffer.from([LF, ESC, 0x40]),
    selectUserDefinedCommand(true),
    Buffer.from('after reset ~', 'latin1'),
    Buffer.from([LF]),
  ]);

  it('round-trips the glyph and reads the codes it replaces as the letter while ESC % 1 is in force', () => {
    const ops = decodeEscPos(stream);
    expect(ops.filter((op) => op.kind === 'unknown')).toEqual([]);
    expect(ops[0]).toEqual({
      kind: 'defineCharacters',
      bytesPerColumn: 3,
      first: 0x7e,
      last: 0x7e,
      glyphs: [{ code: 0x7e, glyph: schwa }],
    });
    expect(ops[2]).toEqual({
      kind: 'text',
      text: 'v~siq~',
      userDefined: [
        { index: 1, code: 0x7e, glyph: schwa },
        { index: 5, code: 0x7e, glyph: schwa },
      ],
    });
    // With ESC % 0 the printer's own ~ prints; ESC @ forgets the glyph, so ~ is ~ again.
    expect(decodedText(ops)).toEqual(['vəsiqə', 'a~b', 'after reset ~']);
  });

  it('decodes the same from one-byte serial reads', () => {
    const decoder = new EscPosStreamDecoder();
    const pieces = [...stream].flatMap((byte) => decoder.push(Buffer.from([byte])));
    pieces.push(...decoder.end());
    expect(pieces.map((piece) => piece.op)).toEqual(decodeEscPos(stream));
  });

  it('takes several codes in one ESC &, each with its own width, and ESC ? forgets one', () => {
    const narrow = { width: 2, height: 24, ink: new Uint8Array(48).fill(1) };
    const bytes = Buffer.concat([
      Buffer.from([ESC, 0x26, 3, 0x7b, 0x7c, 2]),
      Buffer.alloc(6, 0xff),
      Buffer.from([12]),
      encodeGlyphColumns(schwa),
      Buffer.from([ESC, 0x3f, 0x7b]),
      selectUserDefinedCommand(true),
      Buffer.from('{|', 'latin1'),
    ]);
    const ops = decodeEscPos(bytes);
    expect(ops[0]).toMatchObject({
      kind: 'defineCharacters',
      glyphs: [
        { code: 0x7b, glyph: narrow },
        { code: 0x7c, glyph: schwa },
      ],
    });
    expect(ops.at(-1)).toEqual({ kind: 'text', text: '{|', userDefined: [{ index: 1, code: 0x7c, glyph: schwa }] });
  });

  it('reads a glyph it cannot recognise as U+FFFD, never as the code it replaced', () => {
    const blot = glyphFromRows(['############', '#..........#', '############']);
    const ops = decodeEscPos(
      Buffer.concat([defineCharacterCommand(0x5e, blot), selectUserDefinedCommand(true), Buffer.from('x^y')]),
    );
    expect(decodedText(ops)).toEqual(['x\uFFFDy']);
  });

  it('reads the shape ə/ә as the letter of the script around it', () => {
    const ops = decodeEscPos(
      Buffer.concat([
        defineCharacterCommand(0x7e, schwa),
        Buffer.from([ESC, 0x74, 46]),
        selectUserDefinedCommand(true),
        iconv.encode('ку~лік ~', 'windows1251'),
        Buffer.from([LF]),
        Buffer.from('x~z', 'latin1'),
      ]),
    );
    expect(decodedText(ops)).toEqual(['куәлік ә', 'xəz']);
  });
});

describe('previewing user-defined characters', () => {
  it('draws the downloaded dots, magnified by GS ! like the printer does', () => {
    const column = glyphFromRows(Array.from({ length: 24 }, () => '#...........'));
    const canvas = renderPaper(
      [
        { kind: 'size', width: 2, height: 2 },
        { kind: 'text', text: '~', userDefined: [{ index: 0, code: 0x7e, glyph: column }] },
        { kind: 'lineFeed' },
      ],
      { widthDots: 64, marginDots: 0, showCuts: false },
    );
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const isInk = (x: number, y: number) => (data[(y * canvas.width + x) * 4] ?? 255) < 128;
    expect(canvas.height).toBe(54); // 2 × 24 dots and the 6 of line spacing
    expect([isInk(0, 0), isInk(1, 0), isInk(1, 47), isInk(2, 0), isInk(0, 48)]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
