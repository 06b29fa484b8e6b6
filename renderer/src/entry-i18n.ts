import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../main/contract';

/**
 * Starts i18next for an entry that carries namespaces of its own (the dashboards', the public
 * pages'), the first the default: `files` is their locale files, as the entry's import.meta.glob
 * found them (a glob must be written out where it is used, so each entry passes its own).
 */
export function initEntryI18n(
  namespaces: readonly [string, ...string[]],
  files: Record<string, Record<string, unknown>>,
  language: Language,
): typeof i18next {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, content] of Object.entries(files)) {
    const [, lng, namespace] = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (lng && namespace && namespaces.includes(namespace))
      resources[lng] = { ...resources[lng], [namespace]: content };
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: [...namespaces],
    defaultNS: namespaces[0],
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
  });
  return i18next;
}
