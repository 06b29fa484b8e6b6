import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../main/contract';

/**
 * The same word for the same thing (issue 15): what a visitor reads on the kiosk, on the ticket, on
 * the hall display and on their phone, and hears aloud (kiosk `speech.*`, hall `say`), uses the words of
 * locales/glossary.json.
 */

const localesDir = join(import.meta.dirname, '../../../locales');
const VISITOR_NAMESPACES = ['kiosk', 'printer', 'hall', 'phone'] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

interface Concept {
  use: string[];
  avoid?: string[];
  notIn?: Record<string, string>;
}
type Glossary = Record<Language, Record<string, Concept>>;

const glossary = JSON.parse(readFileSync(join(localesDir, 'glossary.json'), 'utf8')) as Glossary;

function flatten(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    flatten(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** "kiosk:ticket.priority" → text, for the visitor-facing namespaces of one language. */
function visitorTexts(lng: Language): Map<string, string> {
  const texts = new Map<string, string>();
  for (const namespace of VISITOR_NAMESPACES) {
    const file = JSON.parse(readFileSync(join(localesDir, lng, `${namespace}.json`), 'utf8')) as unknown;
    for (const [key, text] of flatten(file)) texts.set(`${namespace}:${key}`, text);
  }
  return texts;
}

/** A glossary word matches at the start of a word (endings may follow), in any case. */
const wordPattern = (word: string) => new RegExp(`(?<!\\p{L})(?:${word})`, 'iu');
/** Placeholders are left out: `{{service}}` is filled with a name, not the word "service". */
const says = (text: string, words: readonly string[]) =>
  words.some((word) => wordPattern(word).test(text.replace(/\{\{[^}]*\}\}/g, '')));

const english = visitorTexts('en');
/** The English text a translated key answers to: every plural form answers to English's "other". */
const englishOf = (key: string) => english.get(key) ?? english.get(key.replace(PLURAL_SUFFIX, '_other'));

describe('locales/glossary.json', () => {
  it('names the same concepts in every language, each with its words', () => {
    const concepts = Object.keys(glossary.ru).sort();
    expect(concepts).toEqual(
      expect.arrayContaining(['desk', 'outOfTurn', 'peopleAhead', 'queue', 'rating', 'service', 'ticket']),
    );
    for (const lng of LANGUAGES.filter((code) => code !== 'en')) {
      expect(Object.keys(glossary[lng]).sort(), lng).toEqual(concepts);
      for (const [concept, { use }] of Object.entries(glossary[lng]))
        expect(use.length, `${lng} ${concept}`).toBeGreaterThan(0);
    }
    // English gives the anchors; a concept English never names in these texts (the queue) has none.
    for (const concept of Object.keys(glossary.en)) expect(concepts).toContain(concept);
  });
});

describe.each(LANGUAGES)('visitor texts in %s (kiosk, ticket, hall display, spoken)', (lng) => {
  const texts = visitorTexts(lng);
  const concepts = Object.entries(glossary[lng]);

  it('use none of the variants the glossary rules out', () => {
    const found: string[] = [];
    for (const [key, text] of texts)
      for (const [concept, { avoid = [] }] of concepts)
        for (const word of avoid)
          if (wordPattern(word).test(text)) found.push(`${key} says "${word}" for ${concept}: ${text}`);
    expect(found).toEqual([]);
  });

  it('say each concept with the glossary word wherever the English text says it', () => {
    const missing: string[] = [];
    for (const [concept, { use, notIn = {} }] of concepts) {
      const anchor = glossary.en[concept]?.use;
      if (!anchor) continue;
      for (const [key, text] of texts) {
        const source = englishOf(key);
        if (source === undefined || !says(source, anchor) || key in notIn) continue;
        if (!says(text, use)) missing.push(`${key} has no ${use.join('/')} for ${concept}: ${text}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('have every glossary word in use, and each exception on a text that names the concept in English', () => {
    const all = [...texts.values()];
    for (const [concept, { use, notIn = {} }] of concepts) {
      expect(
        all.some((text) => says(text, use)),
        `${lng} ${concept}: ${use.join('/')}`,
      ).toBe(true);
      for (const key of Object.keys(notIn)) {
        expect(texts.has(key), `${lng} ${concept} notIn ${key}`).toBe(true);
        expect(says(englishOf(key) ?? '', glossary.en[concept]?.use ?? []), `${lng} ${concept} notIn ${key}`).toBe(
          true,
        );
      }
    }
  });
});

describe.each(LANGUAGES)('the same labels on every screen in %s', (lng) => {
  const read = (namespace: string) =>
    JSON.parse(readFileSync(join(localesDir, lng, `${namespace}.json`), 'utf8')) as Record<
      string,
      Record<string, string>
    >;

  it('names the accessibility choices on the technician screen as the visitor sees them on the kiosk', () => {
    const kiosk = read('kiosk').access!;
    const technician = read('technician').accessibility!;
    for (const option of ['largeText', 'highContrast', 'lowReach', 'audioGuidance'])
      expect(technician[option], option).toBe(kiosk[option]);
  });

  it('writes a weekday inside a sentence in lower case (weekdayOn), not as the capitalised label', () => {
    const { weekday, weekdayOn } = read('kiosk');
    expect(Object.keys(weekdayOn!)).toEqual(Object.keys(weekday!));
    for (const [day, text] of Object.entries(weekdayOn!)) {
      expect(text.charAt(0), day).toBe(text.charAt(0).toLocaleLowerCase(lng));
      // English alone capitalises day names inside a sentence too.
      if (lng !== 'en') expect(text, day).not.toContain(weekday![day]);
    }
  });
});

describe.each(LANGUAGES)('what is said aloud in %s uses the words on show', (lng) => {
  const texts = visitorTexts(lng);
  const text = (key: string) => texts.get(key) ?? '';
  const lower = (value: string) => value.toLocaleLowerCase(lng);

  it('the hall announces a call with the display’s own words for ticket and desk', () => {
    expect(lower(text('hall:say'))).toContain(lower(text('hall:number')));
    expect(lower(text('hall:say'))).toContain(lower(text('hall:desk')));
  });

  it('audio guidance on the service page names the button by its label', () => {
    expect(text('kiosk:speech.service')).toContain(text('kiosk:service.takeTicket'));
  });
});

describe.each(LANGUAGES)('the desk console in %s', (lng) => {
  // Staff read the visitor's ticket back to them: the same words for the ticket and its mark.
  // (Only these two concepts: the console's own words for visitors, such as uz «tashrif buyuruvchi», are fine.)
  const file = JSON.parse(readFileSync(join(localesDir, lng, 'console.json'), 'utf8')) as unknown;

  it('names the ticket and the out-of-turn mark with the visitor’s words', () => {
    const found: string[] = [];
    for (const [key, text] of flatten(file))
      for (const concept of ['ticket', 'outOfTurn'])
        for (const word of glossary[lng][concept]?.avoid ?? [])
          if (says(text, [word])) found.push(`console:${key} says "${word}": ${text}`);
    expect(found).toEqual([]);
  });
});
