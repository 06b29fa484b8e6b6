import type { Logger } from 'pino';
import { CENTRAL_LINK_OFF, type CentralLinkReport } from '../contract';
import type { Clock, Outbox } from '../core/ports';
import { CATALOG_RELEASE, ReleaseFollower, SETTINGS_RELEASE } from './release-follower';
import { readCentralCredential } from './central-credential';
import { SyncWorker, type SyncLog } from './sync-worker';

/** The enrolled device's two links with the central server: facts up, the catalog down. */
export interface CentralLink {
  worker: SyncWorker;
  catalog: ReleaseFollower<unknown>;
  settings: ReleaseFollower<Record<string, unknown>>;
  /** A change was stored: its facts go up now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
  /** What technician diagnostics show of the link. */
  report(): CentralLinkReport;
}

/** The link as diagnostics show it while sync is off: not enrolled, or central.json refused. */
export function centralLinkOff(problem: string | null = null): CentralLinkReport {
  return { ...CENTRAL_LINK_OFF, state: problem ? 'refused' : 'off', problem };
}

/**
 * Starts the sync worker and the catalog and settings followers when the device is enrolled (central.json in the
 * data folder); otherwise (`off`) the kiosk runs as before with sync off. A bad central.json is named with
 * its field in the log and on the console, like a refused configuration.
 */
export function startSyncIfEnrolled(options: {
  dataDir: string;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  say: (message: string) => void;
  appVersion: string;
  /** Applies a catalog the central released (core's applyCentralCatalog). */
  applyCatalog: (text: string, version: string) => Promise<unknown>;
  /** Applies the settings the central holds for the centre (core's applyCentralSettings). */
  applySettings: (patch: Record<string, unknown>, version: string) => Promise<unknown>;
}): CentralLink | { off: CentralLinkReport } {
  const { logger } = options;
  const read = readCentralCredential(options.dataDir);
  if (read.state === 'missing') return { off: centralLinkOff() };
  if (read.state === 'refused') {
    const problems = read.error.problems.map((problem) => `${problem.field}: ${problem.message}`);
    logger.warn({ event: 'central-credential-refused', file: read.file, problems }, read.error.message);
    options.say(`${read.error.message}\nSync with the central server stays off until the device is enrolled again.`);
    return { off: centralLinkOff(read.error.message) };
  }
  const log: SyncLog = {
    info: (event, detail, message) => logger.info({ event, ...detail }, message),
    warn: (event, detail, message) => logger.warn({ event, ...detail }, message),
    error: (event, detail, message) => logger.error({ event, ...detail }, message),
  };
  const follow = { target: read.credential, dataDir: options.dataDir, clock: options.clock, log };
  // Each release applied is a fact upstream too: it carries the versions to the fleet screen in a
  // batch of its own, even on a device with nothing else to send.
  const applied = (release: 'catalog' | 'settings', version: string) => {
    options.outbox.recordReleaseApplied(release, version, options.clock.now());
    worker.wake();
  };
  const catalog = new ReleaseFollower({
    ...follow,
    kind: CATALOG_RELEASE,
    apply: async (payload, version) => {
      await options.applyCatalog(JSON.stringify(payload), version);
      applied('catalog', version);
    },
  });
  const settings = new ReleaseFollower({
    ...follow,
    kind: SETTINGS_RELEASE,
    apply: async (patch, version) => {
      await options.applySettings(patch, version);
      applied('settings', version);
    },
  });
  const worker = new SyncWorker({
    outbox: options.outbox,
    target: read.credential,
    clock: options.clock,
    log,
    describe: () => ({
      appVersion: options.appVersion,
      catalogVersion: catalog.appliedVersion(),
      settingsVersion: settings.appliedVersion(),
    }),
  });
  worker.start();
  catalog.start();
  settings.start();
  logger.info(
    { event: 'sync-started', central: read.credential.url, deviceId: read.credential.deviceId },
    `syncing with ${read.credential.url} as ${read.credential.deviceId}`,
  );
  return {
    worker,
    catalog,
    settings,
    wake: () => worker.wake(),
    stop: async () => {
      await Promise.all([worker.stop(), catalog.stop(), settings.stop()]);
    },
    report: () => {
      const status = worker.status();
      const { url, deviceId, centreId } = read.credential;
      return {
        state: status.phase === 'refused' ? 'rejected' : status.phase,
        url,
        deviceId,
        centreId,
        waiting: Math.max(status.lastSeq - status.acknowledgedSeq, 0),
        lastSuccessAt: status.lastSuccessAt,
        nextAttemptAt: status.nextAttemptAt,
        lastError: status.lastError,
        catalogVersion: catalog.appliedVersion(),
        problem: null,
      };
    },
  };
}
