import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * Family names of the fonts shipped in this folder. Bitmaps are drawn only with these, never
 * with system fonts, so a ticket looks the same on every kiosk and every letter (ə, ʻ, Kazakh
 * Cyrillic) is covered.
 */
export const TICKET_FONT_REGULAR = 'Ticket Noto Sans';
export const TICKET_FONT_BOLD = 'Ticket Noto Sans Bold';

let registered = false;

/** Registers the shipped fonts with the canvas once; safe to call before every drawing. */
export function registerTicketFonts(): void {
  if (registered) return;
  register('NotoSans-Regular.ttf', TICKET_FONT_REGULAR);
  register('NotoSans-Bold.ttf', TICKET_FONT_BOLD);
  registered = true;
}

function register(fileName: string, family: string): void {
  // Resolved next to this module; a bundled build must copy native/fonts/ along with it. In a
  // packaged app the fonts are unpacked beside app.asar, because Skia opens files itself.
  const path = fileURLToPath(new URL(`./${fileName}`, import.meta.url)).replace(
    `${sep}app.asar${sep}`,
    `${sep}app.asar.unpacked${sep}`,
  );
  if (!GlobalFonts.registerFromPath(path, family)) {
    throw new Error(`Could not load the ticket font ${path}`);
  }
}

export function ticketFont(sizePx: number, bold: boolean): string {
  return `${sizePx}px "${bold ? TICKET_FONT_BOLD : TICKET_FONT_REGULAR}"`;
}

/**
 * How Noto Sans stands in for the printer's font A (12 × 24 dots a character): size and baseline
 * per unit of magnification. Raster lines and PNG previews both use this, so a line printed as a
 * bitmap lines up with its text neighbours.
 */
export const FONT_A_IMITATION = { fontPx: 22, baselineFromTop: 19 } as const;
