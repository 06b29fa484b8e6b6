import type { Language } from '../../../main/contract';

/** Each language named in itself, as staff look for their own in a picker. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  az: 'Azərbaycanca',
  ru: 'Русский',
  en: 'English',
  kk: 'Қазақша',
  ky: 'Кыргызча',
  uz: 'Oʻzbekcha',
};
