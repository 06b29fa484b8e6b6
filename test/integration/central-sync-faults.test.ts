import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCentralCredential } from '../../main/boot/central-credential';
import { dataFiles } from '../../main/boot/compose';
import { SyncWorker } from '../../main/boot/sync-worker';
import { postPinnedJson } from '../../main/boot/pinned-https';
import { syncPaths } from '../../main/contract/sync';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { systemClock } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { centralCommand, startCentralProcess, type CentralEnv, type CentralProcess } from '../support/central-process';
import { tempDir } from '../support/kiosk-fixture';
import { expectGapless, readWholeOutbox } from '../support/outbox';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { serveVisits } from '../support/store-visits';
import { freePort } from '../support/free-port';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';

/*
 * A bus and the real central server, each as they run: the central as its own process
 * (`npm run start:central`) on a real PostgreSQL, the bus's outbox in its SQLite store, a TCP proxy
 * between them that cuts and delays. The central is killed with SIGKILL mid-batch, connections are
 * cut mid-request, PostgreSQL is restarted, and a batch it holds is delivered again. After all of it
 * the central holds exactly the bus's records, each once.
 */

const missing = postgresMissing();

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(missing)(
  `a bus and the real central server (own process, real PostgreSQL) through faults${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let dir: ReturnType<typeof tempDir>;
    let env: CentralEnv;
    let central: CentralProcess | null = null;
    let proxy: TcpFaultProxy;
    let proxyPort: number;
    let db: PostgresStore;

    beforeAll(async () => {
      cluster = await throwawayPostgres();
      dir = tempDir('kiosk-central-faults-');
      const port = await freePort();
      env = { DATABASE_URL: cluster.url, CENTRAL_DATA_DIR: join(dir.path, 'central'), CENTRAL_PORT: String(port) };
      central = await startCentralProcess(env);
      proxy = new TcpFaultProxy({ host: '127.0.0.1', port });
      proxyPort = await proxy.listen();
      db = new PostgresStore(cluster.url);
    }, 60_000);
    afterAll(async () => {
      await central?.kill();
      await proxy?.close();
      await db?.close();
      cluster?.remove();
      dir?.remove();
    });

    it('enrols with the central’s commands and npm run enrol, then after SIGKILLs of the central, cuts, a PostgreSQL restart and a batch delivered twice holds exactly the bus’s records', async () => {
      // Enrolment as a technician does it: a code on the central, typed on the bus.
      const code = centralCommand(env, ['enrol-code', '--centre', 'bus-fleet', '--role', 'bus']);
      expect(code.status, code.output).toBe(0);
      const typed = /code for a bus of bus-fleet: ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(code.output)?.[1];
      expect(typed, code.output).toBeDefined();
      const kioskDir = join(dir.path, 'bus');
      const store = new SqliteStore(dataFiles(kioskDir).database);
      writeFileSync(dataFiles(kioskDir).config, JSON.stringify({ kioskId: 'bus-7' }));
      // Not spawnSync: the proxy on the way runs in this process.
      const enrol = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, '../../scripts/enrol.ts'),
          '--central',
          `https://127.0.0.1:${proxyPort}`,
          '--code',
          typed!,
          '--fingerprint',
          central!.fingerprint,
          '--data',
          kioskDir,
        ],
        { encoding: 'utf8' },
      );
      expect(enrol.stdout).toContain('Enrolled "bus-7"');
      const read = readCentralCredential(kioskDir);
      if (read.state !== 'ready') throw new Error(`central.json: ${read.state}`);

      // A month offline: 1,000 visits (4,000 records) waiting, more served while it drains.
      serveVisits(store, 1_000);
      const worker = new SyncWorker({
        outbox: store,
        target: read.credential,
        clock: systemClock,
        log: { info: () => {}, warn: () => {}, error: () => {} },
        backoff: { baseMs: 50, capMs: 500 },
        batchSize: 250,
        requestTimeoutMs: 5_000,
      });
      const held = async () => (await db.fleet()).find((device) => device.deviceId === 'bus-7')?.heldSeq ?? 0;
      proxy.throttle(100_000);
      worker.start();
      try {
        // The central killed with SIGKILL mid-drain, three times, and started again.
        for (let kill = 0; kill < 3; kill++) {
          const before = await held();
          await until(async () => (await held()) > before, `kill ${kill + 1}: the drain moved on`);
          await central!.kill();
          serveVisits(store, 10);
          worker.wake();
          central = await startCentralProcess(env);
        }
        // Connections cut mid-request.
        for (let cut = 0; cut < 3; cut++) {
          const before = await held();
          await until(async () => (await held()) > before, `cut ${cut + 1}: the drain moved on`);
          proxy.cut();
        }
        // PostgreSQL restarted under the running central.
        cluster.stop();
        serveVisits(store, 10);
        worker.wake();
        await new Promise((resolve) => setTimeout(resolve, 500));
        cluster.start();
        serveVisits(store, 10);
        worker.wake();
        const lastSeq = store.outboxState().lastSeq;
        await until(
          async () => store.outboxState().acknowledgedSeq === lastSeq,
          'the bus’s outbox acknowledged',
          60_000,
        );
      } finally {
        await worker.stop();
      }

      const outbox = readWholeOutbox(store);
      expectGapless(outbox);
      const centralRecords = await db.records('bus-7');
      expect(centralRecords.map(({ seq, at, fact }) => ({ seq, at, fact }))).toEqual(outbox);
      expect(worker.status().lastError).not.toBeNull();

      // A batch the central holds, delivered again (its answer lost on the way): acknowledged, not doubled.
      const again = await postPinnedJson({
        url: read.credential.url,
        path: syncPaths.batch,
        fingerprint: read.credential.fingerprint,
        token: read.credential.token,
        body: { deviceId: 'bus-7', sentAt: new Date().toISOString(), backlog: 0, records: outbox.slice(0, 500) },
        gzip: true,
        timeoutMs: 10_000,
      });
      expect(again).toMatchObject({ status: 200, body: { acknowledgedSeq: outbox.length } });
      expect(await db.records('bus-7')).toHaveLength(outbox.length);
      store.close();

      const devices = centralCommand(env, ['devices']);
      expect(devices.output).toContain('bus-7');
      expect(devices.output).toContain(`held ${outbox.length}`);
    }, 180_000);
  },
);
