import type i18next from 'i18next';
import type { Language } from '../../../main/contract';
import { initEntryI18n } from '../entry-i18n';

/*
 * The public pages' texts: locales/<lang>/public.json only. The kiosk's i18n (../i18n.ts) leaves
 * this namespace out, and this entry carries no other, so a visitor's phone loads little.
 */
const files = import.meta.glob<Record<string, unknown>>('../../../locales/*/public.json', {
  eager: true,
  import: 'default',
});

export const initPublicI18n = (language: Language): typeof i18next => initEntryI18n(['public'], files, language);
