import type { CodePageName } from '../../main/core/config';

/**
 * Character code tables selected with `ESC t n` on Epson-compatible printers, with the iconv-lite
 * encoding that holds the same characters. Only tables iconv-lite knows are listed: a page we
 * cannot encode or decode is of no use to us. Numbers are from Epson's ESC/POS reference.
 */
export const CODE_PAGES = {
  PC437: { escPosNumber: 0, iconvEncoding: 'cp437', description: 'USA, standard Europe' },
  PC850: { escPosNumber: 2, iconvEncoding: 'cp850', description: 'Multilingual' },
  PC857: { escPosNumber: 13, iconvEncoding: 'cp857', description: 'Turkish' },
  WPC1252: { escPosNumber: 16, iconvEncoding: 'windows1252', description: 'Windows Latin 1' },
  PC866: { escPosNumber: 17, iconvEncoding: 'cp866', description: 'Cyrillic #2' },
  PC852: { escPosNumber: 18, iconvEncoding: 'cp852', description: 'Latin 2' },
  PC858: { escPosNumber: 19, iconvEncoding: 'cp858', description: 'Euro' },
  PC855: { escPosNumber: 34, iconvEncoding: 'cp855', description: 'Cyrillic' },
  WPC1250: { escPosNumber: 45, iconvEncoding: 'windows1250', description: 'Windows Latin 2' },
  WPC1251: { escPosNumber: 46, iconvEncoding: 'windows1251', description: 'Windows Cyrillic' },
  WPC1254: { escPosNumber: 48, iconvEncoding: 'windows1254', description: 'Windows Turkish' },
  KZ1048: { escPosNumber: 53, iconvEncoding: 'rk1048', description: 'Kazakhstan' },
} as const satisfies Record<CodePageName, { escPosNumber: number; iconvEncoding: string; description: string }>;

export type { CodePageName };

export interface CodePage {
  name: CodePageName;
  escPosNumber: number;
  iconvEncoding: string;
}

/** The page by name; `escPosNumber` overrides Epson's number for clones that number their tables differently. */
export function codePage(name: CodePageName, escPosNumber: number = CODE_PAGES[name].escPosNumber): CodePage {
  return { name, escPosNumber, iconvEncoding: CODE_PAGES[name].iconvEncoding };
}

/** The page a printer selects for `ESC t n`, or undefined when we do not know that number. */
export function codePageByNumber(escPosNumber: number): CodePage | undefined {
  for (const name of Object.keys(CODE_PAGES) as CodePageName[]) {
    if (CODE_PAGES[name].escPosNumber === escPosNumber) return codePage(name);
  }
  return undefined;
}

/** `ESC @` leaves the printer on table 0. */
export const POWER_ON_CODE_PAGE_NUMBER = 0;
