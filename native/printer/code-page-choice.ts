import iconv from 'iconv-lite';
import type { CodePage } from '../escpos/code-pages';
import type { PrinterProfile } from './profiles';

export interface EncodedLine {
  codePage: CodePage;
  bytes: Buffer;
  /** The text as it will print, after any look-alike replacement. */
  printedText: string;
}

/**
 * Spellings of a line to try, best first. Uzbek ʻ (U+02BB) and ʼ (U+02BC) are in no code page;
 * the quotation marks ‘ ’ look the same and are in the Windows pages; ' is in every page.
 */
function spellings(text: string): string[] {
  const typographic = text.replace(/\u02bb/g, '\u2018').replace(/\u02bc/g, '\u2019');
  const ascii = typographic.replace(/[\u2018\u2019]/g, "'");
  return [...new Set([text, typographic, ascii])];
}

/**
 * Codes a downloaded glyph may take over, ticket text's rarest ASCII first. A line never uses a
 * code it prints itself, so one that holds `~` simply gets the next.
 */
export const USER_DEFINED_CODES: readonly number[] = [...'~|^`{}\\_@#$%&*<>[]=+'].map((c) => c.charCodeAt(0));

/**
 * How one line goes to the printer:
 * - text: a code page holds all of it;
 * - textWithUserDefined: a code page holds all but `missing`, which the printer takes as
 *   downloaded glyphs (ESC &) at codes of `freeCodes` that the line does not use itself;
 * - raster: drawn, when the model takes no glyphs or the line needs more than there are free codes.
 */
export type LinePlan =
  | { kind: 'text'; encoded: EncodedLine }
  | { kind: 'textWithUserDefined'; codePage: CodePage; printedText: string; missing: string[]; freeCodes: number[] }
  | { kind: 'raster' };

/** The one place that decides text, text with downloaded glyphs, or raster for a line. */
export function planLine(text: string, profile: Pick<PrinterProfile, 'codePages' | 'userDefinedCharacters'>): LinePlan {
  const encoded = encodeInFirstFittingPage(text, profile.codePages);
  if (encoded) return { kind: 'text', encoded };
  if (!profile.userDefinedCharacters) return { kind: 'raster' };
  // The page that lacks the fewest distinct characters, spellings and pages in preference order.
  let best: { codePage: CodePage; printedText: string; missing: string[] } | null = null;
  for (const spelling of spellings(text)) {
    for (const codePage of profile.codePages) {
      const missing = [...new Set(spelling)].filter((c) => !encodeExactly(c, codePage.iconvEncoding));
      if (!best || missing.length < best.missing.length) best = { codePage, printedText: spelling, missing };
    }
  }
  if (!best) return { kind: 'raster' };
  const missing = new Set(best.missing);
  const rest = [...best.printedText].filter((c) => !missing.has(c)).join('');
  const used = new Set(iconv.encode(rest, best.codePage.iconvEncoding));
  const freeCodes = USER_DEFINED_CODES.filter((code) => !used.has(code));
  if (best.missing.length > freeCodes.length) return { kind: 'raster' };
  return { kind: 'textWithUserDefined', ...best, freeCodes };
}

/** The line's bytes in `codePage`, each downloaded character replaced by its code. */
export function encodeWithUserDefined(text: string, codePage: CodePage, codes: ReadonlyMap<string, number>): Buffer {
  const substituted = [...text].map((c) => {
    const code = codes.get(c);
    return code === undefined ? c : String.fromCharCode(code);
  });
  return iconv.encode(substituted.join(''), codePage.iconvEncoding);
}

/**
 * The first of `codePages` that holds the whole line, with the line's bytes in it; null when no
 * page does, and the line has to be drawn. Pages are tried in the given (preference) order.
 */
export function encodeInFirstFittingPage(text: string, codePages: readonly CodePage[]): EncodedLine | null {
  for (const spelling of spellings(text)) {
    for (const codePage of codePages) {
      const bytes = encodeExactly(spelling, codePage.iconvEncoding);
      if (bytes) return { codePage, bytes, printedText: spelling };
    }
  }
  return null;
}

function encodeExactly(text: string, encoding: string): Buffer | null {
  const bytes = iconv.encode(text, encoding);
  // iconv-lite writes '?' for what the page lacks, so only a round trip proves the page has it all.
  if (iconv.decode(bytes, encoding) !== text) return null;
  // Some pages put symbols (☺, ♥) at control codes: those bytes would reach the printer as commands.
  if (bytes.some((byte) => byte < 0x20 || byte === 0x7f)) return null;
  return bytes;
}
