import { describe, expect, it } from 'vitest';
import type { Language } from '../../../main/contract';
import { buildSearchIndex, foldText, searchServices, withinOneEdit } from '../../../renderer/src/search/service-search';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { SAMPLE_CATALOG } from '../../support/kiosk-fixture';

const catalog = loadCatalogFile(SAMPLE_CATALOG);
const index = buildSearchIndex(catalog.services);
const ids = (query: string, language: Language = 'en') =>
  searchServices(index, query, language).map((hit) => hit.serviceId);
const top = (query: string, language: Language = 'en') => ids(query, language)[0];

describe('folding', () => {
  it('brings Cyrillic and Latin spellings of a word together', () => {
    expect(foldText('Паспорт')).toBe(foldText('pasport'));
    expect(foldText('şəxsiyyət vəsiqəsi')).toBe(foldText('sexsiyyet vesiqesi'));
    expect(foldText('Жеке куәлік')).toBe(foldText('zheke kuelik'));
    expect(foldText('Oʻzbekcha')).toBe(foldText("O'zbekcha"));
    expect(foldText('ƏDV')).toBe(foldText('edv'));
  });

  it('accepts one insertion, deletion, substitution or swap, and no more', () => {
    expect(withinOneEdit('pasport', 'paspot')).toBe(true);
    expect(withinOneEdit('pasport', 'pasporrt')).toBe(true);
    expect(withinOneEdit('pasport', 'pasbort')).toBe(true);
    expect(withinOneEdit('pasport', 'paspotr')).toBe(true);
    expect(withinOneEdit('pasport', 'pazbort')).toBe(false);
  });
});

describe('service search', () => {
  it('finds «Паспорт» from Latin "pasport", and the Azerbaijani identity card from "sexsiyyet"', () => {
    expect(ids('pasport', 'ru')).toContain('passport');
    expect(top('pasport', 'ru')).toBe('passport');
    expect(top('sexsiyyet', 'az')).toBe('identity-card');
  });

  it('finds Latin names from a Cyrillic query', () => {
    expect(ids('шахсий гувохнома', 'uz')).toContain('identity-card');
  });

  it('folds diacritics: "vesiqe" finds "vəsiqə"', () => {
    expect(ids('vesiqe', 'az')).toContain('identity-card');
  });

  it('tolerates one typo in a word of five letters or more, not in shorter words', () => {
    expect(top('pasprot', 'en')).toBe('passport');
    expect(ids('pasprt', 'en')).toContain('passport');
    expect(ids('gaz', 'az')).toContain('gas-contract');
    // "gsa" is one swap from "gas" but too short to be taken for it.
    expect(ids('gsa', 'en')).not.toContain('gas-contract');
  });

  it('counts keywords and synonyms: "ВНЖ" finds the residence permit, "propiska" the registration', () => {
    expect(top('ВНЖ', 'ru')).toBe('temporary-residence');
    expect(ids('propiska', 'az')).toContain('residence-registration');
  });

  it('ranks name matches above keyword matches and those above description matches', () => {
    // "mortgage" names one service, is a keyword of the bank loan and is in a description only of the extract.
    const hits = searchServices(index, 'mortgage', 'en');
    const rank = (id: string) => hits.findIndex((hit) => hit.serviceId === id);
    const field = (id: string) => hits.find((hit) => hit.serviceId === id)?.field;
    expect([field('mortgage-registration'), field('bank-loan'), field('property-extract')]).toEqual([
      'name',
      'keyword',
      'description',
    ]);
    expect(rank('mortgage-registration')).toBe(0);
    expect(rank('bank-loan')).toBeLessThan(rank('property-extract'));
  });

  it('needs every word of the query, the last one possibly unfinished', () => {
    expect(ids('birth cert', 'en')).toEqual(['birth-certificate']);
    expect(ids('passport xyzzy', 'en')).toEqual([]);
    expect(ids('   ', 'en')).toEqual([]);
  });
});
