import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../main/contract';

const localesDir = join(import.meta.dirname, '../../../locales');
const namespaces = readdirSync(join(localesDir, 'en'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

/** Every leaf of a locale file as "a.b.c" → text; a non-text leaf is reported as such. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [leaf, text] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(leaf, text);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

function load(lng: string, namespace: string): Map<string, unknown> {
  return flatten(JSON.parse(readFileSync(join(localesDir, lng, `${namespace}.json`), 'utf8')));
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Keys with their CLDR plural suffix taken off: a plural text is one key with several forms. */
function baseKeys(texts: Map<string, unknown>): string[] {
  return [...new Set([...texts.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')))].sort();
}

/** The plural forms each plural key has, e.g. "idle.body" → ["one", "other"]. */
function pluralForms(texts: Map<string, unknown>): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const key of texts.keys()) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match) continue;
    const base = key.slice(0, match.index);
    forms.set(base, [...(forms.get(base) ?? []), match[1]!].sort());
  }
  return forms;
}

function placeholders(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('locale files', () => {
  it('exist for every language and namespace', () => {
    expect(namespaces).toContain('kiosk');
    for (const lng of LANGUAGES) {
      const files = readdirSync(join(localesDir, lng)).filter((file) => file.endsWith('.json'));
      expect(files.sort(), lng).toEqual(namespaces.map((ns) => `${ns}.json`).sort());
    }
  });

  for (const namespace of namespaces) {
    const english = load('en', namespace);

    describe.each(LANGUAGES)(`${namespace} in %s`, (lng) => {
      const texts = load(lng, namespace);

      it('has exactly the keys of English, plural forms aside', () => {
        expect(baseKeys(texts)).toEqual(baseKeys(english));
      });

      it('gives each plural text exactly the forms CLDR has for the language', () => {
        const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories.slice().sort();
        const forms = pluralForms(texts);
        expect([...forms.keys()].sort()).toEqual([...pluralForms(english).keys()].sort());
        for (const [base, found] of forms) expect(found, base).toEqual(categories);
      });

      it('has no empty or non-text value', () => {
        for (const [key, text] of texts) {
          expect(typeof text, key).toBe('string');
          expect(String(text).trim(), key).not.toBe('');
        }
      });

      it('has the same placeholders as English in every text', () => {
        for (const [key, text] of texts) {
          // Every plural form is checked against English's "other" form, which all languages have.
          const englishKey = english.has(key) ? key : key.replace(PLURAL_SUFFIX, '_other');
          expect(placeholders(text), key).toEqual(placeholders(english.get(englishKey)));
        }
      });
    });
  }

  it('writes Uzbek oʻ and gʻ with the modifier letter ʻ (U+02BB), not an apostrophe', () => {
    for (const namespace of namespaces) {
      for (const [key, text] of load('uz', namespace)) {
        expect(String(text), key).not.toMatch(/[oOgG]['‘’`]/);
      }
    }
  });
});
