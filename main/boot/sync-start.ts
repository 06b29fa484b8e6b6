import type { Logger } from 'pino';
import type { Clock, Outbox } from '../core/ports';
import { readCentralCredential } from './central-credential';
import { SyncWorker } from './sync-worker';

/**
 * Starts the sync worker when the device is enrolled (central.json in the data folder) and its
 * store keeps an outbox; otherwise the kiosk runs as before with sync off. A bad central.json is
 * named with its field in the log and on the console, like a refused configuration.
 */
export function startSyncIfEnrolled(options: {
  dataDir: string;
  store: object;
  clock: Clock;
  logger: Logger;
  say: (message: string) => void;
}): SyncWorker | null {
  const { logger } = options;
  const read = readCentralCredential(options.dataDir);
  if (read.state === 'missing') return null;
  if (read.state === 'refused') {
    const problems = read.error.problems.map((problem) => `${problem.field}: ${problem.message}`);
    logger.warn({ event: 'central-credential-refused', file: read.file, problems }, read.error.message);
    options.say(`${read.error.message}\nSync with the central server stays off until the device is enrolled again.`);
    return null;
  }
  // TODO(lead, issue 12): SqliteStore implements Outbox on the outbox branch; once merged, pass the
  // store as an Outbox directly and delete this guard (and the store: object parameter's looseness).
  if (!isOutbox(options.store)) {
    logger.warn(
      { event: 'sync-off', file: read.file },
      'the device is enrolled but this build keeps no outbox: sync is off',
    );
    return null;
  }
  const worker = new SyncWorker({
    outbox: options.store,
    target: read.credential,
    clock: options.clock,
    log: {
      info: (event, detail, message) => logger.info({ event, ...detail }, message),
      warn: (event, detail, message) => logger.warn({ event, ...detail }, message),
      error: (event, detail, message) => logger.error({ event, ...detail }, message),
    },
  });
  worker.start();
  logger.info(
    { event: 'sync-started', central: read.credential.url, deviceId: read.credential.deviceId },
    `syncing with ${read.credential.url} as ${read.credential.deviceId}`,
  );
  return worker;
}

const OUTBOX_METHODS = ['readOutbox', 'acknowledgeOutbox', 'outboxState', 'recordPrinterState'] as const;

/** Whether a store keeps an outbox (core's Outbox port): all four of its methods are there. */
export function isOutbox(store: object): store is Outbox {
  return OUTBOX_METHODS.every((name) => typeof (store as Partial<Record<string, unknown>>)[name] === 'function');
}
