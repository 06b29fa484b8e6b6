import type i18next from 'i18next';
import type { Language } from '../../../main/contract';
import { initEntryI18n } from '../entry-i18n';

/*
 * The dashboards' texts: locales/<lang>/dashboard.json and control.json (the live view and the daily digest) only. The
 * kiosk's i18n (../i18n.ts) bundles every other namespace and leaves these out, so neither entry
 * carries the other's texts.
 */
const files = import.meta.glob<Record<string, unknown>>(
  ['../../../locales/*/dashboard.json', '../../../locales/*/control.json'],
  { eager: true, import: 'default' },
);

export const initDashboardI18n = (language: Language): typeof i18next =>
  initEntryI18n(['dashboard', 'control'], files, language);
