// The benches' central server: the real one (main/central) on a throwaway PostgreSQL, in the
// bench's process, and how a bus enrols with it as `npm run enrol` does.
import { X509Certificate } from 'node:crypto';
import { normaliseFingerprint, postPinnedJson } from '../main/boot/pinned-https';
import { startCentralServer } from '../main/central/http/central-server';
import { enrolCodeHash } from '../main/central/http/credentials';
import { PostgresStore } from '../main/central/store/postgres-store';
import { syncPaths } from '../main/contract/sync';
import { throwawayPostgres } from '../test/support/postgres';
import { TEST_TLS } from '../test/support/test-central';

/** The pinned fingerprint of the benches' central (the test-only certificate). */
export const BENCH_FINGERPRINT = normaliseFingerprint(new X509Certificate(TEST_TLS.cert).fingerprint256)!;

export interface BenchCentral {
  url: string;
  port: number;
  /** The central's PostgreSQL, for figures read straight from it. */
  databaseUrl: string;
  /** Enrols a bus with a fresh one-time code; returns its credential. */
  enrol(deviceId: string): Promise<string>;
  held(deviceId: string): Promise<number>;
  close(): Promise<void>;
}

export async function startBenchCentral(): Promise<BenchCentral> {
  const cluster = await throwawayPostgres();
  const store = new PostgresStore(cluster.url);
  await store.migrate();
  const central = await startCentralServer({ store, tls: TEST_TLS, host: '127.0.0.1' });
  let codes = 0;
  return {
    url: central.url,
    port: central.port,
    databaseUrl: cluster.url,
    enrol: async (deviceId) => {
      codes += 1;
      const code = `BNCH-${String(codes).padStart(4, '0')}`;
      await store.addEnrolCode({
        codeHash: enrolCodeHash(code),
        centreId: 'baku-1',
        role: 'bus',
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      const answer = await postPinnedJson({
        url: central.url,
        path: syncPaths.enrol,
        fingerprint: BENCH_FINGERPRINT,
        body: { code, deviceId, appVersion: 'bench' },
        timeoutMs: 10_000,
      });
      if (answer.status !== 200) throw new Error(`${deviceId} was not enrolled: HTTP ${answer.status}`);
      return (answer.body as { token: string }).token;
    },
    held: async (deviceId) => (await store.fleet()).find((device) => device.deviceId === deviceId)?.heldSeq ?? 0,
    close: async () => {
      await central.close();
      await store.close();
      cluster.remove();
    },
  };
}
