import type { Catalog } from '../contract';
import { loadCatalogFile } from './read-files';
import type { InvalidFileError } from '../core/validation-report';
import { loadKeepingLastGood } from './last-good-keeper';

export interface LoadedCatalog {
  catalog: Catalog;
  /** Set when the configured file was refused and the last good copy is in use instead. */
  refused?: InvalidFileError;
}

/**
 * Loads the configured catalog keeping the last good one, so a bad file later never leaves
 * visitors without a menu. The copy is JSON whatever the source (JSON or CSV).
 */
export function loadCatalogKeepingLastGood(file: string, lastGoodFile: string): LoadedCatalog {
  const { value, refused } = loadKeepingLastGood(file, lastGoodFile, loadCatalogFile, (catalog) => catalog);
  return { catalog: value, ...(refused && { refused }) };
}
