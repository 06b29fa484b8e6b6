import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCentralCredential } from '../../main/boot/central-credential';
import { dataFiles } from '../../main/boot/compose';
import { normaliseFingerprint } from '../../main/boot/pinned-https';
import { apiPaths } from '../../main/contract';
import { SqliteStore } from '../../main/store/sqlite-store';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { loadCatalogFile } from '../../main/boot/read-files';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectGapless, readOutboxFile } from '../support/outbox';
import { serveVisits } from '../support/store-visits';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';
import { TEST_FINGERPRINT, TestCentral } from '../support/test-central';

/*
 * A bus kiosk, as its own process (the built browser shell), back online with a backlog: killed
 * with SIGKILL again and again while it pushes (and while visitors take tickets), started again
 * each time. Afterwards the central holds exactly the kiosk's outbox: every record, once, as the
 * kiosk wrote it. The central here is the in-memory test central (real HTTPS) behind a slow link;
 * central-sync-*.test.ts does the same against the real central server on PostgreSQL.
 */

const DEVICE = 'bus-7';
const KILLS = 5;

const issueTicket = (url: string) =>
  fetch(url + apiPaths.call('issueTicket'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ serviceId: 'passport', language: 'az' }),
  }).then((response) => response.json() as Promise<{ ok: boolean }>);

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a bus kiosk killed with SIGKILL while it pushes its backlog (own process, test central behind a slow link)', () => {
  let dir: ReturnType<typeof tempDir>;
  let central: TestCentral;
  let proxy: TcpFaultProxy;
  let shell: RunningShell | null = null;

  beforeEach(async () => {
    dir = tempDir('kiosk-sync-killed-');
    central = new TestCentral();
    await central.start();
    proxy = new TcpFaultProxy({ host: '127.0.0.1', port: central.port });
    const port = await proxy.listen();
    // Slow enough that a kill lands mid-drain, even mid-batch.
    proxy.throttle(50_000);
    const token = central.addDevice(DEVICE);
    writeCentralCredential(dir.path, {
      url: `https://127.0.0.1:${port}`,
      deviceId: DEVICE,
      centreId: 'baku-1',
      role: 'bus',
      token,
      fingerprint: normaliseFingerprint(TEST_FINGERPRINT)!,
    });
    const store = new SqliteStore(dataFiles(dir.path).database);
    serveVisits(store, 1_500);
    store.close();
  });
  afterEach(async () => {
    await shell?.kill();
    shell = null;
    await proxy.close();
    await central.close();
    dir.remove();
  });

  it(`after ${KILLS} kills at random moments of the drain, the central holds the kiosk's outbox exactly, each record once`, async () => {
    // Open round the clock: the test must not depend on the hour it runs at.
    const catalog = join(dir.path, 'catalog.json');
    writeFileSync(catalog, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
    const start = () => startBrowserShell(['--data-dir', dir.path, '--catalog', catalog]);
    let issued = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      shell = await start();
      const before = central.held(DEVICE);
      // A visitor or two while the backlog goes up.
      for (let i = 0; i < 2; i++) if ((await issueTicket(shell.url)).ok) issued += 1;
      await until(() => central.held(DEVICE) > before, `kill ${kill + 1}: the drain moved on`);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      await shell.kill();
      shell = null;
    }
    expect(issued).toBe(KILLS * 2);

    shell = await start();
    const outbox = () => readOutboxFile(dataFiles(dir.path).database);
    const lastSeq = outbox().at(-1)!.seq;
    await until(() => central.held(DEVICE) === lastSeq, 'the whole outbox held', 60_000);
    await shell.stop();
    shell = null;

    const records = outbox();
    expectGapless(records);
    const held = central.device(DEVICE).records;
    expect(held.size).toBe(records.length);
    for (const record of records) expect(held.get(record.seq)).toEqual(record);
    // Every ticket issued between the kills reached the central.
    const ticketsHeld = [...held.values()].filter((record) => record.fact.kind === 'ticket-issued').length;
    expect(ticketsHeld).toBe(1_500 + issued);
    // Batches cut by the kills were sent again: deliveries exceed records, stored once each.
    expect(central.recordsReceived).toBeGreaterThanOrEqual(records.length);
  }, 180_000);
});
