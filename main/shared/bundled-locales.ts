import type { Language } from '../contract';
import azKiosk from '../../locales/az/kiosk.json';
import azPrinter from '../../locales/az/printer.json';
import enKiosk from '../../locales/en/kiosk.json';
import enPrinter from '../../locales/en/printer.json';
import kkKiosk from '../../locales/kk/kiosk.json';
import kkPrinter from '../../locales/kk/printer.json';
import kyKiosk from '../../locales/ky/kiosk.json';
import kyPrinter from '../../locales/ky/printer.json';
import ruKiosk from '../../locales/ru/kiosk.json';
import ruPrinter from '../../locales/ru/printer.json';
import uzKiosk from '../../locales/uz/kiosk.json';
import uzPrinter from '../../locales/uz/printer.json';

/** The locale namespaces the main process prints from; the English files give their shape. */
export interface BundledNamespaces {
  kiosk: typeof enKiosk;
  printer: typeof enPrinter;
}

// Bundled with the main process, the one place it loads locale files: tickets and the day
// summary print on a kiosk without network, the renderer's i18next or files on disk. A new
// language adds its two lines here (the record's type refuses to compile without them).
const BUNDLED: Record<Language, BundledNamespaces> = {
  az: { kiosk: azKiosk, printer: azPrinter },
  en: { kiosk: enKiosk, printer: enPrinter },
  kk: { kiosk: kkKiosk, printer: kkPrinter },
  ky: { kiosk: kyKiosk, printer: kyPrinter },
  ru: { kiosk: ruKiosk, printer: ruPrinter },
  uz: { kiosk: uzKiosk, printer: uzPrinter },
};

/** One namespace's texts in a language, as the renderer's i18next would load them. */
export function bundledTexts<N extends keyof BundledNamespaces>(
  language: Language,
  namespace: N,
): BundledNamespaces[N] {
  return BUNDLED[language][namespace];
}
