import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFiles } from '../../main/boot/compose';
import { enrolDevice } from '../../main/boot/enrol-device';
import { loadCatalogFile } from '../../main/boot/read-files';
import type { Catalog, SyncRecord } from '../../main/contract';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { SqliteStore } from '../../main/store/sqlite-store';
import { callApi } from '../support/api-call';
import { startBrowserShell, type RunningShell } from '../support/browser-shell-process';
import { centralCommand, startCentralProcess, type CentralEnv, type CentralProcess } from '../support/central-process';
import { DESK_PIN } from '../support/desk-fixture';
import { HallOnThisMachine, until, type HallKioskId } from '../support/hall-processes';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { expectGapless, readOutboxFile } from '../support/outbox';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { serveVisits } from '../support/store-visits';
import { freePort } from '../support/free-port';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';

/*
 * The network in one test: a hall (its server and two kiosks of the hall) and a bus back from a
 * month offline, each its own process, report to the real central server (its own process) on a
 * real PostgreSQL through a proxy that cuts. The hall server and the bus are killed mid-sync and
 * the link is cut mid-drain. Afterwards the central holds exactly the union of the devices' outboxes,
 * the fleet list tells each device as it is, and a catalog released centrally reached every device
 * (the hall's kiosks through their server) and was applied once on each.
 */

const missing = postgresMissing();
const BACKLOG_VISITS = 1_500;
const KIOSKS: HallKioskId[] = ['kiosk-1', 'kiosk-2'];

/** The sample catalog with the passport service renamed in English: a change anyone can see. */
const renamed = (label: string): Catalog => {
  const catalog = alwaysOpen(loadCatalogFile(SAMPLE_CATALOG));
  return {
    ...catalog,
    services: catalog.services.map((service) =>
      service.id === 'passport' ? { ...service, name: { ...service.name, en: `Passport (${label})` } } : service,
    ),
  };
};

const passportName = async (url: string, token?: string) =>
  (await callApi<Catalog>(url, 'getCatalog', {}, token)).services.find((service) => service.id === 'passport')?.name.en;

/** Catalog changes a device's technician audit kept, by action: the versions applied, in order. */
function catalogsApplied(dataDir: string, action: string): string[] {
  const file = join(dataDir, 'technician-audit.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { action: string; outcome: string; version?: string })
    .filter((entry) => entry.action === action && entry.outcome === 'ok')
    .map((entry) => entry.version ?? '?');
}

describe.skipIf(missing)(
  `the network: a hall and a bus a month offline report to one central on PostgreSQL (real processes)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    const dir = tempDir('kiosk-network-');
    let env: CentralEnv;
    let central: CentralProcess;
    let proxy: TcpFaultProxy;
    let centralUrl: string;
    let db: PostgresStore;
    const hall = new HallOnThisMachine();
    let bus: RunningShell | null = null;
    const busDir = join(dir.path, 'bus');
    const busCatalog = join(dir.path, 'bus-catalog.json');

    const enrol = async (centre: string, role: string, deviceId: string, dataDir: string) => {
      const made = centralCommand(env, ['enrol-code', '--centre', centre, '--role', role]);
      const code = /: ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(made.output)?.[1];
      if (!code) throw new Error(`no enrolment code:\n${made.output}`);
      mkdirSync(dataDir, { recursive: true });
      const enrolled = await enrolDevice({
        central: centralUrl,
        code,
        fingerprint: central.fingerprint,
        deviceId,
        appVersion: '0.1.0',
        dataDir,
      });
      if (!enrolled.ok) throw new Error(`${deviceId} not enrolled: ${enrolled.message}`);
    };
    const startBus = async () => {
      bus = await startBrowserShell(['--data-dir', busDir, '--catalog', busCatalog]);
    };
    const startKiosk = (id: HallKioskId) => {
      const own = join(dir.path, `${id}-catalog.json`);
      if (!existsSync(own)) copyFileSync(hall.catalog, own);
      return hall.startKiosk(id, hall.serverUrl(), { args: ['--catalog', own] });
    };
    const held = async (deviceId: string) =>
      (await db.fleet()).find((device) => device.deviceId === deviceId)?.heldSeq ?? 0;

    beforeAll(async () => {
      cluster = await throwawayPostgres();
      const port = await freePort();
      env = { DATABASE_URL: cluster.url, CENTRAL_DATA_DIR: join(dir.path, 'central'), CENTRAL_PORT: String(port) };
      central = await startCentralProcess(env);
      proxy = new TcpFaultProxy({ host: '127.0.0.1', port });
      centralUrl = `https://127.0.0.1:${await proxy.listen()}`;
      db = new PostgresStore(cluster.url);
    }, 60_000);
    afterAll(async () => {
      await bus?.kill();
      await hall.close();
      await central?.kill();
      await proxy?.close();
      await db?.close();
      cluster?.remove();
      dir.remove();
    });

    it('holds the union of the devices’ records exactly, shows each device truthfully, and brings a central catalog to every device once', async () => {
      // The hall server and the bus are enrolled with the central; the hall's kiosks with their server.
      await enrol('baku-1', 'hall-server', 'hall-server', hall.serverDir());
      await hall.startServer({ catalog: (catalog) => catalog });
      for (const id of KIOSKS) await startKiosk(id);
      await until(() => KIOSKS.every((id) => hall.knowsItsBlock(id)), 'the kiosks have their blocks');
      writeFileSync(busCatalog, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
      mkdirSync(busDir, { recursive: true });
      writeFileSync(dataFiles(busDir).config, JSON.stringify({ kioskId: 'bus-7', role: 'bus' }));
      await enrol('bus-fleet', 'bus', 'bus-7', busDir);
      // A month offline: the bus's visits waiting in its outbox before it starts.
      const busStore = new SqliteStore(dataFiles(busDir).database);
      serveVisits(busStore, BACKLOG_VISITS);
      busStore.close();
      proxy.throttle(150_000);
      await startBus();

      // The hall's day: tickets at both kiosks, a desk serving some of them.
      const console_ = await hall.enrolDevice('console', 'Desk 2');
      const { token } = await callApi<{ token: string }>(
        hall.serverUrl(),
        'deskSignIn',
        { deskId: '2', pin: DESK_PIN },
        console_,
      );
      const desk = (name: string) => callApi(hall.serverUrl(), name, { token }, console_);
      for (let i = 0; i < 12; i++) await hall.issue(KIOSKS[i % 2]!, 'passport', i % 3 === 0 ? 'az' : 'ru');
      for (let i = 0; i < 5; i++) {
        await desk('callNext');
        await desk('startVisit');
        await desk('finishVisit');
      }

      // Mid-drain: the link to the central cut, the bus killed and started again.
      await until(async () => (await held('bus-7')) > 0, 'the bus started draining', 60_000);
      proxy.cut();
      await bus!.kill();
      await startBus();

      // A catalog released centrally, to every centre.
      const v2 = join(dir.path, 'catalog-v2.json');
      writeFileSync(v2, JSON.stringify(renamed('network 2')));
      const released = centralCommand(env, ['release-catalog', '--file', v2, '--version', 'net-2']);
      expect(released.status, released.output).toBe(0);

      // The hall server killed mid-day (mid-sync) and started again; the bus again; both ask the
      // central for their release as they start.
      await hall.server!.kill();
      await hall.issue('kiosk-1', 'passport', 'kk');
      await hall.startServer();
      await bus!.kill();
      await startBus();
      await until(async () => (await passportName(bus!.url)) === 'Passport (network 2)', 'the bus has net-2', 60_000);
      const serverToken = await hall.consoleToken();
      await until(
        async () => (await passportName(hall.serverUrl(), serverToken)) === 'Passport (network 2)',
        'the hall server has net-2',
        60_000,
      );
      // The hall's kiosks take it from their server at their next contact (here: started again).
      for (const id of KIOSKS) {
        await hall.kiosks.get(id)!.kill();
        await startKiosk(id);
        await until(
          async () => (await passportName(hall.kiosks.get(id)!.url)) === 'Passport (network 2)',
          `${id} has net-2`,
          30_000,
        );
      }
      await hall.issue('kiosk-2', 'passport', 'uz');

      // Everything drains.
      proxy.throttle(null);
      const outbox = (dataDir: string): SyncRecord[] => readOutboxFile(dataFiles(dataDir).database);
      await until(
        async () =>
          (await held('hall-server')) === outbox(hall.serverDir()).at(-1)!.seq &&
          (await held('bus-7')) === outbox(busDir).at(-1)!.seq,
        'the central holds both outboxes',
        120_000,
      );
      await bus!.stop();
      bus = null;
      for (const kiosk of hall.kiosks.values()) await kiosk.stop();
      await hall.server!.stop();

      // Exactly the union: every record of each device, once, as the device wrote it.
      for (const [deviceId, dataDir] of [
        ['hall-server', hall.serverDir()],
        ['bus-7', busDir],
      ] as const) {
        const records = outbox(dataDir);
        expectGapless(records);
        const atCentral = await db.records(deviceId);
        expect(atCentral.map(({ seq, at, fact }) => ({ seq, at, fact }))).toEqual(records);
      }
      // The hall's tickets reached the central once each, through its server (kiosks sync nothing themselves).
      const hallTickets = (await db.records('hall-server')).filter(
        (record) => (record.fact as SyncRecord['fact']).kind === 'ticket-issued',
      );
      expect(hallTickets).toHaveLength(14);

      // Each told the central which catalog it runs, as a fact of its own.
      for (const dataDir of [hall.serverDir(), busDir]) {
        const told = outbox(dataDir).filter((record) => record.fact.kind === 'release-applied');
        expect(told.map((record) => record.fact)).toEqual([
          { kind: 'release-applied', release: 'catalog', version: 'net-2' },
        ]);
      }
      // Applied once on every device, however often each was started.
      expect(catalogsApplied(hall.serverDir(), 'catalog-from-central')).toEqual(['net-2']);
      expect(catalogsApplied(busDir, 'catalog-from-central')).toEqual(['net-2']);
      for (const id of KIOSKS) {
        const versions = catalogsApplied(hall.kioskDir(id), 'catalog-from-hall');
        expect(new Set(versions).size, `${id}: ${versions.join(', ')}`).toBe(versions.length);
      }

      // The fleet list tells each device as it is: all held, the catalog it runs.
      const fleet = centralCommand(env, ['devices']).output;
      for (const [deviceId, dataDir] of [
        ['hall-server', hall.serverDir()],
        ['bus-7', busDir],
      ] as const) {
        const line = fleet.split('\n').find((candidate) => candidate.includes(deviceId));
        expect(line, fleet).toBeDefined();
        expect(line).toContain(`held ${outbox(dataDir).at(-1)!.seq}`);
        expect(line, line).toContain('catalog net-2');
      }
    }, 300_000);
  },
);
