import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { Catalog } from '../contract';
import { catalogToCsv } from '../core/catalog-csv';
import { KioskConfig } from '../core/config';
import { withTechnicianPinHash } from '../core/auth/pin-settings';
import type { DeviceSettingsWriter, SettingsCheck } from '../core/ports';
import { InvalidFileError, describeIssues, formatProblem } from '../core/validation-report';
import { loadJsonFile } from './read-files';
import { writeFileDurably, type DurableFs } from './durable-write';
import { loadKeepingLastGood } from './last-good-keeper';

export type KioskConfigInput = z.input<typeof KioskConfig>;

const JsonObject = z.record(z.string(), z.unknown(), { error: 'must hold one JSON object of settings' });

export interface LoadedConfig {
  config: KioskConfig;
  /** The file's own settings, as written (no overrides, no defaults): what a last good copy keeps. */
  settings: Record<string, unknown>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A section of the file with the command line's settings on top; a section that is no object is left for zod to name. */
function mergeSection(fromFile: unknown, override: object | undefined): unknown {
  if (fromFile !== undefined && !isPlainObject(fromFile)) return fromFile;
  return { ...fromFile, ...override };
}

/** The file's settings with the command line's on top: the one merge used at start and for each change. */
function withOverrides(settings: Record<string, unknown>, overrides: KioskConfigInput): Record<string, unknown> {
  return {
    ...settings,
    ...overrides,
    printer: mergeSection(settings.printer, overrides.printer),
    api: mergeSection(settings.api, overrides.api),
  };
}

function readKioskConfig(file: string | undefined, overrides: KioskConfigInput): LoadedConfig {
  const settings: Record<string, unknown> = file ? loadJsonFile(file, JsonObject) : {};
  const merged = withOverrides(settings, overrides);
  const result = KioskConfig.safeParse(merged);
  const source = file ?? 'the command-line settings';
  if (!result.success) throw new InvalidFileError(source, describeIssues(source, merged, result.error.issues));
  return { config: result.data, settings };
}

/**
 * The device's configuration: the file's settings (if a file is given) with the command line's
 * overrides on top, then the embedded defaults for everything left unset. A bad file is refused
 * with every problem named by field.
 */
export function loadKioskConfig(file: string | undefined, overrides: KioskConfigInput = {}): KioskConfig {
  return readKioskConfig(file, overrides).config;
}

export interface KeptConfig {
  config: KioskConfig;
  /** Set when the file was refused and the last good configuration is in use instead. */
  refused?: InvalidFileError;
}

/**
 * As loadKioskConfig, keeping the file's last good settings in the data folder: a bad edit (or a
 * bad import) leaves the kiosk running as it was, and the refusal says why.
 */
export function loadKioskConfigKeepingLastGood(
  file: string,
  lastGoodFile: string,
  overrides: KioskConfigInput = {},
): KeptConfig {
  const { value, refused } = loadKeepingLastGood(
    file,
    lastGoodFile,
    (path) => readKioskConfig(path, overrides),
    (loaded) => loaded.settings,
  );
  return { config: value.config, ...(refused && { refused }) };
}

/**
 * The one way settings reach the configuration file: whole and durably (durable-write.ts), then
 * into the last good copy when one is kept (the copy the kiosk falls back to if the file is later
 * refused at start), only once the new file is sure to survive a power cut.
 */
export function writeSettingsFile(
  file: string,
  settings: Record<string, unknown>,
  lastGoodFile?: string,
  fs?: DurableFs,
): void {
  const text = `${JSON.stringify(settings, null, 2)}\n`;
  writeFileDurably(file, text, fs);
  if (lastGoodFile) writeFileDurably(lastGoodFile, text, fs);
}

/**
 * Writes a new technician PIN hash into the configuration file, keeping every other setting as
 * written; the file is made if the kiosk ran on defaults.
 */
export function savePinHashToConfigFile(file: string, pinHash: string, lastGoodFile?: string, fs?: DurableFs): void {
  const settings: Record<string, unknown> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeSettingsFile(file, withTechnicianPinHash(settings, pinHash), lastGoodFile, fs);
}

export interface ConfigFileOptions {
  /** The last good copy, written with every accepted change. */
  lastGoodFile?: string;
  /** The command line's settings, on top of the file's as at start. */
  overrides?: KioskConfigInput;
  /** The data folder: where an imported catalog goes when the configured one is inside the app. */
  dataDir?: string;
  lastGoodCatalog?: string;
  /** node:fs unless a test records or breaks the writes. */
  fs?: DurableFs;
}

/**
 * Technician mode's access to the configuration file: the PIN hash, export, and import from
 * another device. An import keeps this device's kioskId (identity is per device, all else is the
 * fleet's) and is checked whole before the file is replaced; it takes effect at the next start.
 */
export function configFileSettings(file: string, options: ConfigFileOptions = {}): DeviceSettingsWriter {
  const read = (): Record<string, unknown> => (existsSync(file) ? loadJsonFile(file, JsonObject) : {});
  const check = (settings: Record<string, unknown>): SettingsCheck => {
    const merged = withOverrides(settings, options.overrides ?? {});
    const result = KioskConfig.safeParse(merged);
    if (result.success) return { ok: true, config: result.data };
    // Shown on the technician screen next to the form: the field and the problem, no file name.
    const problems = describeIssues('the changed settings', merged, result.error.issues).map((p) =>
      formatProblem({ ...p, file: '' }).replace(/^\s*:\s*/, ''),
    );
    return { ok: false, problems };
  };
  return {
    checkSettings: check,
    replaceSettings(settings) {
      const result = check(settings);
      if (result.ok) writeSettingsFile(file, settings, options.lastGoodFile, options.fs);
      return result;
    },
    // The app's own folder is replaced by every update (and read-only when packaged): a catalog
    // of this device's own goes to its data folder instead.
    catalogFileFor: (catalogPath) =>
      isAbsolute(catalogPath) ? catalogPath : join(options.dataDir ?? dirname(file), 'catalog.json'),
    saveCatalog(catalog: Catalog, target: string) {
      const json = `${JSON.stringify(catalog, null, 2)}\n`;
      writeFileDurably(target, target.toLowerCase().endsWith('.csv') ? catalogToCsv(catalog) : json, options.fs);
      if (options.lastGoodCatalog) writeFileDurably(options.lastGoodCatalog, json, options.fs);
    },
    savePinHash: (hash) => savePinHashToConfigFile(file, hash, options.lastGoodFile, options.fs),
    readSettings: read,
    importSettings(settings) {
      const next: Record<string, unknown> = { ...settings };
      delete next.kioskId;
      let current: Record<string, unknown> = {};
      try {
        current = read();
      } catch (error) {
        // A file refused at start (the kiosk runs on its last good copy) is replaced whole.
        if (!(error instanceof InvalidFileError)) throw error;
      }
      if (current.kioskId !== undefined) next.kioskId = current.kioskId;
      const source = 'the imported configuration';
      const result = KioskConfig.safeParse(next);
      if (!result.success) {
        return {
          ok: false,
          problems: describeIssues(source, next, result.error.issues).map((p) => formatProblem(p).trim()),
        };
      }
      writeSettingsFile(file, next, options.lastGoodFile, options.fs);
      return { ok: true };
    },
  };
}
