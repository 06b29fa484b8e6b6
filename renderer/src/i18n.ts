import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../main/contract';
import type consoleEn from '../../locales/en/console.json';
import type dashboardEn from '../../locales/en/dashboard.json';
import type enrolEn from '../../locales/en/enrol.json';
import type figuresEn from '../../locales/en/figures.json';
import type hallEn from '../../locales/en/hall.json';
import type kioskEn from '../../locales/en/kiosk.json';
import type controlEn from '../../locales/en/control.json';
import type phoneEn from '../../locales/en/phone.json';
import type publicEn from '../../locales/en/public.json';
import type printerEn from '../../locales/en/printer.json';
import type technicianEn from '../../locales/en/technician.json';

/** Keys are checked at compile time against the English files; a test keeps the others in step. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'kiosk';
    resources: {
      kiosk: typeof kioskEn;
      console: typeof consoleEn;
      hall: typeof hallEn;
      figures: typeof figuresEn;
      phone: typeof phoneEn;
      printer: typeof printerEn;
      technician: typeof technicianEn;
      enrol: typeof enrolEn;
      dashboard: typeof dashboardEn;
      control: typeof controlEn;
      public: typeof publicEn;
    };
  }
}

// Bundled, not fetched: a kiosk may have no network, and every language must work at once. The
// dashboards' texts (dashboard, control) and the public pages' are their own entries'
// (dashboard/dashboard-i18n.ts, public/public-i18n.ts), not the kiosk's to carry.
const files = import.meta.glob<Record<string, unknown>>(
  [
    '../../locales/*/*.json',
    '!../../locales/*/dashboard.json',
    '!../../locales/*/control.json',
    '!../../locales/*/public.json',
  ],
  {
    eager: true,
    import: 'default',
  },
);

function resourcesFromFiles(): Resource {
  const resources: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lng = '', namespace = ''] = match;
    resources[lng] = { ...resources[lng], [namespace]: content };
  }
  return resources;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Starts i18next synchronously, so the first render already has its texts. */
export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: resourcesFromFiles(),
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: ['kiosk', 'console', 'hall', 'printer', 'technician', 'figures', 'enrol', 'phone'],
    defaultNS: 'kiosk',
    initAsync: false,
    // React escapes what it renders; escaping here too would show &amp; to visitors.
    interpolation: { escapeValue: false },
  });
  return i18next;
}
