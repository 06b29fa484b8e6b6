import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseFingerprint } from '../../main/boot/pinned-https';
import { SyncWorker, type SyncLog, type SyncWorkerOptions, type WaitTimers } from '../../main/boot/sync-worker';
import { systemClock, type Outbox } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';
import { recordingReads, serveVisits } from '../support/store-visits';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';
import { TEST_FINGERPRINT, TestCentral } from '../support/test-central';

/*
 * The sync worker against a test central (in-memory, real HTTPS; the real central server, on
 * PostgreSQL, is tested with it in central-sync-*.test.ts) and the kiosk's own SQLite store in a
 * temp file, whose outbox its visits fill. Faults come from a real TCP proxy between them
 * (test/support/tcp-fault-proxy.ts).
 */

const DEVICE = 'bus-7';
const PIN = normaliseFingerprint(TEST_FINGERPRINT)!;

interface LogLine {
  level: 'info' | 'warn' | 'error';
  event: string;
  detail: Record<string, unknown>;
  message: string;
}

function recordingLog(): { log: SyncLog; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const line = (level: LogLine['level']) => (event: string, detail: Record<string, unknown>, message: string) =>
    lines.push({ level, event, detail, message });
  return { lines, log: { info: line('info'), warn: line('warn'), error: line('error') } };
}

async function until(check: () => boolean, timeoutMs = 10_000, what = check.toString()): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the sync worker, against a test central (in-memory, real HTTPS; the real central server is tested in its own files) and the kiosk’s SQLite store', () => {
  let dir: ReturnType<typeof tempDir>;
  let central: TestCentral;
  let store: SqliteStore;
  let outbox: ReturnType<typeof recordingReads>['outbox'];
  let reads: ReturnType<typeof recordingReads>['reads'];
  let token: string;
  let directUrl: string;
  let proxy: TcpFaultProxy | null;
  const workers: SyncWorker[] = [];

  beforeEach(async () => {
    dir = tempDir('kiosk-sync-');
    central = new TestCentral();
    directUrl = await central.start();
    token = central.addDevice(DEVICE);
    store = new SqliteStore(join(dir.path, 'kiosk.sqlite'));
    ({ outbox, reads } = recordingReads(store));
    proxy = null;
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await proxy?.close();
    await central.close();
    store.close();
    dir.remove();
  });

  /** A proxy in front of the central: the worker's way there in tests of a broken network. */
  const throughProxy = async () => {
    proxy = new TcpFaultProxy({ host: '127.0.0.1', port: central.port });
    return `https://127.0.0.1:${await proxy.listen()}`;
  };

  const startWorker = (options: Partial<SyncWorkerOptions> & { url?: string } = {}) => {
    const { lines, log } = recordingLog();
    const worker = new SyncWorker({
      outbox,
      target: { url: options.url ?? directUrl, deviceId: DEVICE, token, fingerprint: PIN },
      clock: systemClock,
      log,
      backoff: { baseMs: 20, capMs: 200 },
      pollMs: 60_000,
      requestTimeoutMs: 5_000,
      ...options,
    });
    workers.push(worker);
    worker.start();
    return { worker, lines };
  };

  /** The central holds exactly the outbox's records, each once, and the outbox knows it. */
  const expectExactlyTheOutbox = (lastSeq: number) => {
    const held = central.device(DEVICE).records;
    expect(held.size).toBe(lastSeq);
    expect(central.held(DEVICE)).toBe(lastSeq);
    expect([...held.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    const local = outbox.readOutbox(0, lastSeq + 1);
    expect(local).toHaveLength(lastSeq);
    for (const record of local) expect(held.get(record.seq)).toEqual(record);
    expect(outbox.outboxState().acknowledgedSeq).toBe(lastSeq);
  };

  it('drains a month offline (9,000 visits: 36,000 records) in bounded batches of 500, each record once', async () => {
    const lastSeq = serveVisits(store, 9_000);
    expect(lastSeq).toBe(36_000);
    // The kiosk's event loop while the worker drains: the longest gap between 1 ms ticks.
    let longestGap = 0;
    let previous = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - previous);
      previous = now;
    }, 1);
    const started = performance.now();
    const { worker } = startWorker();
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq, 60_000);
    const elapsed = performance.now() - started;
    clearInterval(ticker);

    // Each of the worker's reads is one bounded query (the checks below read the outbox whole).
    expect(Math.max(...reads.map((read) => read.limit))).toBe(500);
    expect(reads.filter((read) => read.returned > 0)).toHaveLength(72);
    expectExactlyTheOutbox(lastSeq);
    expect(central.recordsReceived).toBe(36_000);
    expect(central.batches.map((batch) => [batch.first, batch.last, batch.status])).toEqual(
      Array.from({ length: 72 }, (_, i) => [i * 500 + 1, (i + 1) * 500, 200]),
    );
    expect(central.batches.map((batch) => batch.backlog)).toEqual(
      Array.from({ length: 72 }, (_, i) => 36_000 - (i + 1) * 500),
    );
    expect(worker.status()).toMatchObject({ acknowledgedSeq: 36_000, failuresInRow: 0, lastError: null });
    expect(worker.status().lastSuccessAt).not.toBeNull();
    // Figures for the report; the bound is loose (the in-test central shares this event loop and
    // validates each batch with zod there too), but a worker that serialised everything at once would fail it.
    console.log(
      `drained 36000 records in ${Math.round(elapsed)} ms; longest event-loop gap ${Math.round(longestGap)} ms`,
    );
    expect(longestGap).toBeLessThan(250);
  }, 120_000);

  it('resumes after the connection is cut mid-request, three times: every record stored once, acknowledged to the last', async () => {
    const url = await throughProxy();
    // 500 KB/s: an uncompressed batch's body spans many TLS records and takes a few hundred ms, so
    // the central sees its headers arrive and a cut then is mid-body. (Gzipped, a batch is one record.)
    proxy!.throttle(500_000);
    let cuts = 0;
    central.onBatchRequest = () => {
      if (cuts < 3) {
        cuts += 1;
        proxy!.cut();
      }
    };
    const lastSeq = serveVisits(store, 500);
    const { worker } = startWorker({ url, gzip: false });
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq, 20_000);
    expect(cuts).toBe(3);
    expect(central.requestsCutShort).toBe(3);
    expect(proxy!.counters.connectionsCut).toBe(3);
    expectExactlyTheOutbox(lastSeq);
    expect(worker.status().failuresInRow).toBe(0);
    expect(worker.status().lastError?.kind).toBe('network');
  });

  it('sends batches gzip-compressed, one after another on one kept connection: the bytes on the wire are a fraction of the records as JSON', async () => {
    const url = await throughProxy();
    const lastSeq = serveVisits(store, 500);
    startWorker({ url });
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq, 20_000);
    expectExactlyTheOutbox(lastSeq);
    expect(central.gzippedRequests).toBe(central.requests);
    const json = Buffer.byteLength(JSON.stringify(store.readOutbox(0, lastSeq)));
    const onWire = proxy!.counters.bytesUpstream;
    console.log(`${lastSeq} records: ${json} bytes as JSON, ${onWire} bytes on the wire (TLS and HTTP included)`);
    expect(onWire).toBeLessThan(json / 4);
    // Four batches, one TCP and TLS handshake: on a link with latency, each handshake costs round trips.
    expect(central.batches).toHaveLength(4);
    expect(proxy!.counters.connectionsAccepted).toBe(1);
  });

  it('stops and tells the technician when the central holds other records under this device’s numbers (a replaced database): nothing is acknowledged, nothing lost', async () => {
    serveVisits(store, 10);
    const first = startWorker();
    await until(() => outbox.outboxState().acknowledgedSeq === 40);
    await first.worker.stop();
    // The kiosk's database is replaced by a fresh one: its sequence starts at 1 again.
    store.close();
    store = new SqliteStore(join(dir.path, 'replaced.sqlite'));
    ({ outbox, reads } = recordingReads(store));
    serveVisits(store, 3, Date.parse('2026-11-25T05:00:00Z'));
    const { worker, lines } = startWorker();
    await until(() => worker.status().phase === 'refused');
    expect(worker.status().lastError?.kind).toBe('record-conflict');
    expect(worker.status().lastError?.message).toContain('enrol this device again');
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'sync-record-conflict' }));
    expect(outbox.outboxState().acknowledgedSeq).toBe(0);
    // The central kept the first database's records, untouched.
    expect(central.held(DEVICE)).toBe(40);
  });

  it('resumes after cutAfterBytes interrupts requests 3,000 bytes into the TLS stream', async () => {
    const url = await throughProxy();
    proxy!.cutAfterBytes(3_000);
    const lastSeq = serveVisits(store, 500);
    startWorker({ url });
    await until(() => proxy!.counters.connectionsCut >= 3);
    expect(central.held(DEVICE)).toBe(0);
    proxy!.cutAfterBytes(null);
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq, 20_000);
    // Each request was one TLS record cut short, which the central never saw as a request.
    expect(central.batches.filter((batch) => batch.status === 200).length).toBeGreaterThan(0);
    expectExactlyTheOutbox(lastSeq);
  });

  it('sends a batch again when its answer is lost after the central stored it; the central keeps each record once', async () => {
    const url = await throughProxy();
    let lost = 0;
    central.onBatchStored = () => {
      if (lost < 2) {
        lost += 1;
        proxy!.cut();
      }
    };
    const lastSeq = serveVisits(store, 400);
    startWorker({ url });
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq, 20_000);
    expect(lost).toBe(2);
    // 1,600 records, the first batch's 500 delivered three times: 2,600 deliveries, each record stored once.
    expect(central.recordsReceived).toBe(2_600);
    expectExactlyTheOutbox(lastSeq);
  });

  it('retries after a request timeout when the network swallows everything (black hole)', async () => {
    const url = await throughProxy();
    proxy!.blackhole(true);
    const lastSeq = serveVisits(store, 10);
    const { worker, lines } = startWorker({ url, requestTimeoutMs: 300 });
    await until(() => worker.status().lastError?.kind === 'timeout' && worker.status().failuresInRow >= 2);
    expect(central.requests).toBe(0);
    expect(lines.filter((line) => line.event === 'sync-failed')).toHaveLength(1);
    proxy!.blackhole(false);
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq);
    expectExactlyTheOutbox(lastSeq);
    expect(lines.map((line) => line.event)).toContain('sync-resumed');
  });

  it('backs off on 5xx with full jitter, doubling to the cap, and starts again from the base after a success', async () => {
    central.failNext.push(503, 503, 503, 503, 503, 500);
    const randoms = [0.5, 0.25, 0.999, 0, 0.75, 0.5, 0.5, 0.5];
    const waits: number[] = [];
    const pollMs = 60_000;
    // Waits shorter than the poll fire at once (the schedule is recorded, not slept); the idle
    // poll is held until a wake() ends it.
    const timers: WaitTimers = {
      setTimeout: (callback, ms) => {
        waits.push(ms);
        return ms === pollMs ? null : setImmediate(callback);
      },
      clearTimeout: (handle) => {
        if (handle) clearImmediate(handle as NodeJS.Immediate);
      },
    };
    serveVisits(store, 1);
    const { worker, lines } = startWorker({
      backoff: { baseMs: 100, capMs: 1_000 },
      random: () => randoms.shift() ?? 0.5,
      timers,
      pollMs,
    });
    await until(() => outbox.outboxState().acknowledgedSeq === 4 && worker.status().phase === 'idle');
    // Ceilings 100, 200, 400, 800, 1000 (capped), 1000; each wait a uniform share of its ceiling.
    expect(waits).toEqual([50, 50, 399, 0, 750, 500, pollMs]);

    central.failNext.push(503, 503);
    serveVisits(store, 1);
    worker.wake();
    await until(() => outbox.outboxState().acknowledgedSeq === 8 && worker.status().phase === 'idle');
    // After the success the schedule starts again from the base: 100·0.5, then 200·0.5.
    expect(waits.slice(7)).toEqual([50, 100, pollMs]);
    expect(central.batches).toHaveLength(2);
    // One line when the failures start, one when they end: not one per retry.
    expect(lines.map((line) => `${line.level} ${line.event}`)).toEqual([
      'warn sync-failed',
      'info sync-resumed',
      'warn sync-failed',
      'info sync-resumed',
    ]);
  });

  it('sends again from the central’s sequence after a sync-gap (the central lost data), with a warning; nothing is deleted on the device', async () => {
    serveVisits(store, 334);
    const { worker, lines } = startWorker();
    await until(() => outbox.outboxState().acknowledgedSeq === 1_336);
    central.loseRecordsAfter(DEVICE, 400);
    const lastSeq = serveVisits(store, 3);
    worker.wake();
    await until(() => central.held(DEVICE) === lastSeq);
    const statuses = central.batches.map((batch) => [batch.first, batch.status]);
    expect(statuses).toContainEqual([1_337, 409]);
    expect(statuses).toContainEqual([401, 200]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'sync-central-behind',
        detail: { centralSeq: 400, acknowledgedSeq: 1_336 },
      }),
    );
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq);
    expectExactlyTheOutbox(lastSeq);
  });

  it.each([
    ['an unknown credential (401)', 401, 'unknown-credential'],
    ['a revoked device (403)', 403, 'device-revoked'],
  ] as const)(
    'after %s it tells the technician why and checks again rarely, never in a hot loop',
    async (_what, status, code) => {
      if (code === 'unknown-credential') token = 'f'.repeat(48);
      else central.device(DEVICE).revoked = true;
      serveVisits(store, 5);
      const { worker, lines } = startWorker({ refusedRetryMs: 600 });
      // Wakes (new records while refused) do not bring the retry forward.
      const waking = setInterval(() => worker.wake(), 10);
      await sleep(1_500);
      clearInterval(waking);
      // At 0, about 600 and about 1,200 ms: two or three, not hundreds.
      expect(central.requests).toBeGreaterThanOrEqual(2);
      expect(central.requests).toBeLessThanOrEqual(3);
      expect(central.held(DEVICE)).toBe(0);
      const now = worker.status();
      expect(now.phase).toBe('refused');
      expect(now.lastError?.kind).toBe('credential-refused');
      expect(now.lastError?.message).toContain(`HTTP ${status}, ${code}`);
      expect(now.lastError?.message).toContain('npm run enrol');
      expect(lines.filter((line) => line.event === 'sync-credential-refused')).toHaveLength(1);
      expect(lines[0]?.level).toBe('error');

      // Once the central takes the credential again, the next rare check goes through.
      central.device(DEVICE).revoked = false;
      if (code === 'unknown-credential') central.device(DEVICE).token = token;
      await until(() => outbox.outboxState().acknowledgedSeq === 20, 2_000);
    },
  );

  it('refuses a server whose certificate is not the pinned one and sends it nothing', async () => {
    serveVisits(store, 5);
    const wrong = 'ab'.repeat(32);
    const { worker, lines } = startWorker({ target: { url: directUrl, deviceId: DEVICE, token, fingerprint: wrong } });
    await until(() => worker.status().lastError !== null);
    await sleep(200);
    expect(central.requests).toBe(0);
    expect(worker.status()).toMatchObject({ phase: 'refused', lastError: { kind: 'certificate-refused' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', event: 'sync-certificate-refused' });
    expect(lines[0]!.message).toContain(PIN);
    expect(lines[0]!.message).toContain(wrong);
    expect(outbox.outboxState().acknowledgedSeq).toBe(0);
  });

  it('waits and tries again when the outbox throws (as SQLite does when its disk is gone), never throwing into the kiosk', async () => {
    const lastSeq = serveVisits(store, 10);
    let thrown = 0;
    const failing: Outbox = {
      readOutbox: (afterSeq, limit) => {
        if (thrown < 2) {
          thrown += 1;
          throw new Error('SQLITE_IOERR: disk I/O error');
        }
        return outbox.readOutbox(afterSeq, limit);
      },
      acknowledgeOutbox: (seq, at) => outbox.acknowledgeOutbox(seq, at),
      outboxState: () => outbox.outboxState(),
      recordPrinterState: (status, at) => outbox.recordPrinterState(status, at),
      recordReleaseApplied: (release, version, at) => outbox.recordReleaseApplied(release, version, at),
    };
    const { worker, lines } = startWorker({ outbox: failing });
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq);
    expect(thrown).toBe(2);
    expect(lines.map((line) => `${line.event} ${String(line.detail.kind ?? '')}`)).toEqual([
      'sync-failed outbox-unavailable',
      'sync-resumed ',
    ]);
    expect(worker.status().lastError?.message).toContain('SQLITE_IOERR');
    expectExactlyTheOutbox(lastSeq);
  });

  it('sends a new record promptly when woken, not at the next poll', async () => {
    const { worker } = startWorker({ pollMs: 60_000 });
    await until(() => worker.status().phase === 'idle');
    serveVisits(store, 1);
    await sleep(300);
    expect(central.held(DEVICE)).toBe(0);
    const woken = performance.now();
    worker.wake();
    await until(() => outbox.outboxState().acknowledgedSeq === 4, 1_000);
    expect(performance.now() - woken).toBeLessThan(1_000);
    expect(central.held(DEVICE)).toBe(4);
  });

  it('stop() during a request aborts it at once and ends cleanly; the next start sends the batch again', async () => {
    const url = await throughProxy();
    proxy!.throttle(20_000);
    const lastSeq = serveVisits(store, 100);
    // Uncompressed: the central sees the request begin long before its body ends.
    const { worker } = startWorker({ url, gzip: false });
    await until(() => central.requests === 1);
    const stopping = performance.now();
    await worker.stop();
    expect(performance.now() - stopping).toBeLessThan(500);
    expect(worker.status().phase).toBe('stopped');
    await sleep(300);
    expect(central.requests).toBe(1);
    expect(central.batches).toHaveLength(0);
    expect(outbox.outboxState().acknowledgedSeq).toBe(0);

    proxy!.throttle(null);
    startWorker({ url });
    await until(() => outbox.outboxState().acknowledgedSeq === lastSeq);
    expectExactlyTheOutbox(lastSeq);
  });
});
