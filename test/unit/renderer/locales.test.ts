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

      it('has exactly the keys of English', () => {
        expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      });

      it('has no empty or non-text value', () => {
        for (const [key, text] of texts) {
          expect(typeof text, key).toBe('string');
          expect(String(text).trim(), key).not.toBe('');
        }
      });

      it('has the same placeholders as English in every text', () => {
        for (const [key, text] of texts) {
          expect(placeholders(text), key).toEqual(placeholders(english.get(key)));
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
