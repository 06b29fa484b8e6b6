import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralCredentialFile, readCentralCredential } from '../../main/boot/central-credential';
import { normaliseFingerprint } from '../../main/boot/pinned-https';
import { SyncWorker } from '../../main/boot/sync-worker';
import { systemClock } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';
import { serveVisits } from '../support/store-visits';
import { TEST_FINGERPRINT, TestCentral } from '../support/test-central';

const SCRIPT = join(import.meta.dirname, '../../scripts/enrol.ts');
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

/** Runs scripts/enrol.ts as a real process, as a technician does (asynchronously: the test central answers it from this process). */
function enrol(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The machine's own kiosk settings must not leak into the test.
    const env = { ...process.env };
    delete env.KIOSK_CONFIG;
    delete env.KIOSK_DATA_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run enrol, against a test central (in-memory, real HTTPS; the real central server is tested in its own files)', () => {
  let dir: ReturnType<typeof tempDir>;
  let central: TestCentral;
  let url: string;

  beforeEach(async () => {
    dir = tempDir('kiosk-enrol-');
    // The device's name at the central is the kiosk's configured kioskId.
    writeFileSync(join(dir.path, 'kiosk-config.json'), JSON.stringify({ kioskId: 'bus-7' }));
    central = new TestCentral();
    url = await central.start();
    central.codes.set('K7QX-4M2P', { centreId: 'bus-fleet-baku', role: 'bus' });
  });
  afterEach(async () => {
    await central.close();
    dir.remove();
  });

  it('writes a valid central.json, readable by its owner only, whose credential the central then accepts', async () => {
    const run = await enrol(
      '--central',
      url,
      '--code',
      'K7QX-4M2P',
      '--fingerprint',
      TEST_FINGERPRINT,
      '--data',
      dir.path,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Enrolled "bus-7"');
    expect(central.enrolRequests).toEqual([{ code: 'K7QX-4M2P', deviceId: 'bus-7', appVersion: version }]);

    const read = readCentralCredential(dir.path);
    expect(read.state).toBe('ready');
    if (read.state !== 'ready') return;
    expect(read.credential).toEqual({
      url,
      deviceId: 'bus-7',
      centreId: 'bus-fleet-baku',
      role: 'bus',
      token: central.device('bus-7').token,
      fingerprint: normaliseFingerprint(TEST_FINGERPRINT),
    });
    expect(statSync(centralCredentialFile(dir.path)).mode & 0o777).toBe(0o600);

    // The credential as written is what the sync worker needs: one record goes through with it.
    const outbox = new SqliteStore(join(dir.path, 'kiosk.sqlite'));
    serveVisits(outbox, 1);
    const worker = new SyncWorker({
      outbox,
      target: read.credential,
      clock: systemClock,
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    worker.start();
    try {
      const deadline = Date.now() + 5_000;
      while (outbox.outboxState().acknowledgedSeq < 4 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      expect(central.held('bus-7')).toBe(4);
    } finally {
      await worker.stop();
      outbox.close();
    }
  });

  it('says clearly why a bad code is refused, and writes nothing', async () => {
    const run = await enrol(
      '--central',
      url,
      '--code',
      'WRNG-CODE',
      '--fingerprint',
      TEST_FINGERPRINT,
      '--data',
      dir.path,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refused: the central server refused the enrolment (HTTP 403, enrol-code-invalid:');
    expect(run.stderr).toContain('Nothing was written.');
    expect(central.enrolRequests).toHaveLength(1);
    expect(existsSync(centralCredentialFile(dir.path))).toBe(false);
    expect(readdirSync(dir.path)).toEqual(['kiosk-config.json']);
  });

  it('refuses a server whose certificate is not the one named, before sending it the code', async () => {
    const wrong = 'AB:'.repeat(31) + 'AB';
    const run = await enrol('--central', url, '--code', 'K7QX-4M2P', '--fingerprint', wrong, '--data', dir.path);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`not the pinned ${'ab'.repeat(32)}: nothing was sent`);
    expect(central.requests).toBe(0);
    expect(existsSync(centralCredentialFile(dir.path))).toBe(false);
  });

  it('refuses a malformed fingerprint without calling the central', async () => {
    const run = await enrol('--central', url, '--code', 'K7QX-4M2P', '--fingerprint', 'abc123', '--data', dir.path);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--fingerprint must be a SHA-256 fingerprint');
    expect(central.requests).toBe(0);
  });
});
