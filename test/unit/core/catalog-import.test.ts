import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogKeepingLastGood } from '../../../main/boot/catalog-keeper';
import { catalogToCsv, parseCatalogCsv, parseOpeningHours } from '../../../main/core/catalog-csv';
import { parseCsv } from '../../../main/shared/csv';
import { catalogJsonSchemaText } from '../../../main/core/json-schemas';
import { loadCatalogFile } from '../../../main/boot/read-files';
import { InvalidFileError } from '../../../main/core/validation-report';
import { SAMPLE_CATALOG, tempDir } from '../../support/kiosk-fixture';

const SCHEMA_FILE = join(import.meta.dirname, '../../../catalog/catalog.schema.json');

function refusal(run: () => unknown): InvalidFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

/** The sample as CSV lines, the header first, for tests to spoil one cell at a time. */
function sampleCsvRows(): string[][] {
  return parseCsv(catalogToCsv(loadCatalogFile(SAMPLE_CATALOG)));
}
const toCsv = (rows: string[][], delimiter = ',') =>
  rows
    .map((row) => row.map((cell) => (/[",;\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter))
    .join('\n');
const setCell = (rows: string[][], row: number, column: string, value: string) => {
  rows[row - 1]![rows[0]!.indexOf(column)] = value;
};

describe('catalog JSON Schema', () => {
  it('is the one generated from the zod schema (run `npx tsx scripts/json-schemas.ts` after changing it)', () => {
    // Compared as data, so formatting the file (prettier) does not make it stale.
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(JSON.parse(catalogJsonSchemaText()));
  });

  it('is what the sample catalog names for editors', () => {
    expect(JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8')).$schema).toBe('./catalog.schema.json');
  });
});

describe('catalog from a spreadsheet (CSV)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('reads back the sample catalog written as CSV, in comma and semicolon exports, with a BOM', () => {
    const sample = loadCatalogFile(SAMPLE_CATALOG);
    // A spreadsheet has no place for the editor's schema link or the note; the rest comes back whole.
    const expected = { ...sample, $schema: undefined, note: undefined };
    expect(parseCatalogCsv('sample.csv', catalogToCsv(sample))).toEqual(expected);
    expect(parseCatalogCsv('sample.csv', `\uFEFF${toCsv(sampleCsvRows(), ';')}\r\n\r\n`)).toEqual(expected);
  });

  it('is chosen by the .csv file name when the kiosk loads its catalog', () => {
    const file = join(dir.path, 'services.csv');
    writeFileSync(file, catalogToCsv(loadCatalogFile(SAMPLE_CATALOG)));
    expect(loadCatalogFile(file).services.map((s) => s.id)).toContain('identity-card');
  });

  it('lists every problem by row and column', () => {
    const rows = sampleCsvRows();
    setCell(rows, 2, 'name_kk', ' ');
    setCell(rows, 3, 'fee_amount', 'five');
    setCell(rows, 4, 'opening_hours', 'monday 9-18');
    setCell(rows, 5, 'priority_allowed', 'maybe');
    setCell(rows, 6, 'documents_ru', 'Паспорт');
    setCell(rows, 7, 'provider_colour', '#000000');
    setCell(rows, 8, 'group', 'AB');
    const error = refusal(() => parseCatalogCsv('bad.csv', toCsv(rows)));
    expect(error.problems.map((p) => `${p.entry} | ${p.field} | ${p.message}`)).toEqual([
      'row 3 (service "identity-card") | fee_amount | "five" is not a number',
      'row 4 (service "passport-child") | opening_hours | "monday 9-18" is not like "mon-fri 09:00-18:00"',
      'row 5 (service "lost-document") | priority_allowed | "maybe" is not yes or no',
      'row 6 (service "residence-registration") | documents_ru | lists 1 documents, documents_az lists 3',
      'row 7 (service "no-criminal-record") | provider_colour | differs from row 2 ("#1f4e8c") for provider "internal-affairs"',
      'row 2 (service "passport") | name_kk | the kk text is empty',
      'row 8 (service "address-certificate") | group | must be one capital Latin letter',
    ]);
    expect(error.message).toContain('bad.csv: row 2 (service "passport") → name_kk: the kk text is empty');
  });

  it('names missing and unknown columns in the header', () => {
    const rows = sampleCsvRows();
    rows[0]![rows[0]!.indexOf('name_uz')] = 'name_oz';
    const problems = refusal(() => parseCatalogCsv('header.csv', toCsv(rows))).problems;
    expect(problems.map((p) => `${p.entry} | ${p.field} | ${p.message}`)).toEqual([
      'row 1 (header) | name_uz | column is missing',
      'row 1 (header) | name_oz | unknown column',
    ]);
  });

  it('names a provider or category field by its column', () => {
    const rows = sampleCsvRows();
    for (let row = 2; row <= rows.length; row++) {
      if (rows[row - 1]![rows[0]!.indexOf('provider_id')] === 'justice') setCell(rows, row, 'provider_kind', 'church');
    }
    const problems = refusal(() => parseCatalogCsv('kind.csv', toCsv(rows))).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      entry: expect.stringMatching(/^row \d+ \(provider "justice"\)$/),
      field: 'provider_kind',
    });
  });

  it('reads opening hours as people write them', () => {
    expect(parseOpeningHours('mon-fri 09:00-18:00; sat,sun 10:00-14:00')).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
      { days: ['sat', 'sun'], from: '10:00', to: '14:00' },
    ]);
    expect(parseOpeningHours('fri-mon 09:00-18:00')).toBe('"fri-mon" runs backwards');
  });

  it('keeps a last good copy, as JSON, of a CSV catalog and falls back to it', () => {
    const file = join(dir.path, 'services.csv');
    const lastGood = join(dir.path, 'catalog.last-good.json');
    const rows = sampleCsvRows();
    writeFileSync(file, toCsv(rows));
    expect(loadCatalogKeepingLastGood(file, lastGood).refused).toBeUndefined();
    setCell(rows, 2, 'service_id', 'Passport!');
    writeFileSync(file, toCsv(rows));
    const loaded = loadCatalogKeepingLastGood(file, lastGood);
    expect(loaded.refused?.problems[0]).toMatchObject({ field: 'service_id' });
    expect(loaded.catalog.services[0]?.id).toBe('passport');
  });
});
