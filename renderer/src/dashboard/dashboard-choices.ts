import { LANGUAGES, type Language } from '../../../main/contract';

/*
 * The dashboards' choices made from the address and the browser: the language, and the page to go
 * to after sign-in. Plain functions of their inputs, so unit tests need no browser.
 */

/** What this needs of the browser's localStorage. */
export interface KeptChoices {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'dashboard.language';

/** As ../i18n.ts's, written here: importing that module would bundle every kiosk namespace's texts. */
export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The language asked for in the address (?lng=ru, then kept for the pages after it), else the one
 * last picked in this browser, else the first of the browser's languages the dashboards have, else
 * English.
 */
export function chosenLanguage(search: string, kept: KeptChoices, preferred: readonly string[]): Language {
  const asked = new URLSearchParams(search).get('lng');
  if (isLanguage(asked)) {
    rememberLanguage(kept, asked);
    return asked;
  }
  const stored = kept.getItem(KEY);
  if (isLanguage(stored)) return stored;
  return preferred.map((tag) => tag.slice(0, 2).toLowerCase()).find(isLanguage) ?? 'en';
}

export function rememberLanguage(kept: KeptChoices, language: Language): void {
  kept.setItem(KEY, language);
}

/**
 * Where to go after sign-in: the page asked for, if it is one of the dashboards' own (never
 * another site, and never back to sign-in), with the view its address named (the hash, which
 * the browser keeps through the server's redirect to sign-in but no server ever sees).
 */
export function afterSignIn(search: string, hash = ''): string {
  const next = new URLSearchParams(search).get('next') ?? '';
  const page = /^\/dashboard\/[a-z-]*$/.test(next) && next !== '/dashboard/sign-in' ? next : './';
  return /^#\/[a-z][\w/?=&%.,:-]*$/.test(hash) ? `${page}${hash}` : page;
}
