import { LANGUAGES } from '../../main/contract';
import type { Language } from '../../main/contract';
import type { PrinterConfig } from '../../main/core/config';
import type { ReportPrintout } from '../../main/core/ports';
import { resolvePrinterProfile } from './profiles';

/**
 * A pangram-like line per kiosk language, with the letters each needs (ə ğ ı ş, Cyrillic, қ ң ө ү,
 * ң ө ү, oʻ gʻ): if a line prints as boxes or question marks, that language's code page or bitmap
 * fallback is wrong on this printer.
 */
const LANGUAGE_LINES: Readonly<Record<Language, string>> = {
  az: 'Azərbaycan: Ə ə Ğ ğ I ı İ i Ş ş Ç ç Ö ö Ü ü',
  ru: 'Русский: Съешь же ещё этих мягких булок',
  en: 'English: The quick brown fox jumps',
  kk: 'Қазақ: Ә ә Ғ ғ Қ қ Ң ң Ө ө Ұ ұ Ү ү Һ һ І і',
  ky: 'Кыргыз: Ң ң Ө ө Ү ү — Кош келиңиз',
  uz: 'Oʻzbek: Oʻ oʻ Gʻ gʻ Sh sh Ch ch — Xush kelibsiz',
};

/**
 * The technician's test page: which model profile and line settings the kiosk uses, the profile's
 * code pages, and a line in each language, laid out like any report so it goes through the same path.
 */
export function printerTestPage(settings: PrinterConfig, at: Date, timeZone: string): ReportPrintout {
  const profile = resolvePrinterProfile(settings);
  const local = at.toLocaleString('sv-SE', { timeZone }).slice(0, 16);
  const line = `${settings.dataBits}${settings.parity[0]!.toUpperCase()}${settings.stopBits}`;
  return {
    title: 'TEST PAGE',
    subtitle: [profile.description, local],
    rows: [
      { label: 'Printer', value: '' },
      { label: 'Model profile', value: profile.id },
      { label: 'Port', value: settings.port ?? 'virtual (no port)' },
      { label: 'Baud', value: String(settings.baudRate) },
      { label: 'Line', value: line },
      { label: 'Flow control', value: settings.flowControl },
      { label: 'Paper', value: `${profile.columns} columns, ${profile.printWidthDots} dots` },
      { label: 'Cutter', value: profile.hasCutter ? 'yes' : 'no' },
      { label: 'Code pages', value: '' },
      ...profile.codePages.map((page, index) => ({ label: `${index + 1}`, value: page.name })),
      { label: 'Languages', value: '' },
      ...LANGUAGES.map((language) => ({ label: language, value: LANGUAGE_LINES[language] })),
    ],
  };
}
