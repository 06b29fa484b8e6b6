import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A namespace of a language's texts as the pages load them (locales/<language>/<namespace>.json). */
export function localeTexts<T>(language: string, namespace: string): T {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, `../../locales/${language}/${namespace}.json`), 'utf8'),
  ) as T;
}
