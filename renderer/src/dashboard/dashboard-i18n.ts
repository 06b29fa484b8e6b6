import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../main/contract';

/*
 * The dashboards' texts: locales/<lang>/dashboard.json only. The kiosk's i18n (../i18n.ts) bundles
 * every other namespace and leaves this one out, so neither entry carries the other's texts.
 */
const files = import.meta.glob<Record<string, unknown>>('../../../locales/*/dashboard.json', {
  eager: true,
  import: 'default',
});

const KEY = 'dashboard.language';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The language asked for in the address (?lng=ru, then kept for the pages after it), else the one
 * last picked in this browser, else the first of the browser's languages the dashboards have, else
 * English.
 */
export function chosenLanguage(search: string, storage: Storage, preferred: readonly string[]): Language {
  const asked = new URLSearchParams(search).get('lng');
  if (isLanguage(asked)) {
    rememberLanguage(storage, asked);
    return asked;
  }
  const stored = storage.getItem(KEY);
  if (isLanguage(stored)) return stored;
  return preferred.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLanguage) ?? 'en';
}

export function rememberLanguage(storage: Storage, language: Language): void {
  storage.setItem(KEY, language);
}

export function initDashboardI18n(language: Language): typeof i18next {
  const resources: Record<string, { dashboard: Record<string, unknown> }> = {};
  for (const [path, content] of Object.entries(files)) {
    const lng = /\/locales\/([^/]+)\/dashboard\.json$/.exec(path)?.[1];
    if (lng) resources[lng] = { dashboard: content };
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: ['dashboard'],
    defaultNS: 'dashboard',
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
  });
  return i18next;
}
