import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Catalog } from '../contract';
import { loadCatalogFile } from '../core/catalog-source';
import { InvalidFileError } from '../core/validation-report';

export interface LoadedCatalog {
  catalog: Catalog;
  /** Set when the configured file was refused and the last good copy is in use instead. */
  refused?: InvalidFileError;
}

/**
 * Loads the configured catalog and keeps a copy of each good one in the data folder, so a bad
 * file later never leaves visitors without a menu: the kiosk carries on with the last good copy.
 */
export function loadCatalogKeepingLastGood(file: string, lastGoodFile: string): LoadedCatalog {
  try {
    const catalog = loadCatalogFile(file);
    mkdirSync(dirname(lastGoodFile), { recursive: true });
    // Written as JSON whatever the source (JSON or CSV), then renamed, so a power cut never leaves
    // a half-written last good copy.
    writeFileSync(`${lastGoodFile}.tmp`, `${JSON.stringify(catalog, null, 2)}\n`);
    renameSync(`${lastGoodFile}.tmp`, lastGoodFile);
    return { catalog };
  } catch (error) {
    if (!(error instanceof InvalidFileError) || !existsSync(lastGoodFile)) throw error;
    return { catalog: loadCatalogFile(lastGoodFile), refused: error };
  }
}
