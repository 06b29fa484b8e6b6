import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../main/contract';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { checkCatalogImport } from '../../../main/core/technician/catalog-import';
import { SAMPLE_CATALOG } from '../../support/kiosk-fixture';

// The shipped sample is hand-edited data (no generator writes it): these checks are what keeps it
// loadable after a translator's edit.
describe('the shipped sample catalog (catalog/sample-catalog.json)', () => {
  const text = readFileSync(SAMPLE_CATALOG, 'utf8');

  it('passes the technician import check with no problems: 66 services of 19 providers', () => {
    const { catalog, preview } = checkCatalogImport(text, 'json');
    expect(preview.problems).toEqual([]);
    expect(catalog).not.toBeNull();
    expect(preview.totals).toEqual({ providers: 19, categories: 26, services: 66 });
  });

  it('loads at start the same as it imports', () => {
    expect(loadCatalogFile(SAMPLE_CATALOG)).toEqual(checkCatalogImport(text, 'json').catalog);
  });

  it('has every text and every keyword list in all six languages', () => {
    const catalog = loadCatalogFile(SAMPLE_CATALOG);
    const texts = [
      ...catalog.providers.map((provider) => ({ where: provider.id, text: provider.name })),
      ...catalog.categories.map((category) => ({ where: category.id, text: category.name })),
      ...catalog.services.flatMap((service) => [
        { where: `${service.id} name`, text: service.name },
        { where: `${service.id} description`, text: service.description },
        ...service.standard.documents.map((text, index) => ({ where: `${service.id} document ${index}`, text })),
      ]),
    ];
    expect(texts.length).toBeGreaterThan(66 * 3);
    for (const { where, text } of texts) {
      expect(Object.keys(text).sort(), where).toEqual([...LANGUAGES].sort());
      for (const lng of LANGUAGES) expect(text[lng].trim(), `${where} ${lng}`).not.toBe('');
    }
    for (const service of catalog.services)
      for (const lng of LANGUAGES)
        expect(service.keywords[lng].length, `${service.id} keywords ${lng}`).toBeGreaterThan(0);
  });
});
