import { useTranslation } from 'react-i18next';
import type { Language } from '../../main/contract';

/**
 * Kiosk texts in the given language, whatever i18next's global language is: the flow state owns
 * the language, so a screen never shows one render of the previous visitor's language.
 */
export function useKioskT(language: Language) {
  return useTranslation('kiosk', { lng: language }).t;
}
