// npm run bench, the network's figures (issue 12): a bus back online after a month drains its
// outbox through a slow mobile link, and its visitors' taps are not slowed while it does. Each
// figure has its baseline measured in the same run.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCentralCredential } from '../main/boot/central-credential';
import { dataFiles } from '../main/boot/compose';
import { normaliseFingerprint } from '../main/boot/pinned-https';
import { SyncWorker } from '../main/boot/sync-worker';
import { systemClock } from '../main/core/ports';
import { SqliteStore } from '../main/store/sqlite-store';
import { startBrowserShell } from '../test/support/browser-shell-process';
import { launchChromium } from '../test/support/chromium';
import { RECORDS_PER_VISIT, serveVisits } from '../test/support/store-visits';
import { TcpFaultProxy } from '../test/support/tcp-fault-proxy';
import { TEST_FINGERPRINT } from '../test/support/test-central';
import { startBenchCentral, type BenchCentral } from './bench-central-server';
import { fmt, openTapRig, percentile, sorted, tapToFirstByte, type TapRig } from './bench-tap';

/** A month offline on a bus: about 300 visitors a day. */
const MONTH_OF_VISITS = 9_000;
/** The link of issue 12's figure: 1 Mbit/s with 200 ms of latency each way. */
const LINK = { bytesPerSecond: 125_000, latencyMs: 200 };
/** Tap to first byte while the outbox drains, against the same kiosk with sync off (issue 12: unchanged). */
const MAX_TAP_RATIO_WHILE_SYNCING = 1.2;
/** Pairs of taps that must fit in the drain for the figure to count. */
const MIN_PAIRS = 15;
/** Three months offline for the taps: their drain through the link outlasts the taps. */
const TAP_BACKLOG_VISITS = 27_000;

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database holding `visits` visits, none of them sent: built once, copied for each run. */
function offlineDatabase(dir: string, visits: number): string {
  const file = join(dir, `offline-${visits}.sqlite`);
  const store = new SqliteStore(file);
  serveVisits(store, visits);
  store.close();
  return file;
}

async function drain(
  database: string,
  central: BenchCentral,
  url: string,
  deviceId: string,
): Promise<{ ms: number; records: number }> {
  const store = new SqliteStore(database);
  const token = await central.enrol(deviceId);
  const worker = new SyncWorker({
    outbox: store,
    target: { url, deviceId, token, fingerprint: normaliseFingerprint(TEST_FINGERPRINT)! },
    clock: systemClock,
    log: silentLog,
  });
  const { lastSeq } = store.outboxState();
  const started = performance.now();
  worker.start();
  while (store.outboxState().acknowledgedSeq < lastSeq) await sleep(20);
  const ms = performance.now() - started;
  await worker.stop();
  store.close();
  const held = await central.held(deviceId);
  if (held !== lastSeq) throw new Error(`the central holds ${held} of ${lastSeq}`);
  return { ms, records: lastSeq };
}

/** The month's backlog drained straight to the central, and through the slow link. */
async function benchDrain(dir: string, database: string, central: BenchCentral): Promise<void> {
  copyFileSync(database, join(dir, 'direct.sqlite'));
  copyFileSync(database, join(dir, 'link.sqlite'));
  const direct = await drain(join(dir, 'direct.sqlite'), central, `https://127.0.0.1:${central.port}`, 'bus-direct');
  const proxy = new TcpFaultProxy({ host: '127.0.0.1', port: central.port });
  const port = await proxy.listen();
  proxy.throttle(LINK.bytesPerSecond);
  proxy.delayMs(LINK.latencyMs);
  try {
    const link = await drain(join(dir, 'link.sqlite'), central, `https://127.0.0.1:${port}`, 'bus-link');
    const sent = proxy.counters.bytesUpstream;
    console.log(
      `\nA month offline (${MONTH_OF_VISITS} visits, ${link.records} records) drained in one go into the central on PostgreSQL, batches of 500`,
    );
    console.log(
      `  through 1 Mbit/s with ${LINK.latencyMs} ms latency: ${fmt(link.ms / 1000)} s, ${fmt(sent / 1024, 0)} KB sent ` +
        `(${fmt((sent * 8) / (link.ms / 1000) / 1e6, 2)} Mbit/s used)`,
    );
    console.log(`  baseline, straight to the central on this machine: ${fmt(direct.ms / 1000, 2)} s`);
    console.log(`  ratio ${fmt(link.ms / direct.ms)}× (the link's cost)`);
  } finally {
    await proxy.close();
  }
}

/**
 * Two kiosks with the same month of visits in their databases, one enrolled and draining it through
 * the slow link (in its own process, as on the bus), one with sync off, tapped in turn.
 */
async function benchTapWhileSyncing(database: string, central: BenchCentral, tickets: number): Promise<boolean> {
  const proxy = new TcpFaultProxy({ host: '127.0.0.1', port: central.port });
  const port = await proxy.listen();
  proxy.throttle(LINK.bytesPerSecond);
  proxy.delayMs(LINK.latencyMs);
  const browser = await launchChromium();
  const token = await central.enrol('bus-tapped');
  const rigs: TapRig[] = [];
  try {
    const syncing = await openTapRig(browser, startBrowserShell, (dataDir) => {
      copyFileSync(database, dataFiles(dataDir).database);
      writeCentralCredential(dataDir, {
        url: `https://127.0.0.1:${port}`,
        deviceId: 'bus-tapped',
        centreId: 'baku-1',
        role: 'bus',
        token,
        fingerprint: normaliseFingerprint(TEST_FINGERPRINT)!,
      });
    });
    rigs.push(syncing);
    const syncOff = await openTapRig(browser, startBrowserShell, (dataDir) =>
      copyFileSync(database, dataFiles(dataDir).database),
    );
    rigs.push(syncOff);
    // Pairs of taps while the month's records are still on their way; the figure counts only those.
    const backlogRecords = TAP_BACKLOG_VISITS * RECORDS_PER_VISIT;
    const samples: [number[], number[]] = [[], []];
    for (let i = 0; i < tickets && (await central.held('bus-tapped')) < backlogRecords; i++) {
      for (const which of i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
        samples[which].push(await tapToFirstByte(rigs[which]!));
      }
    }
    const pairs = samples[0].length;
    const [on, off] = [sorted(samples[0]), sorted(samples[1])];
    const ratio = percentile(on, 50) / percentile(off, 50);
    const enough = pairs >= MIN_PAIRS;
    const met = ratio <= MAX_TAP_RATIO_WHILE_SYNCING && enough;
    console.log(
      `\nTap → first printer byte while the kiosk drains three months' outbox through 1 Mbit/s, against the same kiosk with sync off (${pairs} tickets each, in turn, all while the drain ran)`,
    );
    console.log(`  while syncing:      p50 ${fmt(percentile(on, 50))} ms   p95 ${fmt(percentile(on, 95))} ms`);
    console.log(`  baseline, sync off: p50 ${fmt(percentile(off, 50))} ms   p95 ${fmt(percentile(off, 95))} ms`);
    if (!enough)
      console.log(`  only ${pairs} pairs of taps fitted in the drain (at least ${MIN_PAIRS} needed): NOT MET`);
    console.log(
      `  ratio p50 ${fmt(ratio, 2)}×, p95 ${fmt(percentile(on, 95) / percentile(off, 95), 2)}× (target ≤ ${MAX_TAP_RATIO_WHILE_SYNCING}× at p50: ${met ? 'met' : 'NOT MET'})`,
    );
    return met;
  } finally {
    for (const rig of rigs) await rig.close();
    await browser.close();
    await proxy.close();
  }
}

/** The network's figures; true when every target is met. */
export async function benchSync(tickets: number): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));
  const central = await startBenchCentral();
  try {
    await benchDrain(dir, offlineDatabase(dir, MONTH_OF_VISITS), central);
    return await benchTapWhileSyncing(offlineDatabase(dir, TAP_BACKLOG_VISITS), central, tickets);
  } finally {
    await central.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
