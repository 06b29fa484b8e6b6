import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../main/contract';
import { hashPin } from '../../main/core/auth/pin';
import { APP_ROOT } from './kiosk-process';

export const DESK_ID = '1';
export const DESK_PIN = '24681357';
export const TECHNICIAN_PIN = '13572468';
/** Services the harness issues for: three ticket groups of the sample catalog. */
export const SERVICES = ['passport', 'birth-certificate', 'driving-licence'] as const;
export const LANGUAGES = ['az', 'ru', 'en', 'kk', 'ky', 'uz'] as const;

export interface ChaosKioskFolder {
  dataDir: string;
  configFile: string;
  catalogFile: string;
  database: string;
  remove(): void;
}

/**
 * A data folder for one part of the run: the sample catalog open round the clock and without daily
 * limits (only a kill may stop issuing), numbers wide enough for a long run in one day, one desk and
 * the technician with PINs, and the printer the part asks for (none: the virtual printer).
 */
export function chaosKioskFolder(
  part: string,
  printer: Record<string, unknown> = {},
  /** Further settings of the configuration file (e.g. the device's role). */
  settings: Record<string, unknown> = {},
): ChaosKioskFolder {
  // os.tmpdir() is on the machine's disk here, so fsync costs what it costs on a kiosk.
  const dataDir = mkdtempSync(join(tmpdir(), `kiosk-chaos-${part}-`));
  mkdirSync(dataDir, { recursive: true });
  const sample = JSON.parse(readFileSync(join(APP_ROOT, 'catalog/sample-catalog.json'), 'utf8')) as Catalog;
  const catalog: Catalog = {
    ...sample,
    services: sample.services.map((service) => ({
      ...service,
      dailyLimit: null,
      openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }],
    })),
  };
  const catalogFile = join(dataDir, 'catalog.json');
  writeFileSync(catalogFile, `${JSON.stringify(catalog, null, 2)}\n`);
  const configFile = join(dataDir, 'kiosk-config.json');
  const config = {
    centreName: 'Chaos centre',
    timeZone: 'Asia/Baku',
    role: 'bus',
    catalogPath: catalogFile,
    desks: [{ id: DESK_ID, serviceIds: ['*'], pinHash: hashPin(DESK_PIN) }],
    technician: { pinHash: hashPin(TECHNICIAN_PIN) },
    numbering: { default: { start: 1, end: 999999, width: 6 } },
    speech: { enabled: false },
    printer,
    ...settings,
  };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  return {
    dataDir,
    configFile,
    catalogFile,
    database: join(dataDir, 'kiosk.sqlite'),
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
