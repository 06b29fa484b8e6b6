import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../main/contract';
import {
  buildSearchIndex,
  foldWords,
  searchServices,
  type SearchableService,
} from '../../../renderer/src/search/service-search';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { SAMPLE_CATALOG } from '../../support/kiosk-fixture';
import { buildReferenceIndex, referenceSearch } from './search-reference';
import { seededRandom as seeded } from '../../support/seeded-random';

const random = seeded(7);
const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(random() * items.length)]!;
const LETTERS = 'abdegiklmnoprstuvxz';

function madeUpWord(): string {
  let word = '';
  for (let i = 0, n = 2 + Math.floor(random() * 4); i < n; i++) word += pick('bdgklmnprstvz') + pick('aeiou');
  return word;
}

/** The sample's services, each with made-up words added, as a large catalog's vocabulary grows. */
function generatedCatalog(count: number): SearchableService[] {
  const base = loadCatalogFile(SAMPLE_CATALOG).services;
  return Array.from({ length: count }, (_, i) => {
    const service = base[i % base.length]!;
    const extend = (text: Record<Language, string>) =>
      Object.fromEntries(LANGUAGES.map((lng) => [lng, `${text[lng]} ${madeUpWord()}`])) as Record<Language, string>;
    return {
      ...service,
      id: `${service.id}-${i}`,
      name: extend(service.name),
      description: extend(service.description),
    };
  });
}

/** A word as a visitor types it: whole, cut short, or with one slip of each kind a typo can be. */
function typedWord(word: string): string {
  const at = Math.floor(random() * (word.length + 1));
  switch (Math.floor(random() * 6)) {
    case 0:
      return word;
    case 1:
      return word.slice(0, 1 + Math.floor(random() * word.length));
    case 2:
      return word.slice(0, at) + pick(LETTERS) + word.slice(at + 1);
    case 3:
      return word.slice(0, at) + pick(LETTERS) + word.slice(at);
    case 4:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return word.slice(0, at) + word.slice(at + 1, at + 2) + word.slice(at, at + 1) + word.slice(at + 2);
  }
}

describe('indexed search agrees with the brute-force scan it replaced', () => {
  const services = generatedCatalog(1500);
  const index = buildSearchIndex(services);
  const reference = buildReferenceIndex(services);
  const vocabulary = [
    ...new Set(services.flatMap((service) => LANGUAGES.flatMap((lng) => foldWords(service.name[lng])))),
  ];

  // 1,500 brute-force scans take seconds, many on a busy machine: a correctness test, not a timed one.
  it('gives the same hits, scores, fields and order for 1,500 random queries with typos', () => {
    const queries: { query: string; language: Language }[] = [];
    for (let i = 0; i < 1500; i++) {
      const wordCount = 1 + Math.floor(random() * 3);
      const service = pick(services);
      const lng = pick(LANGUAGES);
      // Words of one service mostly (so several words can all match), as folded words or as the catalog
      // spells them (Cyrillic, diacritics); now and then any word of the catalog.
      const own = random() < 0.5 ? foldWords(service.name[lng]) : service.name[lng].split(' ');
      const words = Array.from({ length: wordCount }, () => typedWord(random() < 0.85 ? pick(own) : pick(vocabulary)));
      queries.push({ query: words.join(' '), language: pick(LANGUAGES) });
    }
    let nonEmpty = 0;
    for (const { query, language } of queries) {
      const expected = referenceSearch(reference, query, language);
      if (expected.length > 0) nonEmpty++;
      expect(searchServices(index, query, language), `${language}: "${query}"`).toEqual(expected);
    }
    // The comparison means something only if most queries find services.
    expect(nonEmpty).toBeGreaterThan(queries.length / 2);
  }, 60_000);

  it('keeps the order of a stable sort when thousands tie, for any limit', () => {
    for (const limit of [1, 5, 30, 200, 5000]) {
      expect(searchServices(index, 'p', 'en', limit)).toEqual(referenceSearch(reference, 'p', 'en', limit));
    }
    expect(searchServices(index, 'pas', 'ru', 30)).toHaveLength(30);
  });

  it('sorts its words so the words a query word begins are one run', () => {
    const sorted = [...index.tokens].sort();
    expect(index.tokens).toEqual(sorted);
    expect(new Set(index.tokens).size).toBe(index.tokens.length);
  });

  it('files every word under its second letter, and keeps lengths, first letters and letter sets true', () => {
    const filed = [...index.bySecondChar].flatMap(([code, ids]) =>
      [...ids].map((id) => {
        expect(index.tokens[id]!.charCodeAt(1), index.tokens[id]).toBe(code);
        return id;
      }),
    );
    expect(filed.sort((a, b) => a - b)).toEqual(index.tokens.flatMap((token, id) => (token.length >= 2 ? [id] : [])));
    const letters = (text: string) => new Set(text);
    const sample = index.tokens.filter((_, id) => id % 97 === 0);
    for (const token of sample) {
      const id = index.tokens.indexOf(token);
      expect(index.lengths[id]).toBe(token.length);
      expect(index.firstChars[id]).toBe(token.charCodeAt(0));
      // Row r: the letters of the first r + 6 characters; the last row: all of them.
      const rows = index.letterMasks.map((row) => row[id]!);
      rows.forEach((mask, row) => {
        const prefix = row === rows.length - 1 ? token : token.slice(0, row + 6);
        for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
          expect(Boolean(mask & (1 << (letter.charCodeAt(0) - 97))), `${token} row ${row} ${letter}`).toBe(
            letters(prefix).has(letter),
          );
        }
      });
    }
  });
});
