import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTicketPrinter } from '../../native/printer/create-printer';
import { printerTestPage } from '../../native/printer/test-page';
import { startApiServer } from '../api/server';
import type { KioskConfig } from '../core/config';
import { createKioskCore, type KioskCore } from '../core/kiosk-core';
import { systemClock } from '../core/ports';
import type { Clock } from '../core/ports';
import type { CentralLinkReport, HallLinkReport, LogLevel } from '../contract';
import { readTls, selfSignedTls } from '../central/boot/tls';
import { SqliteHallDevices } from '../store/sqlite-hall-devices';
import { SqliteLockouts } from '../store/sqlite-lockouts';
import { SqliteStore } from '../store/sqlite-store';
import { loadCatalogKeepingLastGood } from './catalog-keeper';
import { appVersion, systemFacts } from './diagnostics';
import { configFileSettings, loadKioskConfig, loadKioskConfigKeepingLastGood } from './config-file';
import { logPrintOutcomes, logServiceEvent } from './kiosk-events-log';
import { createKioskLog, readLogTail } from './logging';
import { listSerialPorts } from './serial-ports';
import { SystemSpeaker } from './speech';
import type { ReleaseCheck } from './release-follower';
import { askingTheHall, hallLinkOf } from './hall-start';
import { centralLinkOff, startSyncIfEnrolled } from './sync-start';
import type { SyncStatus } from './sync-worker';
import { fileTechnicianAudit } from './technician-audit';
import type { KioskLog } from './logging';
import type { KioskConfigInput } from './config-file';

export interface ComposeOptions {
  /** Where the database, the last good catalog and the virtual printer's tickets live. */
  dataDir: string;
  /** Device configuration file; without one, `<dataDir>/kiosk-config.json` if it exists, else the defaults. */
  configPath?: string;
  overrides?: KioskConfigInput;
  /** Folder a relative catalog path is taken from; defaults to the app's own folder. */
  appRoot?: string;
  clock?: Clock;
  log?: (message: string) => void;
  /** Built renderer folder the local API also serves (kiosk and desk pages); none serves only the API. */
  rendererDir?: string;
  /**
   * Opens the kiosk's database. Only the bench passes one (scripts/bench-outbox-shell.ts: the same
   * store without its outbox writes, as the baseline of the outbox's cost); neither shell can.
   */
  openStore?: (file: string) => SqliteStore;
}

export interface ComposedKiosk {
  service: KioskCore;
  config: KioskConfig;
  dataDir: string;
  /** Address of the local HTTP + WebSocket API (desk pages, queue systems, the browser shell). */
  apiUrl: string;
  /** The structured log in the data folder; the shells log their own events to it too. */
  log: KioskLog;
  /** SHA-256 of the API's certificate when it serves HTTPS (devices pin it at enrolment); null over http. */
  certificateFingerprint: string | null;
  /** A kiosk of a hall: its link to the server (reachable, block, tickets to hand over); null otherwise. */
  hallLink(): HallLinkReport | null;
  /** The sync worker's state, for the technician screen; null while the device is not enrolled (sync off). */
  syncStatus(): SyncStatus | null;
  /** The central catalog version applied here; null while none was (or the device is not enrolled). */
  centralCatalogVersion(): string | null;
  /** The centre's settings version applied here; null while none was. */
  centralSettingsVersion(): string | null;
  /** Asks the central for its catalog now rather than at the next poll. */
  checkCentralCatalog(): Promise<ReleaseCheck | 'not-enrolled'>;
  /** The same for the centre's settings. */
  checkCentralSettings(): Promise<ReleaseCheck | 'not-enrolled'>;
  close(): Promise<void>;
}

/** The app's folder: two levels above this file both in the sources (main/boot) and the build (dist/main). */
export const APP_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Files inside the data folder, named in one place so a technician finds them. */
export const dataFiles = (dataDir: string) => ({
  database: join(dataDir, 'kiosk.sqlite'),
  lastGoodCatalog: join(dataDir, 'catalog.last-good.json'),
  /** The configuration used when no --config / KIOSK_CONFIG is given. */
  config: join(dataDir, 'kiosk-config.json'),
  lastGoodConfig: join(dataDir, 'kiosk-config.last-good.json'),
  virtualPrinter: join(dataDir, 'printed-tickets'),
  /** Structured logs (one JSON object a line), rotated by size: kiosk.log, kiosk.1.log, … */
  logs: join(dataDir, 'logs'),
  /** Every technician unlock and change, one JSON object a line, never rotated. */
  technicianAudit: join(dataDir, 'technician-audit.jsonl'),
});

/**
 * Builds the kiosk from its parts and opens its local API; both shells (Electron and browser)
 * start here, so desks can end visits whichever shell the kiosk runs in.
 */
export async function composeKiosk(options: ComposeOptions): Promise<ComposedKiosk> {
  const say = options.log ?? ((message: string) => console.log(message));
  const files = dataFiles(options.dataDir);
  const kioskLog = createKioskLog(files.logs);
  try {
    return await composeParts(options, files, kioskLog, say);
  } catch (error) {
    kioskLog.logger.fatal({ event: 'start-failed', err: error }, 'the kiosk could not start');
    kioskLog.close();
    throw error;
  }
}

async function composeParts(
  options: ComposeOptions,
  files: ReturnType<typeof dataFiles>,
  kioskLog: KioskLog,
  say: (message: string) => void,
): Promise<ComposedKiosk> {
  const { logger } = kioskLog;
  const configPath = options.configPath ?? (existsSync(files.config) ? files.config : undefined);
  const config = configPath
    ? keptConfig(configPath, files.lastGoodConfig, options.overrides, kioskLog, say)
    : loadKioskConfig(undefined, options.overrides);
  const catalogPath = isAbsolute(config.catalogPath)
    ? config.catalogPath
    : resolve(options.appRoot ?? APP_ROOT, config.catalogPath);
  const { catalog, refused } = loadCatalogKeepingLastGood(catalogPath, files.lastGoodCatalog);
  if (refused) {
    logger.warn({ event: 'catalog-refused', file: refused.file, problems: refused.problems }, refused.message);
    say(`${refused.message}\nThe kiosk keeps its last good catalog (${files.lastGoodCatalog}).`);
  }

  const store = options.openStore ? options.openStore(files.database) : new SqliteStore(files.database);
  let centralLink: () => CentralLinkReport = () => centralLinkOff();
  const lockouts = new SqliteLockouts(files.database);
  const openPrinter = (settings: KioskConfig['printer']) =>
    logPrintOutcomes(createTicketPrinter(settings, files.virtualPrinter), logger);
  const printer = openPrinter(config.printer);
  const logs = { tail: (limit: number, minLevel: LogLevel) => readLogTail(files.logs, limit, minLevel) };
  const { wavDir } = config.speech;
  // A relative WAV folder for speech lives in the data folder, with the kiosk's other files.
  const speaker = new SystemSpeaker({
    config: { ...config.speech, wavDir: wavDir && !isAbsolute(wavDir) ? join(options.dataDir, wavDir) : wavDir },
    log: logger,
  });
  const audit = fileTechnicianAudit(files.technicianAudit, logger);
  const hallLink = hallLinkOf(config, store, options.dataDir, logger);
  const devices = config.role === 'hall-server' ? new SqliteHallDevices(files.database) : null;
  const tls = apiTls(config.api.tls, options.dataDir);
  const core = createKioskCore({
    config,
    catalog,
    store,
    printer,
    clock: options.clock ?? systemClock,
    logs,
    audit,
    // Technician changes go to the file in use; on a kiosk running on defaults, to the data folder's file.
    settings: configFileSettings(configPath ?? files.config, {
      lastGoodFile: files.lastGoodConfig,
      overrides: options.overrides,
      dataDir: options.dataDir,
      lastGoodCatalog: files.lastGoodCatalog,
    }),
    serialPorts: () => listSerialPorts(),
    speaker,
    printers: { open: openPrinter, testPage: printerTestPage },
    system: systemFacts({
      appRoot: options.appRoot ?? APP_ROOT,
      dataDir: options.dataDir,
      databaseFile: files.database,
      // The link starts after the API; until then diagnostics say it is off.
      centralLink: () => centralLink(),
      hallLink: () => hallLink?.status() ?? null,
    }),
    lockouts,
    log: {
      warn: (event, detail, message) => logger.warn({ event, ...detail }, message),
      error: (event, detail, message) => logger.error({ event, ...detail }, message),
    },
    ...(hallLink && { hall: hallLink }),
    ...(devices && { devices }),
  });
  const service = hallLink ? askingTheHall(core, hallLink) : core;
  const stopLogging = service.subscribe((event, payload) => logServiceEvent(logger, event, payload));
  const api = await startApiServer({
    service,
    host: config.api.host,
    port: config.api.port,
    token: config.api.token,
    allowedHosts: config.api.allowedHosts,
    technicianFromLan: config.api.technicianFromLan,
    firstRunPin: config.technician.pinHash === null,
    lockouts,
    ...(devices && { devices }),
    ...(tls && { tls }),
    clock: options.clock,
    rendererDir: options.rendererDir,
    onRefusal: (refusal) => {
      if (refusal.code === 'request-refused') logger.warn({ event: 'api-refused', ...refusal }, refusal.message);
      else
        audit.record({
          at: (options.clock ?? systemClock).now(),
          action: 'api-refused',
          outcome: 'refused',
          detail: { ...refusal },
        });
    },
    onError: (error) => {
      logger.error({ event: 'internal-error', err: error }, 'internal error');
      say(`kiosk: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  }).catch(async (error: unknown) => {
    stopLogging();
    await speaker.close();
    await printer.close();
    lockouts.close();
    devices?.close();
    store.close();
    throw error;
  });
  // After the API is up, so a kiosk that cannot start never half-syncs; woken by every change, as
  // each may have written an outbox record.
  const started = startSyncIfEnrolled({
    dataDir: options.dataDir,
    outbox: store,
    clock: options.clock ?? systemClock,
    logger,
    say,
    appVersion: appVersion(options.appRoot ?? APP_ROOT),
    applyCatalog: (text, version) => service.applyCentralCatalog(text, version),
    applySettings: (patch, version) => service.applyCentralSettings(patch, version),
  });
  const sync = 'off' in started ? null : started;
  const off = 'off' in started ? started.off : null;
  centralLink = () => sync?.report() ?? off ?? centralLinkOff();
  const stopWaking = sync ? service.subscribe(() => sync.wake()) : () => {};
  hallLink?.onCatalog((text, version) => core.applyHallCatalog(text, version));
  hallLink?.start();
  if (api.lanRefused) {
    logger.warn({ event: 'api-lan-refused', host: config.api.host }, api.lanRefused);
    say(`kiosk: ${api.lanRefused}`);
  }
  return {
    service,
    config,
    dataDir: options.dataDir,
    apiUrl: api.url,
    log: kioskLog,
    hallLink: () => hallLink?.status() ?? null,
    certificateFingerprint: tls?.fingerprint ?? null,
    syncStatus: () => sync?.worker.status() ?? null,
    centralCatalogVersion: () => sync?.catalog.appliedVersion() ?? null,
    centralSettingsVersion: () => sync?.settings.appliedVersion() ?? null,
    checkCentralCatalog: () => sync?.catalog.checkNow() ?? Promise.resolve('not-enrolled' as const),
    checkCentralSettings: () => sync?.settings.checkNow() ?? Promise.resolve('not-enrolled' as const),
    close: async () => {
      stopWaking();
      // Before the store closes: a handover in flight ends; what it did not finish is sent at the next start.
      await hallLink?.stop();
      // Before the store closes: a batch in flight is aborted, and sent again at the next start.
      await sync?.stop();
      stopLogging();
      await api.close();
      await speaker.close();
      // The printer in use: technician mode may have opened another since the start.
      await service.closePrinter();
      lockouts.close();
      devices?.close();
      store.close();
      kioskLog.close();
    },
  };
}

/** The API's certificate when it serves HTTPS: the centre's own PEM files, or one made in the data folder. */
function apiTls(settings: KioskConfig['api']['tls'], dataDir: string) {
  if (!settings.enabled) return null;
  if (settings.certFile !== null && settings.keyFile !== null) return readTls(settings.certFile, settings.keyFile);
  return selfSignedTls(join(dataDir, 'api.cert.pem'), join(dataDir, 'api.key.pem'), 'kiosk-hall-server');
}

function keptConfig(
  file: string,
  lastGoodFile: string,
  overrides: KioskConfigInput | undefined,
  kioskLog: KioskLog,
  say: (message: string) => void,
): KioskConfig {
  const { config, refused } = loadKioskConfigKeepingLastGood(file, lastGoodFile, overrides);
  if (refused) {
    kioskLog.logger.warn({ event: 'config-refused', file, problems: refused.problems }, refused.message);
    say(`${refused.message}\nThe kiosk keeps its last good configuration (${lastGoodFile}).`);
  }
  return config;
}
