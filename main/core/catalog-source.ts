import { readFileSync } from 'node:fs';
import { Catalog } from '../contract';
import { InvalidFileError, parseJsonFile } from './validation-report';

/** Reads and validates a catalog file; throws InvalidFileError naming the file, entry and field. */
export function loadCatalogFile(file: string): Catalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidFileError(file, [
      { file, entry: '', field: '', message: `cannot be read: ${(error as Error).message}` },
    ]);
  }
  return parseJsonFile(file, text, Catalog);
}
