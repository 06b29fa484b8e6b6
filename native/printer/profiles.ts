import { codePage, type CodePage } from '../escpos/code-pages';

/** What the ticket layout needs to know about a printer model. Plain data: one entry per model. */
export interface PrinterProfile {
  id: string;
  description: string;
  /** Printable width in dots (80 mm paper: 576, 58 mm: 384). */
  printWidthDots: number;
  /** Characters per line in font A at normal size. */
  columns: number;
  hasCutter: boolean;
  /** Prints QR codes from `GS ( k`, so the ticket need not send the QR as a bitmap. */
  nativeQr: boolean;
  /**
   * Code pages the model has, in the order the layout prefers them: each text line goes out in
   * the first page that holds every one of its characters.
   */
  codePages: readonly CodePage[];
  /** Taller `GS v 0` images print garbage on many printers, so images are sent in bands. */
  maxRasterBandRows: number;
}

/**
 * Epson TM-T20III and the many 80 mm printers that copy it. Page order: Latin pages first so
 * Latin text stays in a Latin page (PC437 for pure ASCII, then the Turkish pages for ş ğ ı İ and
 * the ‘ Uzbek uses); then PC866 for Russian, the most widely available Cyrillic page; KZ-1048 only
 * when a line needs Kazakh or Kyrgyz letters; WPC1251 last, as a spare Cyrillic page.
 */
const epson80mm: PrinterProfile = {
  id: 'epson-80mm',
  description: 'Epson TM-T20III compatible, 80 mm paper, cutter, native QR',
  printWidthDots: 576,
  columns: 48,
  hasCutter: true,
  nativeQr: true,
  codePages: [
    codePage('PC437'),
    codePage('PC857'),
    codePage('WPC1254'),
    codePage('PC866'),
    codePage('KZ1048'),
    codePage('WPC1251'),
  ],
  maxRasterBandRows: 255,
};

export const PRINTER_PROFILES = {
  'epson-80mm': epson80mm,
} as const satisfies Record<string, PrinterProfile>;

export type PrinterProfileId = keyof typeof PRINTER_PROFILES;

export function printerProfile(id: PrinterProfileId): PrinterProfile {
  return PRINTER_PROFILES[id];
}
