import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogKeepingLastGood } from '../../../main/boot/catalog-keeper';
import { loadCatalogFile } from '../../../main/core/catalog-source';
import { InvalidFileError } from '../../../main/core/validation-report';
import { SAMPLE_CATALOG, tempDir } from '../../support/kiosk-fixture';

type MutableCatalog = {
  providers: Array<Record<string, unknown>>;
  services: Array<Record<string, unknown> & { name: Record<string, string> }>;
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

  it('accepts the sample catalog: 3 providers, 8 services, all six languages', () => {
    const catalog = loadCatalogFile(SAMPLE_CATALOG);
    expect(catalog.providers).toHaveLength(3);
    expect(catalog.services).toHaveLength(8);
    for (const service of catalog.services)
      expect(Object.keys(service.name).sort()).toEqual(['az', 'en', 'kk', 'ky', 'ru', 'uz']);
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
        'services[2] (id "driving-licence") | group',
        'services[3] (id "birth-certificate") | providerId',
        'services[5] (id "notary") | id',
      ]),
    );
    expect(error.problems).toHaveLength(4);
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
