import iconv from 'iconv-lite';
import type { CodePage } from '../escpos/code-pages';

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
