import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogKeepingLastGood } from '../../../main/boot/catalog-keeper';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { InvalidFileError } from '../../../main/core/validation-report';
import { SAMPLE_CATALOG, tempDir } from '../../support/kiosk-fixture';

type MutableCatalog = {
  providers: Array<Record<string, unknown>>;
  services: Array<Record<string, unknown> & { name: Record<string, string>; standard: Record<string, unknown> }>;
};

describe('catalog validation', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  const sample = (): MutableCatalog => JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8'));
  const write = (name: string, content: unknown): string => {
    const file = join(dir.path, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const refusal = (file: string): InvalidFileError => {
    try {
      loadCatalogFile(file);
    } catch (error) {
      if (error instanceof InvalidFileError) return error;
      throw error;
    }
    throw new Error(`${file} was accepted`);
  };

  it('accepts the sample catalog: ≥ 60 services from ≥ 11 state providers and private companies, six languages', () => {
    const catalog = loadCatalogFile(SAMPLE_CATALOG);
    expect(catalog.version).toBe(2);
    expect(catalog.note).toMatch(/SAMPLE DATA/);
    expect(catalog.services.length).toBeGreaterThanOrEqual(60);
    expect(catalog.providers.filter((p) => p.kind !== 'private').length).toBeGreaterThanOrEqual(11);
    expect(catalog.providers.filter((p) => p.kind === 'private').length).toBeGreaterThanOrEqual(3);
    for (const service of catalog.services) {
      for (const text of [service.name, service.description, ...service.standard.documents])
        expect(Object.keys(text).sort()).toEqual(['az', 'en', 'kk', 'ky', 'ru', 'uz']);
    }
    const groupOf = (id: string) => catalog.services.find((service) => service.id === id)?.group;
    expect([groupOf('passport'), groupOf('identity-card')]).toEqual(['A', 'A']);
  });

  it('has texts in the right script for each language: Latin az and uz (with ʻ), Cyrillic kk and ky', () => {
    const catalog = loadCatalogFile(SAMPLE_CATALOG);
    const texts = [
      ...catalog.services.flatMap((s) => [s.name, s.description, ...s.standard.documents]),
      ...catalog.categories.map((c) => c.name),
    ];
    for (const text of texts) {
      expect(text.az, text.en).not.toMatch(/[А-яЁё]/);
      expect(text.uz, text.en).not.toMatch(/[А-яЁё]|[oOgG]['‘’`]/);
      expect(text.kk, text.en).toMatch(/[А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
      expect(text.ky, text.en).toMatch(/[А-яЁёҢңӨөҮү]/);
    }
  });

  it('refuses a version 1 file with one sentence saying which version it reads', () => {
    const error = refusal(write('old.json', { version: 1, providers: [], services: [] }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ field: 'version' });
    expect(error.problems[0]?.message).toMatch(/is 1, but this kiosk reads catalog version 2/);
  });

  it('names a category that is missing or belongs to another provider', () => {
    const catalog = sample();
    catalog.services[0]!.categoryId = 'no-such-category';
    catalog.services[1]!.categoryId = 'just-civil';
    const found = refusal(write('categories.json', catalog)).problems.map(
      (p) => `${p.entry} | ${p.field} | ${p.message}`,
    );
    expect(found).toEqual([
      'services[0] (id "passport") | categoryId | no category has id "no-such-category"',
      'services[1] (id "identity-card") | categoryId | category "just-civil" belongs to provider "justice"',
    ]);
  });

  it('names bad opening hours, fee and daily limit by field', () => {
    const catalog = sample();
    catalog.services[0]!.openingHours = [{ days: ['mon'], from: '18:00', to: '09:00' }];
    (catalog.services[1]!.standard as { fee: { amount: number } }).fee.amount = -5;
    catalog.services[2]!.dailyLimit = 0;
    const fields = refusal(write('hours.json', catalog)).problems.map((p) => `${p.entry} | ${p.field}`);
    expect(fields).toEqual([
      'services[0] (id "passport") | openingHours.0.to',
      'services[1] (id "identity-card") | standard.fee.amount',
      'services[2] (id "passport-child") | dailyLimit',
    ]);
  });

  it('names the file, the entry and the field of an empty translation', () => {
    const catalog = sample();
    catalog.services[1]!.name.kk = '  ';
    const file = write('empty-kk.json', catalog);
    const error = refusal(file);
    expect(error.problems).toEqual([
      { file, entry: 'services[1] (id "identity-card")', field: 'name.kk', message: 'the kk text is empty' },
    ]);
    expect(error.message).toContain(`${file}: services[1] (id "identity-card") → name.kk: the kk text is empty`);
  });

  it('lists every problem: a missing language, a bad group, an unknown provider, a duplicate id', () => {
    const catalog = sample();
    delete (catalog.services[0]!.name as Record<string, string | undefined>).uz;
    catalog.services[2]!.group = 'aa';
    catalog.services[3]!.providerId = 'ministry-of-magic';
    catalog.services[4]!.id = catalog.services[5]!.id;
    const error = refusal(write('many.json', catalog));
    const found = error.problems.map((problem) => `${problem.entry} | ${problem.field}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'services[0] (id "passport") | name.uz',
        'services[2] (id "passport-child") | group',
        'services[3] (id "lost-document") | providerId',
        // Its category belongs to the provider it had: that is a second problem, named too.
        'services[3] (id "lost-document") | categoryId',
        'services[5] (id "no-criminal-record") | id',
      ]),
    );
    expect(error.problems).toHaveLength(5);
  });

  it('refuses text that is not JSON and a file that cannot be read', () => {
    expect(refusal(write('broken.json', '{"version": 1,')).problems[0]?.message).toMatch(/^not valid JSON/);
    expect(refusal(join(dir.path, 'missing.json')).problems[0]?.message).toMatch(/^cannot be read/);
  });

  it('keeps the last good catalog when the configured one turns bad', () => {
    const file = join(dir.path, 'catalog.json');
    const lastGood = join(dir.path, 'data', 'catalog.last-good.json');
    writeFileSync(file, readFileSync(SAMPLE_CATALOG));
    expect(loadCatalogKeepingLastGood(file, lastGood).refused).toBeUndefined();

    const bad = sample();
    bad.services[0]!.name.en = '';
    writeFileSync(file, JSON.stringify(bad));
    const loaded = loadCatalogKeepingLastGood(file, lastGood);
    expect(loaded.refused?.problems[0]).toMatchObject({ field: 'name.en' });
    expect(loaded.catalog.services[0]?.name.en).toBe('Issue of a passport');
  });

  it('refuses a bad catalog outright when there is no last good one', () => {
    const bad = sample();
    bad.providers = [];
    const file = write('no-providers.json', bad);
    expect(() => loadCatalogKeepingLastGood(file, join(dir.path, 'none.json'))).toThrow(InvalidFileError);
  });
});
