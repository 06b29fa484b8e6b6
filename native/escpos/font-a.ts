/**
 * The geometry of an Epson-style printer's font A, which the layout wraps text for and the
 * preview imitates: 12 × 24 dots a character, 30 dots from one line to the next by default.
 */
export const FONT_A_WIDTH_DOTS = 12;
export const FONT_A_HEIGHT_DOTS = 24;
export const DEFAULT_LINE_SPACING_DOTS = 30;

/** Distance from one line to the next for text magnified `heightMagnification` times. */
export function linePitchDots(heightMagnification: number): number {
  return FONT_A_HEIGHT_DOTS * heightMagnification + (DEFAULT_LINE_SPACING_DOTS - FONT_A_HEIGHT_DOTS);
}
