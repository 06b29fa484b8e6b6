// npm run bench, the central's ingest (issue 12): a month of a bus's records sent in batches of 500
// over HTTPS, as the sync worker sends them, into the central on a real PostgreSQL; against a plain
// COPY of the same rows into a same-shaped table in the same database, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PinnedAgent, postPinnedJson } from '../main/boot/pinned-https';
import { BENCH_FINGERPRINT, startBenchCentral } from './bench-central-server';
import { syncPaths, type SyncRecord } from '../main/contract/sync';
import { SqliteStore } from '../main/store/sqlite-store';
import { serveVisits } from '../test/support/store-visits';
import { fmt } from './bench-tap';

const VISITS = 9_000;
const BATCH = 500;
/** Buses back online at once, each sending its own month: the central serves many devices. */
const DEVICES = 4;
const MIN_RECORDS_PER_SECOND = 5_000;
const MIN_SHARE_OF_COPY = 0.3;

/** One text-format COPY line: tabs and backslashes escaped as COPY reads them. */
const copyField = (value: string) => value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

export async function benchCentralIngest(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-central-'));
  const central = await startBenchCentral();
  const pool = new pg.Pool({ connectionString: central.databaseUrl });
  try {
    const device = new SqliteStore(join(dir, 'bus.sqlite'));
    serveVisits(device, VISITS);
    const records: SyncRecord[] = device.readOutbox(0, VISITS * 10);
    device.close();

    const deviceIds = Array.from({ length: DEVICES }, (_, i) => `bus-bench-${i + 1}`);
    const tokens = new Map<string, string>();
    for (const deviceId of deviceIds) tokens.set(deviceId, await central.enrol(deviceId));
    const fingerprint = BENCH_FINGERPRINT;

    /** One bus's month, the sync worker's way: one kept connection, gzip, a batch at a time. */
    const drain = async (deviceId: string) => {
      const agent = new PinnedAgent(fingerprint);
      try {
        for (let i = 0; i < records.length; i += BATCH) {
          const answer = await postPinnedJson({
            url: central.url,
            path: syncPaths.batch,
            fingerprint,
            token: tokens.get(deviceId)!,
            agent,
            gzip: true,
            timeoutMs: 30_000,
            body: {
              deviceId,
              sentAt: new Date().toISOString(),
              backlog: Math.max(records.length - i - BATCH, 0),
              records: records.slice(i, i + BATCH),
            },
          });
          if (answer.status !== 200) throw new Error(`${deviceId} batch ${i / BATCH + 1}: HTTP ${answer.status}`);
        }
      } finally {
        agent.destroy();
      }
    };
    const started = performance.now();
    await Promise.all(deviceIds.map(drain));
    const ingestMs = performance.now() - started;
    const total = records.length * DEVICES;
    const stored = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM sync_records');
    if (stored.rows[0]!.count !== total) throw new Error(`stored ${stored.rows[0]!.count} of ${total}`);

    // Baseline: the same rows by COPY into a table of the same shape and keys.
    await pool.query('CREATE TABLE copy_baseline (LIKE sync_records INCLUDING ALL)');
    const client = await pool.connect();
    const receivedAt = new Date().toISOString();
    const copyStarted = performance.now();
    try {
      const lines = deviceIds.flatMap((deviceId) =>
        records.map(
          (record) =>
            `${deviceId}\t${record.seq}\t${record.at}\t${receivedAt}\t${record.fact.kind}\t${copyField(JSON.stringify(record.fact))}\n`,
        ),
      );
      await pipeline(
        Readable.from(lines),
        client.query(copyFrom('COPY copy_baseline (device_id, seq, device_at, received_at, kind, fact) FROM STDIN')),
      );
    } finally {
      client.release();
    }
    const copyMs = performance.now() - copyStarted;

    const perSecond = total / (ingestMs / 1000);
    const copyPerSecond = total / (copyMs / 1000);
    const share = perSecond / copyPerSecond;
    const met = perSecond >= MIN_RECORDS_PER_SECOND && share >= MIN_SHARE_OF_COPY;
    console.log(
      `\nCentral ingest: ${DEVICES} buses back online at once, each sending its month (${VISITS} visits, ${records.length} records) in batches of ${BATCH} over HTTPS (gzip, one kept connection each) into PostgreSQL`,
    );
    console.log(`  ingest: ${fmt(ingestMs / 1000, 2)} s, ${fmt(perSecond, 0)} records/s`);
    console.log(
      `  baseline, plain COPY of the same rows: ${fmt(copyMs / 1000, 2)} s, ${fmt(copyPerSecond, 0)} records/s`,
    );
    console.log(
      `  ${fmt(share * 100, 0)} % of COPY (targets ≥ ${MIN_RECORDS_PER_SECOND} records/s and ≥ ${MIN_SHARE_OF_COPY * 100} % of COPY: ${met ? 'met' : 'NOT MET'})`,
    );
    return met;
  } finally {
    await pool.end();
    await central.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
