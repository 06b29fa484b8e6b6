import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTicketPrinter } from '../../native/printer/create-printer';
import { startApiServer } from '../api/server';
import type { KioskConfig } from '../core/config';
import { KioskService } from '../core/kiosk-service';
import { systemClock } from '../core/ports';
import type { Clock } from '../core/ports';
import { SqliteStore } from '../store/sqlite-store';
import { loadCatalogKeepingLastGood } from './catalog-keeper';
import { loadKioskConfig } from './config-file';
import type { KioskConfigInput } from './config-file';

export interface ComposeOptions {
  /** Where the database, the last good catalog and the virtual printer's tickets live. */
  dataDir: string;
  configPath?: string;
  overrides?: KioskConfigInput;
  /** Folder a relative catalog path is taken from; defaults to the app's own folder. */
  appRoot?: string;
  clock?: Clock;
  log?: (message: string) => void;
  /** Built renderer folder the local API also serves (kiosk and desk pages); none serves only the API. */
  rendererDir?: string;
}

export interface ComposedKiosk {
  service: KioskService;
  config: KioskConfig;
  dataDir: string;
  /** Address of the local HTTP + WebSocket API (desk pages, queue systems, the browser shell). */
  apiUrl: string;
  close(): Promise<void>;
}

/** The app's folder: two levels above this file both in the sources (main/boot) and the build (dist/main). */
export const APP_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Files inside the data folder, named in one place so a technician finds them. */
export const dataFiles = (dataDir: string) => ({
  database: join(dataDir, 'kiosk.sqlite'),
  lastGoodCatalog: join(dataDir, 'catalog.last-good.json'),
  virtualPrinter: join(dataDir, 'printed-tickets'),
});

/**
 * Builds the kiosk from its parts and opens its local API; both shells (Electron and browser)
 * start here, so desks can end visits whichever shell the kiosk runs in.
 */
export async function composeKiosk(options: ComposeOptions): Promise<ComposedKiosk> {
  const log = options.log ?? ((message: string) => console.log(message));
  const config = loadKioskConfig(options.configPath, options.overrides);
  const files = dataFiles(options.dataDir);
  const catalogPath = isAbsolute(config.catalogPath)
    ? config.catalogPath
    : resolve(options.appRoot ?? APP_ROOT, config.catalogPath);
  const { catalog, refused } = loadCatalogKeepingLastGood(catalogPath, files.lastGoodCatalog);
  if (refused) log(`${refused.message}\nThe kiosk keeps its last good catalog (${files.lastGoodCatalog}).`);

  const store = new SqliteStore(files.database);
  const printer = createTicketPrinter(config.printer, files.virtualPrinter);
  const service = new KioskService({ config, catalog, store, printer, clock: options.clock ?? systemClock });
  const api = await startApiServer({
    service,
    host: config.api.host,
    port: config.api.port,
    rendererDir: options.rendererDir,
    onError: (error) =>
      log(`kiosk: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  }).catch(async (error: unknown) => {
    await printer.close();
    store.close();
    throw error;
  });
  return {
    service,
    config,
    dataDir: options.dataDir,
    apiUrl: api.url,
    close: async () => {
      await api.close();
      await printer.close();
      store.close();
    },
  };
}
