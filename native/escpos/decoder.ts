import iconv from 'iconv-lite';
import { codePageByNumber, POWER_ON_CODE_PAGE_NUMBER } from './code-pages';
import type { MonoBitmap } from './raster';
import { decodeGlyphColumns, recogniseGlyph } from './user-defined-characters';

export type Alignment = 'left' | 'center' | 'right';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** A downloaded glyph (`ESC &`) standing in for the character at `index` of a text op. */
export interface UserDefinedGlyphAt {
  index: number;
  code: number;
  glyph: MonoBitmap;
}

/** One thing an ESC/POS byte stream tells the printer to do, as far as we understand it. */
export type EscPosOp =
  | { kind: 'init' }
  | { kind: 'codePage'; number: number; encoding: string | null }
  | { kind: 'align'; align: Alignment }
  | { kind: 'bold'; on: boolean }
  /** `GS !`: character magnification, 1–8 in each direction. */
  | { kind: 'size'; width: number; height: number }
  /** `ESC !`: the older all-in-one mode byte; sets bold and double size together. */
  | {
      kind: 'printMode';
      fontB: boolean;
      bold: boolean;
      doubleHeight: boolean;
      doubleWidth: boolean;
      underline: boolean;
    }
  /**
   * Printable characters, decoded with the code page active when they arrived; never holds LF.
   * `userDefined` lists the characters printed from downloaded glyphs instead (ESC % 1 in force
   * and a glyph defined for the code); `text` still holds the code page's character for them.
   */
  | { kind: 'text'; text: string; userDefined?: UserDefinedGlyphAt[] }
  /** `ESC & y c1 c2 …`: glyphs for codes first…last, each `y` bytes a column. */
  | {
      kind: 'defineCharacters';
      bytesPerColumn: number;
      first: number;
      last: number;
      glyphs: { code: number; glyph: MonoBitmap }[];
    }
  /** `ESC % n`: print the downloaded glyphs for the codes they define, or the printer's own. */
  | { kind: 'userDefinedCharacters'; on: boolean }
  /** `ESC ? n`: forgets the glyph downloaded for one code. */
  | { kind: 'cancelCharacter'; code: number }
  | { kind: 'lineFeed' }
  | { kind: 'carriageReturn' }
  | { kind: 'feedLines'; lines: number }
  | { kind: 'feedDots'; dots: number }
  /** `GS v 0`: rows of widthBytes bytes, most significant bit leftmost, 1 = ink. */
  | { kind: 'raster'; mode: number; widthBytes: number; height: number; data: Buffer }
  | { kind: 'qrModel'; model: number }
  | { kind: 'qrModuleSize'; dots: number }
  | { kind: 'qrErrorCorrection'; level: QrErrorCorrection }
  | { kind: 'qrStore'; data: string }
  /** Prints the stored symbol; carries the settings in force so a reader needs no state. */
  | { kind: 'qrPrint'; data: string; model: number; moduleSize: number; errorCorrection: QrErrorCorrection }
  | { kind: 'barcode'; system: number; data: string }
  | { kind: 'cut'; partial: boolean; feedDots: number }
  | { kind: 'statusQuery'; command: 'DLE EOT' | 'GS r'; n: number }
  /** A command we recognise and can skip, but that changes nothing we model (font, underline…). */
  | { kind: 'setting'; command: string; params: number[] }
  /** Bytes we do not understand; reported so that a layout bug shows instead of vanishing. */
  | { kind: 'unknown'; offset: number; bytes: Buffer; reason: string };

export interface DecodedCommand {
  op: EscPosOp;
  /** The bytes the op was decoded from. */
  bytes: Buffer;
}

const LF = 0x0a;
const CR = 0x0d;
const DLE = 0x10;
const ESC = 0x1b;
const GS = 0x1d;
const NUL = 0x00;

interface DecoderState {
  codePageNumber: number;
  qrModel: number;
  qrModuleSize: number;
  qrErrorCorrection: QrErrorCorrection;
  qrData: string;
  userDefinedOn: boolean;
  userDefinedGlyphs: Map<number, MonoBitmap>;
}

function powerOnState(): DecoderState {
  return {
    codePageNumber: POWER_ON_CODE_PAGE_NUMBER,
    qrModel: 2,
    qrModuleSize: 3,
    qrErrorCorrection: 'L',
    qrData: '',
    userDefinedOn: false,
    userDefinedGlyphs: new Map(),
  };
}

function applyToState(state: DecoderState, op: EscPosOp): void {
  switch (op.kind) {
    case 'init':
      // ESC @ resets the code page and modes and clears downloaded glyphs; the QR symbol storage is left as is.
      state.codePageNumber = POWER_ON_CODE_PAGE_NUMBER;
      state.userDefinedOn = false;
      state.userDefinedGlyphs = new Map();
      break;
    case 'defineCharacters':
      for (const { code, glyph } of op.glyphs) state.userDefinedGlyphs.set(code, glyph);
      break;
    case 'userDefinedCharacters':
      state.userDefinedOn = op.on;
      break;
    case 'cancelCharacter':
      state.userDefinedGlyphs.delete(op.code);
      break;
    case 'codePage':
      state.codePageNumber = op.number;
      break;
    case 'qrModel':
      state.qrModel = op.model;
      break;
    case 'qrModuleSize':
      state.qrModuleSize = op.dots;
      break;
    case 'qrErrorCorrection':
      state.qrErrorCorrection = op.level;
      break;
    case 'qrStore':
      state.qrData = op.data;
      break;
    default:
      break;
  }
}

/** Not enough bytes yet: the command needs at least `needBytes` from its start. */
interface Incomplete {
  needBytes: number;
}
type Step = { op: EscPosOp; length: number } | Incomplete;

const isIncomplete = (step: Step): step is Incomplete => 'needBytes' in step;

/** Reads the command starting at `at`. `final` says no more bytes will come after `buf`. */
function decodeOne(buf: Buffer, at: number, state: DecoderState, final: boolean, absoluteOffset: number): Step {
  const available = buf.length - at;
  const byteAt = (i: number): number => buf[at + i] ?? 0;
  const unknown = (length: number, reason: string): Step => ({
    op: { kind: 'unknown', offset: absoluteOffset, bytes: Buffer.from(buf.subarray(at, at + length)), reason },
    length,
  });
  // A command cut short by the end of the stream: wait for more bytes, or report the rest.
  const tooShort = (): Step =>
    final ? unknown(available, 'stream ended inside a command') : { needBytes: available + 1 };
  const fixed = (length: number, op: () => EscPosOp): Step => (available < length ? tooShort() : { op: op(), length });
  const setting = (command: string, paramCount: number): Step =>
    fixed(2 + paramCount, () => ({
      kind: 'setting',
      command,
      params: [...buf.subarray(at + 2, at + 2 + paramCount)],
    }));

  const first = byteAt(0);
  if (first >= 0x20) return decodeTextRun(buf, at, state, final);
  if (first === LF) return { op: { kind: 'lineFeed' }, length: 1 };
  if (first === CR) return { op: { kind: 'carriageReturn' }, length: 1 };
  if (first !== ESC && first !== GS && first !== DLE) return unknown(1, 'control byte');
  if (available < 2) return tooShort();

  const second = byteAt(1);
  if (first === DLE) {
    if (second === 0x04) return fixed(3, () => ({ kind: 'statusQuery', command: 'DLE EOT', n: byteAt(2) }));
    return unknown(2, 'unsupported DLE command');
  }

  if (first === ESC) {
    switch (second) {
      case 0x40: // ESC @
        return { op: { kind: 'init' }, length: 2 };
      case 0x74: // ESC t n
        return fixed(3, () => ({
          kind: 'codePage',
          number: byteAt(2),
          encoding: codePageByNumber(byteAt(2))?.iconvEncoding ?? null,
        }));
      case 0x61: {
        // ESC a n: 0/48 left, 1/49 centre, 2/50 right
        if (available < 3) return tooShort();
        const n = byteAt(2);
        const align = (['left', 'center', 'right'] as const)[n >= 48 ? n - 48 : n];
        return align ? { op: { kind: 'align', align }, length: 3 } : unknown(3, 'alignment out of range');
      }
      case 0x45: // ESC E n
        return fixed(3, () => ({ kind: 'bold', on: (byteAt(2) & 1) === 1 }));
      case 0x21: // ESC ! n
        return fixed(3, () => {
          const n = byteAt(2);
          return {
            kind: 'printMode',
            fontB: (n & 0x01) !== 0,
            bold: (n & 0x08) !== 0,
            doubleHeight: (n & 0x10) !== 0,
            doubleWidth: (n & 0x20) !== 0,
            underline: (n & 0x80) !== 0,
          };
        });
      case 0x64: // ESC d n
        return fixed(3, () => ({ kind: 'feedLines', lines: byteAt(2) }));
      case 0x4a: // ESC J n
        return fixed(3, () => ({ kind: 'feedDots', dots: byteAt(2) }));
      case 0x26:
        return decodeDefineCharacters(buf, at, final, tooShort, unknown);
      case 0x25: // ESC % n
        return fixed(3, () => ({ kind: 'userDefinedCharacters', on: (byteAt(2) & 1) === 1 }));
      case 0x3f: // ESC ? n
        return fixed(3, () => ({ kind: 'cancelCharacter', code: byteAt(2) }));
      case 0x32:
        return setting('ESC 2', 0);
      case 0x20:
      case 0x2d:
      case 0x33:
      case 0x3d:
      case 0x47:
      case 0x4d:
      case 0x52:
      case 0x72:
      case 0x7b:
        return setting(`ESC ${String.fromCharCode(second)}`, 1);
      case 0x24:
      case 0x42:
        return setting(`ESC ${String.fromCharCode(second)}`, 2);
      case 0x70:
        return setting('ESC p', 3);
      default:
        return unknown(2, 'unsupported ESC command');
    }
  }

  // GS
  switch (second) {
    case 0x21: // GS ! n: high nibble width, low nibble height, each magnification − 1
      return fixed(3, () => ({ kind: 'size', width: (byteAt(2) >> 4) + 1, height: (byteAt(2) & 0x0f) + 1 }));
    case 0x56: {
      // GS V m [n]
      if (available < 3) return tooShort();
      const m = byteAt(2);
      if (m === 0 || m === 48) return { op: { kind: 'cut', partial: false, feedDots: 0 }, length: 3 };
      if (m === 1 || m === 49) return { op: { kind: 'cut', partial: true, feedDots: 0 }, length: 3 };
      if (m === 65 || m === 66) return fixed(4, () => ({ kind: 'cut', partial: m === 66, feedDots: byteAt(3) }));
      return unknown(3, 'unsupported cut mode');
    }
    case 0x76:
      return decodeRaster(buf, at, final, tooShort, unknown);
    case 0x28:
      return decodeGsParen(buf, at, state, final, tooShort);
    case 0x6b:
      return decodeBarcode(buf, at, tooShort, unknown);
    case 0x72: // GS r n
      return fixed(3, () => ({ kind: 'statusQuery', command: 'GS r', n: byteAt(2) }));
    case 0x42:
    case 0x48:
    case 0x61:
    case 0x66:
    case 0x68:
    case 0x77:
      return setting(`GS ${String.fromCharCode(second)}`, 1);
    case 0x4c:
    case 0x57:
      return setting(`GS ${String.fromCharCode(second)}`, 2);
    default:
      return unknown(2, 'unsupported GS command');
  }
}

function decodeTextRun(buf: Buffer, at: number, state: DecoderState, final: boolean): Step {
  let end = at;
  while (end < buf.length && (buf[end] ?? 0) >= 0x20) end++;
  // Text that reaches the end of a chunk may go on in the next one; a printer prints it at LF anyway.
  if (end === buf.length && !final) return { needBytes: end - at + 1 };
  const bytes = buf.subarray(at, end);
  const text = decodeText(bytes, state.codePageNumber);
  const userDefined: UserDefinedGlyphAt[] = [];
  if (state.userDefinedOn) {
    // Every page we know decodes one byte to one UTF-16 unit, so byte i is character i.
    bytes.forEach((code, index) => {
      const glyph = state.userDefinedGlyphs.get(code);
      if (glyph) userDefined.push({ index, code, glyph });
    });
  }
  return {
    op: userDefined.length > 0 ? { kind: 'text', text, userDefined } : { kind: 'text', text },
    length: end - at,
  };
}

function decodeDefineCharacters(
  buf: Buffer,
  at: number,
  final: boolean,
  tooShort: () => Step,
  unknown: (length: number, reason: string) => Step,
): Step {
  // ESC & y c1 c2 [x d1…d(y×x)]…: one x and its columns for each code from c1 to c2.
  const available = buf.length - at;
  if (available < 5) return tooShort();
  const bytesPerColumn = buf[at + 2] ?? 0;
  const first = buf[at + 3] ?? 0;
  const last = buf[at + 4] ?? 0;
  if (bytesPerColumn < 1 || bytesPerColumn > 3 || first < 0x20 || last > 0x7e || first > last) {
    return unknown(5, 'ESC & parameters out of range');
  }
  const glyphs: { code: number; glyph: MonoBitmap }[] = [];
  let offset = at + 5;
  for (let code = first; code <= last; code++) {
    if (offset >= buf.length) return final ? tooShort() : { needBytes: offset - at + 1 };
    const width = buf[offset] ?? 0;
    const end = offset + 1 + width * bytesPerColumn;
    if (end > buf.length) return final ? tooShort() : { needBytes: end - at };
    glyphs.push({ code, glyph: decodeGlyphColumns(buf.subarray(offset + 1, end), width, bytesPerColumn) });
    offset = end;
  }
  return { op: { kind: 'defineCharacters', bytesPerColumn, first, last, glyphs }, length: offset - at };
}

function decodeText(bytes: Buffer, codePageNumber: number): string {
  const page = codePageByNumber(codePageNumber);
  if (page) return iconv.decode(bytes, page.iconvEncoding);
  // A page we do not know: ASCII is the same in all of them, the rest is unreadable.
  return [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : '\uFFFD')).join('');
}

function decodeRaster(
  buf: Buffer,
  at: number,
  final: boolean,
  tooShort: () => Step,
  unknown: (length: number, reason: string) => Step,
): Step {
  // GS v 0 m xL xH yL yH d1…dk
  const available = buf.length - at;
  if (available < 3) return tooShort();
  if (buf[at + 2] !== 0x30) return unknown(3, 'unsupported GS v command');
  if (available < 8) return tooShort();
  const mode = buf[at + 3] ?? 0;
  const widthBytes = (buf[at + 4] ?? 0) + (buf[at + 5] ?? 0) * 256;
  const height = (buf[at + 6] ?? 0) + (buf[at + 7] ?? 0) * 256;
  const length = 8 + widthBytes * height;
  if (available < length) return final ? unknown(available, 'stream ended inside raster data') : { needBytes: length };
  const data = Buffer.from(buf.subarray(at + 8, at + length));
  return { op: { kind: 'raster', mode, widthBytes, height, data }, length };
}

const QR_ERROR_LEVELS: Record<number, QrErrorCorrection> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

function decodeGsParen(buf: Buffer, at: number, state: DecoderState, final: boolean, tooShort: () => Step): Step {
  // GS ( fn pL pH p1…pk: every GS ( command carries its own parameter length.
  const available = buf.length - at;
  if (available < 5) return tooShort();
  const fn = buf[at + 2] ?? 0;
  const paramLength = (buf[at + 3] ?? 0) + (buf[at + 4] ?? 0) * 256;
  const length = 5 + paramLength;
  if (available < length) return final ? tooShort() : { needBytes: length };
  const params = buf.subarray(at + 5, at + length);
  const generic: Step = {
    op: { kind: 'setting', command: `GS ( ${String.fromCharCode(fn)}`, params: [...params] },
    length,
  };
  // GS ( k cn fn …, with cn 49 (0x31) for QR Code
  if (fn !== 0x6b || params[0] !== 0x31) return generic;
  const qrFunction = params[1];
  const n = params[2] ?? 0;
  switch (qrFunction) {
    case 0x41:
      return { op: { kind: 'qrModel', model: n - 48 }, length };
    case 0x43:
      return { op: { kind: 'qrModuleSize', dots: n }, length };
    case 0x45: {
      const level = QR_ERROR_LEVELS[n];
      return level ? { op: { kind: 'qrErrorCorrection', level }, length } : generic;
    }
    case 0x50:
      // m = 48, then the data; the printer takes bytes, our layout sends UTF-8.
      return { op: { kind: 'qrStore', data: params.subarray(3).toString('utf8') }, length };
    case 0x51:
      return {
        op: {
          kind: 'qrPrint',
          data: state.qrData,
          model: state.qrModel,
          moduleSize: state.qrModuleSize,
          errorCorrection: state.qrErrorCorrection,
        },
        length,
      };
    default:
      return generic;
  }
}

function decodeBarcode(
  buf: Buffer,
  at: number,
  tooShort: () => Step,
  unknown: (length: number, reason: string) => Step,
): Step {
  const available = buf.length - at;
  if (available < 3) return tooShort();
  const system = buf[at + 2] ?? 0;
  if (system <= 6) {
    // GS k m d1…dk NUL
    const end = buf.indexOf(NUL, at + 3);
    if (end === -1) return tooShort();
    return {
      op: { kind: 'barcode', system, data: buf.subarray(at + 3, end).toString('latin1') },
      length: end + 1 - at,
    };
  }
  if (system >= 65 && system <= 79) {
    // GS k m n d1…dn
    if (available < 4) return tooShort();
    const length = 4 + (buf[at + 3] ?? 0);
    if (available < length) return tooShort();
    return { op: { kind: 'barcode', system, data: buf.subarray(at + 4, length).toString('latin1') }, length };
  }
  return unknown(3, 'unsupported barcode system');
}

/**
 * Decodes a byte stream that arrives in pieces (as from a serial port). A command split across
 * chunks is held back until the rest arrives; `end()` reports whatever is left as unknown.
 */
export class EscPosStreamDecoder {
  /** Bytes not decoded yet, kept as received: a 40 KB bitmap arriving in small reads is joined once. */
  private pendingChunks: Buffer[] = [];
  private pendingLength = 0;
  /** How many pending bytes the command at the front needs before decoding is worth trying. */
  private neededLength = 0;
  private pendingOffset = 0;
  private readonly state = powerOnState();

  push(chunk: Uint8Array): DecodedCommand[] {
    this.pendingChunks.push(Buffer.from(chunk));
    this.pendingLength += chunk.length;
    if (this.pendingLength < this.neededLength) return [];
    return this.decode(false);
  }

  end(): DecodedCommand[] {
    return this.decode(true);
  }

  private decode(final: boolean): DecodedCommand[] {
    const bytes =
      this.pendingChunks.length === 1 ? (this.pendingChunks[0] as Buffer) : Buffer.concat(this.pendingChunks);
    const commands: DecodedCommand[] = [];
    let at = 0;
    this.neededLength = 0;
    while (at < bytes.length) {
      const step = decodeOne(bytes, at, this.state, final, this.pendingOffset + at);
      if (isIncomplete(step)) {
        this.neededLength = step.needBytes;
        break;
      }
      applyToState(this.state, step.op);
      commands.push({ op: step.op, bytes: bytes.subarray(at, at + step.length) });
      at += step.length;
    }
    const rest = bytes.subarray(at);
    this.pendingChunks = rest.length > 0 ? [rest] : [];
    this.pendingLength = rest.length;
    this.pendingOffset += at;
    return commands;
  }
}

/** Decodes a whole job at once. */
export function decodeEscPos(bytes: Uint8Array): EscPosOp[] {
  const decoder = new EscPosStreamDecoder();
  return [...decoder.push(bytes), ...decoder.end()].map((command) => command.op);
}

/**
 * The text as a reader sees it: characters printed from downloaded glyphs read as the letter
 * the glyph is a drawing of (U+FFFD when it is none we know). Two scripts share some shapes
 * (Latin ə, Cyrillic ә), as readers do, the script of the rest of the line decides.
 */
function readText(op: Extract<EscPosOp, { kind: 'text' }>): string {
  if (!op.userDefined) return op.text;
  const characters = [...op.text];
  const downloaded = new Set(op.userDefined.map((at) => at.index));
  const rest = characters.filter((_, index) => !downloaded.has(index)).join('');
  const cyrillic = (rest.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const latin = (rest.match(/\p{Script=Latin}/gu) ?? []).length;
  const script = cyrillic > latin ? /\p{Script=Cyrillic}/u : /\p{Script=Latin}/u;
  for (const { index, glyph } of op.userDefined) {
    const letters = recogniseGlyph(glyph);
    characters[index] = letters.find((letter) => script.test(letter)) ?? letters[0] ?? '\uFFFD';
  }
  return characters.join('');
}

/** The text lines a reader would see on the paper (bitmaps excluded), without blank lines. */
export function decodedText(ops: readonly EscPosOp[]): string[] {
  const lines: string[] = [];
  let current = '';
  const endLine = (): void => {
    if (current.trim() !== '') lines.push(current);
    current = '';
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'text':
        current += readText(op);
        break;
      case 'lineFeed':
      case 'feedLines':
      case 'feedDots':
      case 'cut':
      case 'init':
        endLine();
        break;
      default:
        break;
    }
  }
  endLine();
  return lines;
}
