import { createCanvas } from '@napi-rs/canvas';
import { linePitchDots } from '../escpos/font-a';
import { cropBitmap, inkBounds, monoBitmapFromRgba, type MonoBitmap } from '../escpos/raster';
import { FONT_A_IMITATION, registerTicketFonts, ticketFont } from '../fonts/fonts';

export interface TextLineStyle {
  bold: boolean;
  /** Same magnification both ways, as `GS !` would apply to printer text. */
  magnification: number;
}

/**
 * A line of text drawn as a bitmap that takes the place of one printed text line: the ink only,
 * plus the paper to feed before and after it so the line advances the paper as text would.
 */
export interface TextLineBitmap {
  bitmap: MonoBitmap;
  feedBeforeDots: number;
  feedAfterDots: number;
}

/** Draws text the printer's code pages cannot hold, in the shipped font, cropped to its ink. */
export function drawTextLineBitmap(text: string, style: TextLineStyle, printWidthDots: number): TextLineBitmap | null {
  registerTicketFonts();
  const pitch = linePitchDots(style.magnification);
  const baseline = FONT_A_IMITATION.baselineFromTop * style.magnification;
  // Room above and below the nominal line for accents (İ, Ş) and descenders, cropped away later.
  const overhang = pitch;
  const canvas = createCanvas(printWidthDots, pitch + 2 * overhang);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  context.textBaseline = 'alphabetic';
  context.font = ticketFont(FONT_A_IMITATION.fontPx * style.magnification, style.bold);
  const naturalWidth = context.measureText(text).width;
  // Too long for the paper: squeeze rather than lose the end of the line.
  const squeeze = Math.min(1, printWidthDots / Math.max(1, naturalWidth));
  context.setTransform(squeeze, 0, 0, 1, 0, 0);
  context.fillText(text, 0, overhang + baseline);

  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const full = monoBitmapFromRgba(image.data, canvas.width, canvas.height);
  const ink = inkBounds(full);
  if (!ink) return null;
  const lineTop = overhang;
  return {
    bitmap: cropBitmap(full, ink),
    feedBeforeDots: Math.max(0, ink.top - lineTop),
    feedAfterDots: Math.max(0, lineTop + pitch - ink.bottom),
  };
}
