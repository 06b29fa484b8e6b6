import { expect } from 'vitest';
import { enrolCodeHash } from '../../main/central/http/credentials';
import type { PostgresStore } from '../../main/central/store/postgres-store';
import { SyncBatch, type SyncRecord } from '../../main/contract/sync';

let codes = 0;

/** Enrols a hall server of a centre straight through the store (a code made and used at once). */
export async function enrolHallServer(store: PostgresStore, deviceId: string, centreId: string): Promise<void> {
  codes += 1;
  const code = `TEST-ENROL-${codes}`;
  await store.addEnrolCode({
    codeHash: enrolCodeHash(code),
    centreId,
    role: 'hall-server',
    expiresAt: new Date(Date.now() + 60_000),
  });
  const outcome = await store.enrol({
    codeHash: enrolCodeHash(code),
    deviceId,
    appVersion: 't',
    tokenHash: code,
    at: new Date(),
  });
  expect(outcome.ok).toBe(true);
}

/** Sends a device's records as its sync worker does: in batches checked against the contract, each acknowledged. */
export async function ingestAsDevice(
  store: PostgresStore,
  deviceId: string,
  records: SyncRecord[],
  size = 50,
): Promise<void> {
  for (let i = 0; i < records.length; i += size) {
    const batch = SyncBatch.parse({
      deviceId,
      sentAt: new Date().toISOString(),
      backlog: 0,
      records: records.slice(i, i + size),
    });
    const outcome = await store.ingest(batch, new Date());
    expect(outcome.kind, JSON.stringify(outcome)).toBe('acknowledged');
  }
}
