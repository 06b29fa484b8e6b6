import { Catalog } from '../contract';
import { loadJsonFile } from './validation-report';

/** Reads and validates a catalog file; throws InvalidFileError naming the file, entry and field. */
export function loadCatalogFile(file: string): Catalog {
  return loadJsonFile(file, Catalog);
}
