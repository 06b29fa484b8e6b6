import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Catalog } from '../contract';
import { parseCatalogText } from '../core/catalog-source';
import { InvalidFileError, parseJsonFile } from '../core/validation-report';

/*
 * The disk side of core's parsers: core checks text, this reads it. A file that cannot be read is
 * refused like a bad one, with the file named, so callers keep one error path.
 */

/** A file's text, or an InvalidFileError saying why it cannot be read. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidFileError(file, [
      { file, entry: '', field: '', message: `cannot be read: ${(error as Error).message}` },
    ]);
  }
}

/** Reads a JSON file and validates it; a missing, unreadable or invalid file is an InvalidFileError. */
export function loadJsonFile<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  return parseJsonFile(file, readTextFile(file), schema);
}

/**
 * Reads and validates a catalog file: JSON (catalog.schema.json) or, for a name ending in .csv, a
 * spreadsheet export. Throws InvalidFileError naming the file, the entry or row, and the field.
 */
export function loadCatalogFile(file: string): Catalog {
  return parseCatalogText(file, readTextFile(file));
}
