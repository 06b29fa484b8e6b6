import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { FONT_A_IMITATION, registerTicketFonts, ticketFont } from '../fonts/fonts';
import type { Alignment, EscPosOp } from './decoder';
import { DEFAULT_LINE_SPACING_DOTS, FONT_A_WIDTH_DOTS, linePitchDots } from './font-a';
import { qrBitmap } from './qr-bitmap';
import { inkBounds, cropBitmap, monoBitmapFromRgba, type MonoBitmap } from './raster';

export interface PaperRenderOptions {
  /** Printable width in dots: 576 for 80 mm paper, 384 for 58 mm. */
  widthDots?: number;
  /** Blank paper above the first line and below the last mark. */
  marginDots?: number;
  /** Draw a dashed line where the cutter cuts. */
  showCuts?: boolean;
  /** Render one ticket: stop at the first cut. */
  stopAtFirstCut?: boolean;
}

interface TextSegment {
  text: string;
  /** A downloaded glyph (ESC &) printed instead of the font's character: one character per segment. */
  glyph?: MonoBitmap;
  bold: boolean;
  widthMagnification: number;
  heightMagnification: number;
}

type Mark =
  | { kind: 'text'; x: number; baseline: number; text: string; fontPx: number; bold: boolean; scaleX: number }
  | { kind: 'bitmap'; x: number; y: number; bitmap: MonoBitmap }
  | { kind: 'cut'; y: number };

/** Barcode settings (`GS h`, `GS w`) at their power-on values. */
const DEFAULT_BARCODE_HEIGHT_DOTS = 162;
const DEFAULT_BARCODE_MODULE_DOTS = 3;
const CUT_MARK_SPACE_DOTS = 16;

/**
 * Lays decoded operations out on paper the way an Epson-style printer does: font A cells of
 * 12 × 24 dots, magnification, justification per line, bitmaps and QR codes placed by ESC a.
 * Glyphs are drawn in Noto Sans squeezed into the cells a real printer's font would use.
 */
class PaperLayout {
  readonly marks: Mark[] = [];
  y = 0;
  private align: Alignment = 'left';
  private bold = false;
  private widthMagnification = 1;
  private heightMagnification = 1;
  private line: TextSegment[] = [];
  private lineCells = 0;
  private barcodeHeight = DEFAULT_BARCODE_HEIGHT_DOTS;
  private barcodeModule = DEFAULT_BARCODE_MODULE_DOTS;

  constructor(
    private readonly widthDots: number,
    private readonly measure: SKRSContext2D,
    private readonly showCuts: boolean,
  ) {}

  /** Applies one op; false when rendering should stop here. */
  apply(op: EscPosOp, stopAtFirstCut: boolean): boolean {
    switch (op.kind) {
      case 'init':
        // ESC @ discards an unprinted line and resets every mode.
        this.line = [];
        this.lineCells = 0;
        this.align = 'left';
        this.bold = false;
        this.widthMagnification = 1;
        this.heightMagnification = 1;
        break;
      case 'align':
        this.align = op.align;
        break;
      case 'bold':
        this.bold = op.on;
        break;
      case 'size':
        this.widthMagnification = op.width;
        this.heightMagnification = op.height;
        break;
      case 'printMode':
        this.bold = op.bold;
        this.widthMagnification = op.doubleWidth ? 2 : 1;
        this.heightMagnification = op.doubleHeight ? 2 : 1;
        break;
      case 'text':
        this.addText(op.text, new Map(op.userDefined?.map((at) => [at.index, at.glyph])));
        break;
      case 'lineFeed':
        this.printLine(DEFAULT_LINE_SPACING_DOTS);
        break;
      case 'feedLines':
        this.printLine(op.lines * DEFAULT_LINE_SPACING_DOTS);
        break;
      case 'feedDots':
        this.printLine(op.dots);
        break;
      case 'raster':
        this.placeBitmap(rasterToBitmap(op.widthBytes, op.height, op.data));
        break;
      case 'qrPrint':
        if (op.data !== '') this.placeBitmap(qrBitmap(op.data, op.moduleSize, op.errorCorrection));
        break;
      case 'barcode':
        this.placeBitmap(barcodeBitmap(op.data, this.barcodeModule, this.barcodeHeight));
        break;
      case 'setting':
        if (op.command === 'GS h') this.barcodeHeight = op.params[0] ?? DEFAULT_BARCODE_HEIGHT_DOTS;
        if (op.command === 'GS w') this.barcodeModule = op.params[0] ?? DEFAULT_BARCODE_MODULE_DOTS;
        break;
      case 'cut':
        this.printLine(op.feedDots);
        if (this.showCuts) {
          this.marks.push({ kind: 'cut', y: this.y + CUT_MARK_SPACE_DOTS / 2 });
          this.y += CUT_MARK_SPACE_DOTS;
        }
        return !stopAtFirstCut;
      default:
        break;
    }
    return true;
  }

  /** Prints what the line buffer holds, then feeds: at least the line's own height. */
  printLine(feedDots: number): void {
    if (this.line.length === 0) {
      this.y += feedDots;
      return;
    }
    const tallest = Math.max(...this.line.map((segment) => segment.heightMagnification));
    const baseline = this.y + FONT_A_IMITATION.baselineFromTop * tallest;
    const drawn = this.line.map((segment) =>
      segment.glyph ? glyphSegment(segment, segment.glyph) : this.fitSegment(segment),
    );
    const lineWidth = drawn.reduce((sum, segment) => sum + segment.width, 0);
    let x = this.alignedX(lineWidth);
    for (const segment of drawn) {
      if ('bitmap' in segment) {
        // The glyph's cell stands on the line's baseline as a font A cell of its own height would.
        const top = baseline - FONT_A_IMITATION.baselineFromTop * segment.heightMagnification;
        this.marks.push({ kind: 'bitmap', x: Math.round(x), y: Math.round(top), bitmap: segment.bitmap });
      } else {
        this.marks.push({ kind: 'text', x, baseline, ...segment.mark });
      }
      x += segment.width;
    }
    this.y += Math.max(feedDots, linePitchDots(tallest));
    this.line = [];
    this.lineCells = 0;
  }

  private addText(text: string, glyphs: ReadonlyMap<number, MonoBitmap>): void {
    [...text].forEach((character, index) => {
      const glyph = glyphs.get(index);
      const cellWidth = (glyph?.width ?? FONT_A_WIDTH_DOTS) * this.widthMagnification;
      // The printer wraps a line that would run past the paper edge.
      if (this.lineCells + cellWidth > this.widthDots) this.printLine(DEFAULT_LINE_SPACING_DOTS);
      const last = this.line.at(-1);
      if (glyph) {
        this.line.push({
          text: character,
          glyph,
          bold: this.bold,
          widthMagnification: this.widthMagnification,
          heightMagnification: this.heightMagnification,
        });
      } else if (
        last &&
        !last.glyph &&
        last.bold === this.bold &&
        last.widthMagnification === this.widthMagnification &&
        last.heightMagnification === this.heightMagnification
      ) {
        last.text += character;
      } else {
        this.line.push({
          text: character,
          bold: this.bold,
          widthMagnification: this.widthMagnification,
          heightMagnification: this.heightMagnification,
        });
      }
      this.lineCells += cellWidth;
    });
  }

  /** Scales a segment's glyphs to the printer's cell widths: never wider than the cells it takes. */
  private fitSegment(segment: TextSegment): {
    width: number;
    mark: { text: string; fontPx: number; bold: boolean; scaleX: number };
  } {
    const fontPx = FONT_A_IMITATION.fontPx * segment.heightMagnification;
    this.measure.font = ticketFont(fontPx, segment.bold);
    const naturalWidth = Math.max(1, this.measure.measureText(segment.text).width);
    const stretch = segment.widthMagnification / segment.heightMagnification;
    const cellsWidth = [...segment.text].length * FONT_A_WIDTH_DOTS * segment.widthMagnification;
    const scaleX = stretch * Math.min(1, cellsWidth / (naturalWidth * stretch));
    return { width: naturalWidth * scaleX, mark: { text: segment.text, fontPx, bold: segment.bold, scaleX } };
  }

  private placeBitmap(bitmap: MonoBitmap): void {
    this.marks.push({ kind: 'bitmap', x: Math.round(this.alignedX(bitmap.width)), y: this.y, bitmap });
    this.y += bitmap.height;
  }

  private alignedX(width: number): number {
    if (this.align === 'center') return Math.max(0, (this.widthDots - width) / 2);
    if (this.align === 'right') return Math.max(0, this.widthDots - width);
    return 0;
  }
}

/**
 * A downloaded glyph as the printer prints it: its dots as they are (emphasis adds nothing, the
 * layout drew bold glyphs bold), each magnified by GS ! like the printer's own characters.
 */
function glyphSegment(
  segment: TextSegment,
  glyph: MonoBitmap,
): { width: number; heightMagnification: number; bitmap: MonoBitmap } {
  const bitmap = magnifyBitmap(glyph, segment.widthMagnification, segment.heightMagnification);
  return { width: bitmap.width, heightMagnification: segment.heightMagnification, bitmap };
}

export function magnifyBitmap(bitmap: MonoBitmap, widthTimes: number, heightTimes: number): MonoBitmap {
  const width = bitmap.width * widthTimes;
  const height = bitmap.height * heightTimes;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      ink[y * width + x] = bitmap.ink[Math.floor(y / heightTimes) * bitmap.width + Math.floor(x / widthTimes)] ?? 0;
    }
  }
  return { width, height, ink };
}

function rasterToBitmap(widthBytes: number, height: number, data: Buffer): MonoBitmap {
  const width = widthBytes * 8;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = data[y * widthBytes + (x >> 3)] ?? 0;
      ink[y * width + x] = (byte >> (7 - (x & 7))) & 1;
    }
  }
  return { width, height, ink };
}

/** Not a scannable barcode: stripes from the data's bits, enough to show where and how big it is. */
function barcodeBitmap(data: string, moduleDots: number, height: number): MonoBitmap {
  const modules = [
    1,
    0,
    1,
    ...[...Buffer.from(data, 'latin1')].flatMap((byte) => [...byte.toString(2).padStart(8, '0')].map(Number)),
    1,
    0,
    1,
  ];
  const width = modules.length * moduleDots;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) ink[y * width + x] = modules[Math.floor(x / moduleDots)] ?? 0;
  }
  return { width, height, ink };
}

function layOut(ops: readonly EscPosOp[], options: Required<PaperRenderOptions>): PaperLayout {
  registerTicketFonts();
  const measure = createCanvas(1, 1).getContext('2d');
  const layout = new PaperLayout(options.widthDots, measure, options.showCuts);
  for (const op of ops) {
    if (!layout.apply(op, options.stopAtFirstCut)) break;
  }
  layout.printLine(0);
  return layout;
}

function drawMarks(layout: PaperLayout, options: Required<PaperRenderOptions>): Canvas {
  const height = Math.max(1, Math.ceil(layout.y + 2 * options.marginDots));
  const canvas = createCanvas(options.widthDots, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const top = options.marginDots;
  for (const mark of layout.marks) {
    if (mark.kind === 'bitmap') {
      drawBitmap(context, mark.bitmap, mark.x, top + mark.y);
    } else if (mark.kind === 'text') {
      context.fillStyle = '#000';
      context.font = ticketFont(mark.fontPx, mark.bold);
      context.setTransform(mark.scaleX, 0, 0, 1, mark.x, top + mark.baseline);
      context.fillText(mark.text, 0, 0);
      context.setTransform(1, 0, 0, 1, 0, 0);
    } else {
      context.strokeStyle = '#999';
      context.lineWidth = 1;
      context.setLineDash([8, 6]);
      context.beginPath();
      context.moveTo(0, top + mark.y + 0.5);
      context.lineTo(options.widthDots, top + mark.y + 0.5);
      context.stroke();
      context.setLineDash([]);
    }
  }
  return canvas;
}

function drawBitmap(context: SKRSContext2D, bitmap: MonoBitmap, x: number, y: number): void {
  if (bitmap.width === 0 || bitmap.height === 0) return;
  const image = context.getImageData(x, y, bitmap.width, bitmap.height);
  for (let i = 0; i < bitmap.ink.length; i++) {
    if (bitmap.ink[i] !== 1) continue;
    image.data[i * 4] = 0;
    image.data[i * 4 + 1] = 0;
    image.data[i * 4 + 2] = 0;
    image.data[i * 4 + 3] = 255;
  }
  context.putImageData(image, x, y);
}

function withDefaults(options: PaperRenderOptions): Required<PaperRenderOptions> {
  return {
    widthDots: options.widthDots ?? 576,
    marginDots: options.marginDots ?? 24,
    showCuts: options.showCuts ?? true,
    stopAtFirstCut: options.stopAtFirstCut ?? false,
  };
}

/** The paper as printed, on a canvas the width of the print area. */
export function renderPaper(ops: readonly EscPosOp[], options: PaperRenderOptions = {}): Canvas {
  const resolved = withDefaults(options);
  return drawMarks(layOut(ops, resolved), resolved);
}

/** A PNG preview of the paper: white paper, black ink, the cut shown as a dashed line. */
export function renderPaperPng(ops: readonly EscPosOp[], options: PaperRenderOptions = {}): Buffer {
  return renderPaper(ops, options).toBuffer('image/png');
}

/**
 * The first ticket as one 1-bit image, from its top to its last ink: what an application that
 * prints whole tickets as bitmaps would send.
 */
export function renderTicketBitmap(ops: readonly EscPosOp[], widthDots: number): MonoBitmap {
  const canvas = renderPaper(ops, { widthDots, marginDots: 0, showCuts: false, stopAtFirstCut: true });
  const image = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  const bitmap = monoBitmapFromRgba(image.data, canvas.width, canvas.height);
  const ink = inkBounds(bitmap);
  return ink ? cropBitmap(bitmap, { left: 0, top: 0, right: bitmap.width, bottom: ink.bottom }) : bitmap;
}
