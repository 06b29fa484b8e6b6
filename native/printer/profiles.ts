import type { BuiltInPrinterProfileId, CustomPrinterProfile, PrinterConfig } from '../../main/core/config';
import { codePage, type CodePage } from '../escpos/code-pages';

export type { BuiltInPrinterProfileId };

/** What the ticket layout and the transport need to know about a printer model. Plain data: one entry per model. */
export interface PrinterProfile {
  id: string;
  description: string;
  /** Printable width in dots (80 mm paper at 203 dpi: 576; at 180 dpi: 512; 58 mm: 384). */
  printWidthDots: number;
  /** Characters per line in font A at normal size. */
  columns: number;
  hasCutter: boolean;
  /** Prints QR codes from `GS ( k`; without it the QR code goes out as a raster image. */
  nativeQr: boolean;
  /**
   * Code pages the model has, in the order the layout prefers them: each text line goes out in
   * the first page that holds every one of its characters.
   */
  codePages: readonly CodePage[];
  /** Speeds the model's serial interface can be set to (DIP switches or its utility). */
  baudRates: readonly number[];
  /** Taller `GS v 0` images print garbage on many printers, so images are sent in bands. */
  maxRasterBandRows: number;
  /** Answers `DLE EOT n` real-time status requests. */
  statusQueries: boolean;
  /**
   * Takes downloaded font A glyphs (`ESC &`, 12 × 24 dots) for codes 32–126 and prints them after
   * `ESC % 1`: a letter no code page holds then costs 42 bytes once instead of a raster line.
   */
  userDefinedCharacters: boolean;
}

/*
 * Page order, for every profile: Latin pages first so Latin text stays in a Latin page (PC437 for
 * pure ASCII, then the Turkish pages for ş ğ ı İ and the ‘ Uzbek uses); then PC866 for Russian, the
 * most widely available Cyrillic page; KZ-1048 when a line needs Kazakh or Kyrgyz letters;
 * WPC1251 last, as a spare Cyrillic page.
 */
const EPSON_PAGES = [
  codePage('PC437'),
  codePage('PC857'),
  codePage('WPC1254'),
  codePage('PC866'),
  codePage('KZ1048'),
  codePage('WPC1251'),
];

const BUILT_IN: Record<BuiltInPrinterProfileId, PrinterProfile> = {
  'epson-tm-t20iii': {
    id: 'epson-tm-t20iii',
    description: 'Epson TM-T20III: 80 mm paper, 203 dpi, cutter, native QR, KZ-1048',
    printWidthDots: 576,
    columns: 48,
    hasCutter: true,
    nativeQr: true,
    codePages: EPSON_PAGES,
    baudRates: [2400, 4800, 9600, 19200, 38400, 57600, 115200],
    maxRasterBandRows: 255,
    statusQueries: true,
    // Epson's ESC/POS reference: ESC & with y = 3 for font A (12 × 24) on the TM-T20III.
    userDefinedCharacters: true,
  },
  'epson-tm-t88vi': {
    id: 'epson-tm-t88vi',
    description: 'Epson TM-T88VI: 80 mm paper, 180 dpi (72 mm printed), cutter, native QR, KZ-1048',
    printWidthDots: 512,
    columns: 42,
    hasCutter: true,
    nativeQr: true,
    codePages: EPSON_PAGES,
    baudRates: [2400, 4800, 9600, 19200, 38400, 57600, 115200],
    maxRasterBandRows: 255,
    statusQueries: true,
    userDefinedCharacters: true,
  },
  'generic-80mm': {
    id: 'generic-80mm',
    description: 'Generic 80 mm ESC/POS printer: cutter, native QR, no KZ-1048',
    printWidthDots: 576,
    columns: 48,
    hasCutter: true,
    nativeQr: true,
    codePages: [codePage('PC437'), codePage('PC857'), codePage('PC866'), codePage('WPC1251')],
    baudRates: [9600, 19200, 38400, 115200],
    maxRasterBandRows: 255,
    statusQueries: true,
    // Clones differ (some take ESC & only for their 9 × 17 font, some ignore it): a bitmap always prints.
    userDefinedCharacters: false,
  },
  /*
   * Native QR on 58 mm clones, decided (issue 4): not in the generic profile. Many Xprinter-class
   * models do list `GS ( k` functions 167/169/180/181 in their programming manuals, but just as many
   * clones sold as the same kind of printer do not, and they print the command bytes as a line of
   * text ("k1A2k1Ck…") instead of a code: reported for the POS-5890K, the Excelvan HOP-E58 and the
   * GP-80 series (escpos-php #426, escpos-printer-db #20/#63, node-thermal-printer #33). A raster QR
   * prints on every one of them, at a cost of about 1.7 KB (2.2 KB a ticket against about 0.5 KB
   * with native QR; `npm run bench`), 1.8 s at 9600 baud and a fraction of a second at 115200.
   * A technician whose model lists QR codes on its self-test page describes it once as a custom
   * profile (`printer.customProfiles`, this entry with `nativeQr: true`). User-defined characters
   * stay off for the same reason: some clones take `ESC &` only for their 9 × 17 font, some ignore
   * it and would print the replaced ASCII codes; a raster ə line always prints right.
   */
  'generic-58mm': {
    id: 'generic-58mm',
    description: 'Generic 58 mm ESC/POS clone (Xprinter-like): tear bar, no native QR, no KZ-1048',
    printWidthDots: 384,
    columns: 32,
    hasCutter: false,
    nativeQr: false,
    codePages: [codePage('PC437'), codePage('PC857'), codePage('PC866')],
    baudRates: [9600, 19200, 38400, 115200],
    maxRasterBandRows: 255,
    statusQueries: true,
    userDefinedCharacters: false,
  },
};

// The record's type makes the compiler ask for an entry for each id core/config.ts accepts.
export const BUILT_IN_PRINTER_PROFILES: readonly PrinterProfile[] = Object.values(BUILT_IN);

export function printerProfile(id: BuiltInPrinterProfileId): PrinterProfile {
  return BUILT_IN[id];
}

export function profileFromConfig(custom: CustomPrinterProfile): PrinterProfile {
  return {
    ...custom,
    codePages: custom.codePages.map((page) => codePage(page.name, page.escPosNumber)),
  };
}

/** The configured profile: a built-in model or one the technician described in the config. */
export function resolvePrinterProfile(config: Pick<PrinterConfig, 'profile' | 'customProfiles'>): PrinterProfile {
  if (Object.hasOwn(BUILT_IN, config.profile)) return BUILT_IN[config.profile as BuiltInPrinterProfileId];
  const custom = config.customProfiles.find((profile) => profile.id === config.profile);
  // The config schema refuses unknown ids, so this only fires for a config built by hand in code.
  if (!custom) throw new Error(`no printer profile "${config.profile}"`);
  return profileFromConfig(custom);
}
