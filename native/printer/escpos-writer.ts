import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Alignment } from '../escpos/decoder';
import type { CodePage } from '../escpos/code-pages';
import { qrBitmap } from '../escpos/qr-bitmap';
import { rasterBandCommands, type MonoBitmap } from '../escpos/raster';
import {
  defineCharacterCommand,
  drawUserDefinedGlyph,
  selectUserDefinedCommand,
} from '../escpos/user-defined-characters';
import { encodeWithUserDefined, planLine, type LinePlan } from './code-page-choice';
import type { PrinterProfile } from './profiles';
import { drawTextLineBitmap, type TextLineStyle } from './text-bitmap';

const ESC = 0x1b;
const INITIALISE = Buffer.from([ESC, 0x40]);
/** ESC J takes at most 255 dots at a time. */
const MAX_FEED_DOTS = 255;
/** Without a cutter, enough paper past the last line for the visitor to tear the ticket off. */
const FEED_LINES_TO_TEAR_OFF = 8;

/**
 * Writes ESC/POS for one printer profile. node-thermal-printer builds the commands; this class
 * adds what it gets wrong for us: it encodes every line itself, in the first code page of the
 * profile that holds the whole line, and says `ESC t n` whenever the page changes and after
 * every `ESC @` (which resets it). Lines no page holds are drawn as bitmaps.
 */
export class EscPosWriter {
  private readonly printer: ThermalPrinter;
  private codePage: CodePage | null = null;
  private align: Alignment = 'left';
  private bold = false;
  private magnification = 1;
  /** What the printer holds at each downloaded code ('b' or 'r' for the weight, then the letter); ESC @ clears it. */
  private downloaded = new Map<number, string>();

  constructor(private readonly profile: PrinterProfile) {
    // An empty interface leaves node-thermal-printer without a transport: we only want its bytes.
    this.printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: profile.columns });
  }

  initialise(): void {
    this.printer.add(INITIALISE);
    this.afterReset();
  }

  setAlign(align: Alignment): void {
    if (align === this.align) return;
    if (align === 'center') this.printer.alignCenter();
    else if (align === 'right') this.printer.alignRight();
    else this.printer.alignLeft();
    this.align = align;
  }

  /**
   * One line of text: in the printer's font if a code page holds it, with downloaded glyphs for
   * the letters none holds if the model takes them, drawn as a bitmap otherwise (planLine decides).
   */
  textLine(text: string, style: TextLineStyle): void {
    const plan = planLine(text, this.profile);
    if (plan.kind === 'text') {
      this.selectCodePage(plan.encoded.codePage);
      this.setStyle(style);
      this.printer.add(plan.encoded.bytes);
      this.printer.newLine();
    } else if (plan.kind === 'textWithUserDefined') {
      this.textWithUserDefined(plan, style);
    } else {
      this.rasterLine(text, style);
    }
  }

  private textWithUserDefined(plan: Extract<LinePlan, { kind: 'textWithUserDefined' }>, style: TextLineStyle): void {
    const codes = this.assignCodes(plan.missing, plan.freeCodes, style.bold);
    for (const [character, code] of codes) {
      const key = glyphKey(character, style.bold);
      if (this.downloaded.get(code) === key) continue;
      // Drawn in the line's weight; GS ! magnifies downloaded glyphs as it does the printer's own.
      this.printer.add(defineCharacterCommand(code, drawUserDefinedGlyph(character, style.bold)));
      this.downloaded.set(code, key);
    }
    this.selectCodePage(plan.codePage);
    this.setStyle(style);
    this.printer.add(selectUserDefinedCommand(true));
    this.printer.add(encodeWithUserDefined(plan.printedText, plan.codePage, codes));
    this.printer.newLine();
    // Off again, so the next line's own ~ | ^ print as themselves.
    this.printer.add(selectUserDefinedCommand(false));
  }

  /** A code for each letter: the one already holding it if the line leaves it free, else a free one, unused ones first. */
  private assignCodes(missing: readonly string[], freeCodes: readonly number[], bold: boolean): Map<string, number> {
    const codes = new Map<string, number>();
    const taken = new Set<number>();
    for (const character of missing) {
      const code = freeCodes.find((c) => this.downloaded.get(c) === glyphKey(character, bold));
      if (code !== undefined) {
        codes.set(character, code);
        taken.add(code);
      }
    }
    const wanted = new Set(missing.map((character) => glyphKey(character, bold)));
    const spare = [
      ...freeCodes.filter((c) => !this.downloaded.has(c)),
      ...freeCodes.filter((c) => this.downloaded.has(c) && !wanted.has(this.downloaded.get(c) ?? '')),
    ];
    for (const character of missing) {
      if (codes.has(character)) continue;
      const code = spare.find((c) => !taken.has(c));
      // planLine promised as many free codes as missing letters.
      if (code === undefined) throw new Error(`no free code left for "${character}"`);
      codes.set(character, code);
      taken.add(code);
    }
    return codes;
  }

  private rasterLine(text: string, style: TextLineStyle): void {
    const drawn = drawTextLineBitmap(text, style, this.profile.printWidthDots);
    if (!drawn) {
      this.printer.newLine();
      return;
    }
    this.feedDots(drawn.feedBeforeDots);
    this.image(drawn.bitmap);
    this.feedDots(drawn.feedAfterDots);
  }

  image(bitmap: MonoBitmap): void {
    this.printer.add(rasterBandCommands(bitmap, this.profile.maxRasterBandRows));
  }

  qrCode(content: string, moduleDots: number): void {
    // node-thermal-printer counts the QR data length in UTF-16 units but sends UTF-8: only ASCII is safe.
    if (!/^[\x20-\x7e]+$/.test(content)) {
      throw new Error(`QR content must be printable ASCII, got ${JSON.stringify(content)}`);
    }
    if (this.profile.nativeQr) {
      this.printer.printQR(content, { model: 2, cellSize: moduleDots, correction: 'M' });
    } else {
      // Drawn as the printer would draw it; a symbol wider than the paper would be cut off, so shrink modules.
      let dots = moduleDots;
      while (dots > 1 && qrBitmap(content, dots, 'M').width > this.profile.printWidthDots) dots--;
      this.image(qrBitmap(content, dots, 'M'));
    }
    this.printer.newLine();
  }

  feedLines(lines: number): void {
    for (let i = 0; i < lines; i++) this.printer.newLine();
  }

  feedDots(dots: number): void {
    for (let left = dots; left > 0; left -= MAX_FEED_DOTS) {
      this.printer.add(Buffer.from([ESC, 0x4a, Math.min(left, MAX_FEED_DOTS)]));
    }
  }

  /** Feeds past the cutter and cuts (or only feeds, without a cutter); ends the job. */
  cut(): void {
    if (!this.profile.hasCutter) {
      this.feedLines(FEED_LINES_TO_TEAR_OFF);
      // Leaves the printer as a cut would (ESC @), so every job starts from the same state either way.
      this.initialise();
      return;
    }
    // ESC d 4 carries the last line past the cutter; cut() then sends GS V 0 and an ESC @ that drops the code page.
    this.printer.cut({ verticalTabAmount: 1 });
    this.afterReset();
  }

  bytes(): Buffer {
    return Buffer.from(this.printer.getBuffer() ?? Buffer.alloc(0));
  }

  private afterReset(): void {
    // ESC @ clears downloaded glyphs and turns ESC % off: a later line downloads its letters again.
    this.downloaded = new Map();
    this.align = 'left';
    this.bold = false;
    this.magnification = 1;
    this.codePage = null;
    const defaultPage = this.profile.codePages[0];
    if (defaultPage) this.selectCodePage(defaultPage);
  }

  private selectCodePage(page: CodePage): void {
    if (this.codePage?.escPosNumber === page.escPosNumber) return;
    this.printer.add(Buffer.from([ESC, 0x74, page.escPosNumber]));
    this.codePage = page;
  }

  private setStyle(style: TextLineStyle): void {
    if (style.bold !== this.bold) {
      this.printer.bold(style.bold);
      this.bold = style.bold;
    }
    if (style.magnification !== this.magnification) {
      // setTextSize(h, w) puts h in the high nibble, which GS ! reads as the width: equal values only.
      this.printer.setTextSize(style.magnification - 1, style.magnification - 1);
      this.magnification = style.magnification;
    }
  }
}

const glyphKey = (character: string, bold: boolean): string => `${bold ? 'b' : 'r'}${character}`;
