import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../main/contract';

/*
 * The dashboards' texts: locales/<lang>/dashboard.json and control.json (the live view and the daily digest) only. The
 * kiosk's i18n (../i18n.ts) bundles every other namespace and leaves these out, so neither entry
 * carries the other's texts.
 */
const files = import.meta.glob<Record<string, unknown>>(
  ['../../../locales/*/dashboard.json', '../../../locales/*/control.json'],
  { eager: true, import: 'default' },
);

export function initDashboardI18n(language: Language): typeof i18next {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, content] of Object.entries(files)) {
    const [, lng, namespace] = /\/locales\/([^/]+)\/(dashboard|control)\.json$/.exec(path) ?? [];
    if (lng && namespace) resources[lng] = { ...resources[lng], [namespace]: content };
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: ['dashboard', 'control'],
    defaultNS: 'dashboard',
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
  });
  return i18next;
}
