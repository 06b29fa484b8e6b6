import { CATALOG_VERSION, Catalog } from '../contract';
import { parseCatalogCsv } from './catalog-csv';
import { describeIssues, InvalidFileError } from './validation-report';

/**
 * Validates a catalog file's text: JSON (catalog.schema.json) or, for a name ending in .csv, a
 * spreadsheet export. Throws InvalidFileError naming the file, the entry or row, and the field;
 * main/boot/read-files.ts reads the file.
 */
export function parseCatalogText(file: string, text: string): Catalog {
  return file.toLowerCase().endsWith('.csv') ? parseCatalogCsv(file, text) : parseCatalogJson(file, text);
}

export function parseCatalogJson(file: string, text: string): Catalog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidFileError(file, [
      { file, entry: '', field: '', message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const version = data !== null && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
  // An old file would fail on every entry; one clear sentence serves the technician better.
  if (typeof version === 'number' && version !== CATALOG_VERSION) {
    throw new InvalidFileError(file, [
      {
        file,
        entry: '',
        field: 'version',
        message:
          `is ${version}, but this kiosk reads catalog version ${CATALOG_VERSION} only ` +
          '(categories, service standards, opening hours and limits are new): rewrite the file after catalog/sample-catalog.json',
      },
    ]);
  }
  const result = Catalog.safeParse(data);
  if (!result.success) throw new InvalidFileError(file, describeIssues(file, data, result.error.issues));
  return result.data;
}
