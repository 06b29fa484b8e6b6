import { isLanguage } from '../i18n';
import type { Language } from '../../../main/contract';

const KEY = 'console.language';

/**
 * The language the console was last set to on this tablet, or the one its address asks for
 * (console.html?lng=kk); null leaves it to the kiosk's default language.
 */
export function chosenConsoleLanguage(search: string, storage: Storage): Language | null {
  const requested = new URLSearchParams(search).get('lng');
  if (isLanguage(requested)) return requested;
  const stored = storage.getItem(KEY);
  return isLanguage(stored) ? stored : null;
}

export function rememberConsoleLanguage(storage: Storage, language: Language): void {
  storage.setItem(KEY, language);
}
