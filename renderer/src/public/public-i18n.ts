import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../main/contract';

/*
 * The public pages' texts: locales/<lang>/public.json only. The kiosk's i18n (../i18n.ts) leaves
 * this namespace out, and this entry carries no other, so a visitor's phone loads little.
 */
const files = import.meta.glob<Record<string, unknown>>('../../../locales/*/public.json', {
  eager: true,
  import: 'default',
});

export function initPublicI18n(language: Language): typeof i18next {
  const resources: Record<string, { public: Record<string, unknown> }> = {};
  for (const [path, content] of Object.entries(files)) {
    const lng = /\/locales\/([^/]+)\/public\.json$/.exec(path)?.[1];
    if (lng) resources[lng] = { public: content };
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: ['public'],
    defaultNS: 'public',
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
  });
  return i18next;
}
