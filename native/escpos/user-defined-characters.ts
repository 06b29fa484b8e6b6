import { createCanvas } from '@napi-rs/canvas';
import { FONT_A_IMITATION, registerTicketFonts, ticketFont } from '../fonts/fonts';
import { FONT_A_HEIGHT_DOTS, FONT_A_WIDTH_DOTS } from './font-a';
import { monoBitmapFromRgba, type MonoBitmap } from './raster';

/**
 * User-defined characters (`ESC & y c1 c2 [x d1…d(y×x)]…`, selected with `ESC % 1`): glyphs
 * downloaded into the printer in place of codes 32–126, so a letter no code page holds still
 * prints as one byte of text. Font A cells are 12 × 24 dots: y = 3 bytes a column, 36 bytes a glyph.
 */
export const USER_DEFINED_BYTES_PER_COLUMN = FONT_A_HEIGHT_DOTS / 8;
export const FIRST_USER_DEFINED_CODE = 0x20;
export const LAST_USER_DEFINED_CODE = 0x7e;

const ESC = 0x1b;

/**
 * Column-major glyph data as Epson specifies it: column by column from the left, each column
 * `bytesPerColumn` bytes from the top, the most significant bit the topmost dot.
 */
export function encodeGlyphColumns(glyph: MonoBitmap, bytesPerColumn = USER_DEFINED_BYTES_PER_COLUMN): Buffer {
  const data = Buffer.alloc(glyph.width * bytesPerColumn);
  for (let x = 0; x < glyph.width; x++) {
    for (let y = 0; y < Math.min(glyph.height, bytesPerColumn * 8); y++) {
      if (glyph.ink[y * glyph.width + x] !== 1) continue;
      const index = x * bytesPerColumn + (y >> 3);
      data[index] = (data[index] ?? 0) | (0x80 >> (y & 7));
    }
  }
  return data;
}

/** The inverse of encodeGlyphColumns: `width` columns of `bytesPerColumn` bytes. */
export function decodeGlyphColumns(data: Uint8Array, width: number, bytesPerColumn: number): MonoBitmap {
  const height = bytesPerColumn * 8;
  const ink = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const byte = data[x * bytesPerColumn + (y >> 3)] ?? 0;
      ink[y * width + x] = (byte >> (7 - (y & 7))) & 1;
    }
  }
  return { width, height, ink };
}

/** `ESC & 3 c c 12 d1…d36`: one font A glyph for one code. */
export function defineCharacterCommand(code: number, glyph: MonoBitmap): Buffer {
  if (code < FIRST_USER_DEFINED_CODE || code > LAST_USER_DEFINED_CODE) {
    throw new Error(`user-defined characters replace codes 32–126, not ${code}`);
  }
  const header = Buffer.from([ESC, 0x26, USER_DEFINED_BYTES_PER_COLUMN, code, code, glyph.width]);
  return Buffer.concat([header, encodeGlyphColumns(glyph)]);
}

/** `ESC % n`: the downloaded glyphs replace the printer's own for the codes they define, or stop doing so. */
export function selectUserDefinedCommand(on: boolean): Buffer {
  return Buffer.from([ESC, 0x25, on ? 1 : 0]);
}

const glyphCache = new Map<string, MonoBitmap>();

/**
 * One character drawn into a font A cell with the shipped font, the way raster lines and the
 * preview draw text (same size and baseline), so a downloaded letter sits on the line with the
 * printer's own letters. Squeezed, never cropped, when the letter is wider than the cell.
 */
export function drawUserDefinedGlyph(character: string, bold: boolean): MonoBitmap {
  const key = `${bold ? 'b' : 'r'}${character}`;
  const cached = glyphCache.get(key);
  if (cached) return cached;
  registerTicketFonts();
  const canvas = createCanvas(FONT_A_WIDTH_DOTS, FONT_A_HEIGHT_DOTS);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  context.textBaseline = 'alphabetic';
  context.font = ticketFont(FONT_A_IMITATION.fontPx, bold);
  const width = Math.max(1, context.measureText(character).width);
  const squeeze = Math.min(1, FONT_A_WIDTH_DOTS / width);
  // Centred in the cell, as a printer font centres narrow letters.
  context.setTransform(squeeze, 0, 0, 1, (FONT_A_WIDTH_DOTS - width * squeeze) / 2, 0);
  context.fillText(character, 0, FONT_A_IMITATION.baselineFromTop);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const glyph = monoBitmapFromRgba(image.data, canvas.width, canvas.height);
  glyphCache.set(key, glyph);
  return glyph;
}

/**
 * Letters a reader of a decoded stream tries downloaded glyphs against: the letters of the six
 * languages beyond ASCII (ASCII is in every code page, so it is never downloaded).
 */
const RECOGNISABLE =
  'əƏçÇğĞıİöÖşŞüÜ' +
  'ʻ‘’' +
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ' +
  'әғқңөұүһіӘҒҚҢӨҰҮҺІ';

let recogniser: Map<string, string[]> | null = null;

const bitmapKey = (glyph: MonoBitmap): string =>
  `${glyph.width}x${glyph.height}:${Buffer.from(glyph.ink).toString('base64')}`;

/**
 * The letters a downloaded glyph is a drawing of, by comparing it dot for dot with the shipped
 * font's drawing of each known letter, regular and bold. More than one when two scripts share a
 * shape (Latin ə and Cyrillic ә); empty for a glyph we did not draw.
 */
export function recogniseGlyph(glyph: MonoBitmap): string[] {
  if (!recogniser) {
    const table = new Map<string, string[]>();
    for (const character of RECOGNISABLE) {
      for (const bold of [false, true]) {
        const key = bitmapKey(drawUserDefinedGlyph(character, bold));
        const letters = table.get(key) ?? [];
        if (!letters.includes(character)) letters.push(character);
        table.set(key, letters);
      }
    }
    recogniser = table;
  }
  return recogniser.get(bitmapKey(glyph)) ?? [];
}
