import { X509Certificate } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseFingerprint, postPinnedJson, type PinnedResponse } from '../../main/boot/pinned-https';
import { startCentralServer, type RunningCentral } from '../../main/central/http/central-server';
import { enrolCodeHash } from '../../main/central/http/credentials';
import { readMigrations } from '../../main/central/store/migrations';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { UNKNOWN_PRINTER_STATUS } from '../../main/contract';
import { syncPaths, type SyncBatch, type SyncFact, type SyncRecord } from '../../main/contract/sync';
import { throwawayPostgres, postgresMissing } from '../support/postgres';
import { TEST_TLS } from '../support/test-central';

/*
 * The central server's sync API against a real PostgreSQL (a throwaway cluster of this file's own)
 * over real HTTPS, asked as the devices ask it (main/boot/pinned-https.ts).
 */

const missing = postgresMissing();
const PIN = normaliseFingerprint(new X509Certificate(TEST_TLS.cert).fingerprint256)!;

const fact = (ticketId: number): SyncFact => ({ kind: 'rating-offered', ticketId });
const records = (from: number, to: number, at = '2026-11-20T08:00:00.000Z'): SyncRecord[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, at, fact: fact(from + i) }));

describe.skipIf(missing)(`the central's sync API on real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
  let store: PostgresStore;
  let central: RunningCentral;
  let db: pg.Pool;
  let sequence = 0;

  beforeAll(async () => {
    cluster = await throwawayPostgres();
    store = new PostgresStore(cluster.url);
    await store.migrate();
    central = await startCentralServer({ store, tls: TEST_TLS, host: '127.0.0.1' });
    db = new pg.Pool({ connectionString: cluster.url });
    db.on('error', () => {});
  }, 60_000);
  afterAll(async () => {
    await central?.close();
    await store?.close();
    await db?.end();
    cluster?.remove();
  });

  const call = (
    path: string,
    body: unknown,
    options: { token?: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; gzip?: boolean } = {},
  ) => postPinnedJson({ url: central.url, path, fingerprint: PIN, body, timeoutMs: 10_000, ...options });

  /** A fresh device, enrolled with a fresh one-time code; returns its id and credential. */
  const enrolled = async (centreId = 'baku-1') => {
    sequence += 1;
    const code = `TEST-${String(sequence).padStart(4, '0')}`;
    await store.addEnrolCode({
      codeHash: enrolCodeHash(code),
      centreId,
      role: 'bus',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const deviceId = `bus-${sequence}`;
    const answer = await call(syncPaths.enrol, { code, deviceId, appVersion: '0.1.0' });
    expect(answer.status).toBe(200);
    return { deviceId, token: (answer.body as { token: string }).token };
  };

  const batch = (deviceId: string, sent: SyncRecord[], extra: Partial<SyncBatch> = {}): SyncBatch => ({
    deviceId,
    sentAt: new Date().toISOString(),
    backlog: 0,
    records: sent,
    ...extra,
  });

  const send = (token: string, body: unknown, gzip = false): Promise<PinnedResponse> =>
    call(syncPaths.batch, body, { token, gzip });

  const storedSeqs = async (deviceId: string) =>
    (
      await db.query<{ seq: number }>('SELECT seq::int AS seq FROM sync_records WHERE device_id = $1 ORDER BY seq', [
        deviceId,
      ])
    ).rows.map((row) => row.seq);

  it('applies its migrations once, however often and however many servers start', async () => {
    const others = [new PostgresStore(cluster.url), new PostgresStore(cluster.url)];
    await Promise.all(others.map((other) => other.migrate()));
    await Promise.all(others.map((other) => other.close()));
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(rows.map((row) => row.name).sort()).toEqual(readMigrations().map((migration) => migration.name));
    expect(readMigrations().map((migration) => migration.name)).toEqual([
      '001-sync.sql',
      '002-centre-overrides.sql',
      '003-centre-settings.sql',
      '004-monitoring.sql',
      '005-staff.sql',
      '006-visit-projector.sql',
      '007-standard-events.sql',
      '008-ticket-number-index.sql',
      '009-rollup-years.sql',
      '010-rollup-regions.sql',
      '011-desk-visits-index.sql',
      '012-rollup-desks.sql',
      '013-visit-time-indexes.sql',
    ]);
  });

  it('enrols a device once per code: the code is then used, an unknown one and a taken id are refused', async () => {
    await store.addEnrolCode({
      codeHash: enrolCodeHash('ABCD-EFGH'),
      centreId: 'ganja-2',
      role: 'hall-server',
      expiresAt: new Date(Date.now() + 60_000),
    });
    // Typed in lower case with spaces, as a technician might.
    const first = await call(syncPaths.enrol, { code: ' abcd efgh ', deviceId: 'hall-ganja', appVersion: '0.1.0' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ deviceId: 'hall-ganja', centreId: 'ganja-2', role: 'hall-server' });
    const token = (first.body as { token: string }).token;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM devices WHERE device_id = $1', [
      'hall-ganja',
    ]);
    expect(rows[0]!.token_hash).not.toContain(token);

    const again = await call(syncPaths.enrol, { code: 'ABCD-EFGH', deviceId: 'hall-ganja-2', appVersion: '0.1.0' });
    expect(again).toMatchObject({ status: 403, body: { error: 'enrol-code-invalid' } });

    await store.addEnrolCode({
      codeHash: enrolCodeHash('WXYZ-2345'),
      centreId: 'ganja-2',
      role: 'bus',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const taken = await call(syncPaths.enrol, { code: 'WXYZ-2345', deviceId: 'hall-ganja', appVersion: '0.1.0' });
    expect(taken).toMatchObject({ status: 409, body: { error: 'device-id-taken' } });

    await store.addEnrolCode({
      codeHash: enrolCodeHash('OLD0-CODE'),
      centreId: 'ganja-2',
      role: 'bus',
      expiresAt: new Date(Date.now() - 1_000),
    });
    const expired = await call(syncPaths.enrol, { code: 'OLD0-CODE', deviceId: 'bus-late', appVersion: '0.1.0' });
    expect(expired).toMatchObject({ status: 403, body: { error: 'enrol-code-invalid' } });
  });

  it('stores a batch once: the same batch again, and one overlapping it, are acknowledged without a second copy', async () => {
    const { deviceId, token } = await enrolled();
    const first = await send(token, batch(deviceId, records(1, 100)));
    expect(first).toMatchObject({ status: 200, body: { acknowledgedSeq: 100 } });
    const repeat = await send(token, batch(deviceId, records(1, 100)));
    expect(repeat).toMatchObject({ status: 200, body: { acknowledgedSeq: 100 } });
    const overlap = await send(token, batch(deviceId, records(51, 150)), true);
    expect(overlap).toMatchObject({ status: 200, body: { acknowledgedSeq: 150 } });
    expect(await storedSeqs(deviceId)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('refuses a batch past what it holds with sync-gap and the sequence to send from', async () => {
    const { deviceId, token } = await enrolled();
    await send(token, batch(deviceId, records(1, 10)));
    const gap = await send(token, batch(deviceId, records(20, 30)));
    expect(gap).toMatchObject({ status: 409, body: { error: 'sync-gap', acknowledgedSeq: 10 } });
    expect(await storedSeqs(deviceId)).toHaveLength(10);
  });

  it('refuses a repeat that differs from the record held (a replaced database), storing nothing of it', async () => {
    const { deviceId, token } = await enrolled();
    await send(token, batch(deviceId, records(1, 10)));
    const replaced = records(1, 12, '2026-11-25T09:00:00.000Z');
    const answer = await send(token, batch(deviceId, replaced));
    expect(answer).toMatchObject({ status: 409, body: { error: 'record-conflict', conflictSeq: 1 } });
    expect(await storedSeqs(deviceId)).toHaveLength(10);
    const { rows } = await db.query<{ conflicts: number }>('SELECT conflicts FROM devices WHERE device_id = $1', [
      deviceId,
    ]);
    expect(rows[0]!.conflicts).toBe(1);
  });

  it('refuses malformed batches naming the field, and records out of sequence', async () => {
    const { deviceId, token } = await enrolled();
    const bad = await send(token, { ...batch(deviceId, records(1, 2)), backlog: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'bad-batch', problems: [expect.stringMatching(/^backlog: /)] });
    const badFact = await send(
      token,
      batch(deviceId, [
        { seq: 1, at: '2026-11-20T08:00:00.000Z', fact: { kind: 'rating-offered', ticketId: -3 } as SyncFact },
      ]),
    );
    expect((badFact.body as { problems: string[] }).problems[0]).toMatch(/^records\.0\.fact\.ticketId: /);
    const holes = await send(token, batch(deviceId, [...records(1, 2), ...records(4, 4)]));
    expect(holes.body).toMatchObject({
      error: 'bad-batch',
      problems: [expect.stringContaining('records.2.seq: 4 does not follow 2')],
    });
    expect(await storedSeqs(deviceId)).toEqual([]);
  });

  it('refuses an unknown credential (401), another device’s (403) and a revoked device (403)', async () => {
    const { deviceId, token } = await enrolled();
    const other = await enrolled();
    expect(await send('f'.repeat(64), batch(deviceId, records(1, 1)))).toMatchObject({
      status: 401,
      body: { error: 'unknown-credential' },
    });
    expect(await send(other.token, batch(deviceId, records(1, 1)))).toMatchObject({
      status: 403,
      body: { error: 'credential-of-another-device' },
    });
    expect(await store.revoke(deviceId, new Date())).toBe(true);
    expect(await send(token, batch(deviceId, records(1, 1)))).toMatchObject({
      status: 403,
      body: { error: 'device-revoked' },
    });
    expect(await storedSeqs(deviceId)).toEqual([]);
  });

  it('refuses a body too large, packed or not', async () => {
    const { deviceId, token } = await enrolled();
    const huge = { ...batch(deviceId, records(1, 1)), padding: 'x'.repeat(9 * 1024 * 1024) };
    expect(await send(token, huge)).toMatchObject({ status: 413, body: { error: 'too-large' } });
    expect(await send(token, huge, true)).toMatchObject({ status: 413, body: { error: 'too-large' } });
  });

  it('keeps records immutable: PostgreSQL itself refuses to change or delete one', async () => {
    const { deviceId, token } = await enrolled();
    await send(token, batch(deviceId, records(1, 1)));
    await expect(db.query("UPDATE sync_records SET kind = 'x' WHERE device_id = $1", [deviceId])).rejects.toThrow(
      /immutable/,
    );
    await expect(db.query('DELETE FROM sync_records WHERE device_id = $1', [deviceId])).rejects.toThrow(/immutable/);
  });

  it('keeps the device’s clock and its own, and the fleet sees skew, backlog, versions, printer and paper', async () => {
    const { deviceId, token } = await enrolled();
    const threeHoursBehind = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const printer = { ...UNKNOWN_PRINTER_STATUS, connection: 'online' as const, paper: 'near-end' as const };
    const sent: SyncRecord[] = [
      { seq: 1, at: threeHoursBehind, fact: { kind: 'paper-roll' } },
      { seq: 2, at: threeHoursBehind, fact: { kind: 'print-outcome', ticketId: 1, status: 'printed', error: null } },
      { seq: 3, at: threeHoursBehind, fact: { kind: 'print-outcome', ticketId: 2, status: 'printed', error: null } },
      { seq: 4, at: threeHoursBehind, fact: { kind: 'printer-state', status: printer } },
    ];
    const answer = await send(
      token,
      batch(deviceId, sent, { sentAt: threeHoursBehind, backlog: 7, appVersion: '0.2.0', catalogVersion: '2026-12' }),
    );
    expect(answer.status).toBe(200);
    const device = (await store.fleet()).find((entry) => entry.deviceId === deviceId)!;
    expect(device.clockSkewSeconds).toBeGreaterThan(-3 * 3600 - 60);
    expect(device.clockSkewSeconds).toBeLessThan(-3 * 3600 + 60);
    expect(device).toMatchObject({
      backlog: 7,
      appVersion: '0.2.0',
      catalogVersion: '2026-12',
      heldSeq: 4,
      ticketsOnRoll: 2,
      printer,
    });
    const held = await store.records(deviceId);
    expect(held.map((record) => record.at)).toEqual(sent.map((record) => record.at));
    expect(Date.parse(held[0]!.receivedAt) - Date.parse(held[0]!.at)).toBeGreaterThan(3 * 3_600_000 - 60_000);
  });

  it('answers 503 while PostgreSQL is down, and takes the same batch once it is back, without a restart', async () => {
    const { deviceId, token } = await enrolled();
    cluster.stop();
    try {
      const down = await send(token, batch(deviceId, records(1, 5)));
      expect(down).toMatchObject({ status: 503, body: { error: 'storage-unavailable' } });
      expect((await call('/health', null, { method: 'GET' })).status).toBe(503);
    } finally {
      cluster.start();
    }
    const back = await send(token, batch(deviceId, records(1, 5)));
    expect(back).toMatchObject({ status: 200, body: { acknowledgedSeq: 5 } });
    expect((await call('/health', null, { method: 'GET' })).status).toBe(200);
  });

  it("applies a centre's override (its services, its hours) and gives each change a new version", async () => {
    const ganja = await enrolled('ganja-override');
    const getCatalog = (etag?: string) =>
      call(syncPaths.catalog, null, {
        token: ganja.token,
        method: 'GET',
        headers: etag ? { 'if-none-match': etag } : {},
      });
    await store.releaseCatalog(
      'net-1',
      {
        services: [
          { id: 'a', openingHours: [] },
          { id: 'b', openingHours: [] },
        ],
      },
      ['ganja-override'],
    );
    const hours = [{ days: ['sat'], from: '10:00', to: '14:00' }];
    await store.setCentreOverride('ganja-override', { services: ['a'], openingHours: hours as never });
    const first = await getCatalog();
    expect(first).toMatchObject({
      status: 200,
      etag: '"net-1+ganja-override.1"',
      body: {
        version: 'net-1+ganja-override.1',
        catalog: {
          services: [
            { id: 'a', openingHours: hours },
            { id: 'b', enabled: false, openingHours: hours },
          ],
        },
      },
    });
    expect((await getCatalog('"net-1+ganja-override.1"')).status).toBe(304);
    await store.setCentreOverride('ganja-override', null);
    const cleared = await getCatalog('"net-1+ganja-override.1"');
    expect(cleared).toMatchObject({
      status: 200,
      body: {
        version: 'net-1+ganja-override.2',
        catalog: {
          services: [
            { id: 'a', openingHours: [] },
            { id: 'b', openingHours: [] },
          ],
        },
      },
    });
  });

  it("hands each device its centre's settings over the network's, with a version that changes with either", async () => {
    const baku = await enrolled('settings-baku');
    const other = await enrolled('settings-other');
    const getSettings = (token: string, etag?: string) =>
      call(syncPaths.settings, null, { token, method: 'GET', headers: etag ? { 'if-none-match': etag } : {} });
    expect(await getSettings(baku.token)).toMatchObject({ status: 404, body: { error: 'no-settings' } });
    await store.setSettings('*', { centreName: 'ASAN xidmət', rating: { faces: 5, changeSeconds: 60 } });
    await store.setSettings('settings-baku', { rating: { faces: 3 } });
    const first = await getSettings(baku.token);
    expect(first).toMatchObject({
      status: 200,
      etag: '"net.1+settings-baku.1"',
      body: { settings: { centreName: 'ASAN xidmət', rating: { faces: 3, changeSeconds: 60 } } },
    });
    expect((await getSettings(baku.token, '"net.1+settings-baku.1"')).status).toBe(304);
    expect(await getSettings(other.token)).toMatchObject({
      status: 200,
      body: { version: 'net.1+settings-other.0', settings: { rating: { faces: 5 } } },
    });
    await store.setSettings('*', { centreName: 'ASAN' });
    expect((await getSettings(baku.token, '"net.1+settings-baku.1"')).body).toMatchObject({
      version: 'net.2+settings-baku.1',
      settings: { centreName: 'ASAN', rating: { faces: 3 } },
    });
  });

  it('hands each centre its catalog release, the network default otherwise, with an ETag and 304', async () => {
    const baku = await enrolled('baku-1');
    const sumqayit = await enrolled('sumqayit-3');
    const getCatalog = (token: string, etag?: string) =>
      call(syncPaths.catalog, null, { token, method: 'GET', headers: etag ? { 'if-none-match': etag } : {} });
    expect(await getCatalog(baku.token)).toMatchObject({ status: 404, body: { error: 'no-catalog' } });
    await store.releaseCatalog('v1', { services: ['all'] }, ['*']);
    await store.releaseCatalog('v2-staged', { services: ['staged'] }, ['baku-1']);
    expect(await getCatalog(baku.token)).toMatchObject({
      status: 200,
      etag: '"v2-staged"',
      body: { version: 'v2-staged' },
    });
    expect(await getCatalog(sumqayit.token)).toMatchObject({
      status: 200,
      etag: '"v1"',
      body: { version: 'v1', catalog: { services: ['all'] } },
    });
    expect((await getCatalog(baku.token, '"v2-staged"')).status).toBe(304);
  });
});
