import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enrolInHall } from '../../main/boot/hall-credential';
import { loadCatalogFile } from '../../main/boot/read-files';
import type { Catalog, HallDeviceRole, Ticket } from '../../main/contract';
import { SqliteHallDevices } from '../../main/store/sqlite-hall-devices';
import { callApi } from './api-call';
import { startBrowserShell, type RunningShell } from './browser-shell-process';
import { DESK_PIN_HASH, TEST_DESKS } from './desk-fixture';
import { freePort } from './free-port';
import { alwaysOpen, SAMPLE_CATALOG, tempDir } from './kiosk-fixture';

/** Blocks of numbers agreed for each kiosk, for when it cannot reach the server. */
export const OFFLINE_BLOCKS = {
  'kiosk-1': { start: 901, end: 949 },
  'kiosk-2': { start: 950, end: 999 },
  'kiosk-3': { start: 850, end: 899 },
} as const;
export type HallKioskId = keyof typeof OFFLINE_BLOCKS;

/**
 * A hall on this machine, every part its own process of the built browser shell: one hall server
 * (role `hall-server`, the queue) and kiosks (role `hall-kiosk`, `hall.server` set), each with its
 * own data folder and virtual printer. A kiosk may reach the server through a proxy the test breaks.
 */
export class HallOnThisMachine {
  readonly dir = tempDir('kiosk-hall-');
  readonly catalog = join(this.dir.path, 'catalog.json');
  server: RunningShell | null = null;
  /** Chosen before the server starts, so a proxy can be put before it first. */
  serverPort = 0;
  /** More `Host` values the server answers (a proxy's address: the API refuses a foreign Host). */
  private serverAllowedHosts: string[] = [];

  /** Picks the server's port now; `allowedHosts`: the addresses of proxies before it. */
  async reserveServerPort(allowedHosts: string[] = []): Promise<number> {
    this.serverPort = await freePort();
    this.serverAllowedHosts = allowedHosts;
    return this.serverPort;
  }

  allowHosts(hosts: string[]): void {
    this.serverAllowedHosts = hosts;
  }
  readonly kiosks = new Map<HallKioskId, RunningShell>();
  private staffToken: string | undefined;
  private serverCatalog: string | null = null;
  private serverConfig: Record<string, unknown> = {};

  constructor() {
    // Open round the clock: the test must not depend on the hour it runs at.
    writeFileSync(this.catalog, JSON.stringify(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG))));
  }

  serverDir(): string {
    return join(this.dir.path, 'server');
  }

  kioskDir(id: HallKioskId): string {
    return join(this.dir.path, id);
  }

  /** The server's certificate fingerprint when it serves HTTPS (startServer({ tls: true })). */
  fingerprint: string | null = null;

  /**
   * Starts (or starts again, on the same port and data) the hall server; `tls`: HTTPS, self-signed;
   * `phoneUrl`: its address for phones (hall.phoneUrl), which ticket QR codes link to; `config`: more
   * of its configuration (kept across its restarts).
   */
  async startServer(
    options: {
      tls?: boolean;
      catalog?: (catalog: Catalog) => Catalog;
      phoneUrl?: string;
      /** More of the server's configuration (its technician PIN hash, say), kept across its restarts. */
      config?: Record<string, unknown>;
    } = {},
  ): Promise<RunningShell> {
    const dataDir = this.serverDir();
    mkdirSync(dataDir, { recursive: true });
    // The server's own catalog once the test gives one (kept across its restarts); else the shared one.
    if (options.catalog) {
      this.serverCatalog = join(dataDir, 'catalog.json');
      writeFileSync(this.serverCatalog, JSON.stringify(options.catalog(alwaysOpen(loadCatalogFile(SAMPLE_CATALOG)))));
    }
    if (options.config) this.serverConfig = options.config;
    const catalog = this.serverCatalog ?? this.catalog;
    const config = join(dataDir, 'kiosk-config.json');
    writeFileSync(
      config,
      JSON.stringify({
        role: 'hall-server',
        kioskId: 'hall-server',
        centreName: 'ASAN xidmət Bakı 1',
        desks: TEST_DESKS.map((desk) => ({ ...desk, pinHash: desk.pinHash ?? DESK_PIN_HASH })),
        api: { allowedHosts: this.serverAllowedHosts, tls: { enabled: options.tls ?? false } },
        hall: {
          offlineBlocks: Object.entries(OFFLINE_BLOCKS).map(([kioskId, block]) => ({ kioskId, block })),
          ...(options.phoneUrl !== undefined && { phoneUrl: options.phoneUrl }),
        },
        ...this.serverConfig,
      }),
    );
    const args = ['--data-dir', dataDir, '--config', config, '--catalog', catalog];
    this.server = await startBrowserShell(args, undefined, this.serverPort);
    this.serverPort = Number(new URL(this.server.url).port);
    this.fingerprint = /Certificate: +SHA-256 ([0-9A-F:]+)/.exec(this.server.output())?.[1] ?? null;
    return this.server;
  }

  serverUrl(): string {
    if (!this.server) throw new Error('the hall server is not running');
    return this.server.url;
  }

  /**
   * Enrols a device as a technician does (npm run hall -- enrol-code, on the server's data folder)
   * and trades the code for the device's credential over the API, as the device does.
   */
  async enrolDevice(role: HallDeviceRole, name: string, serverUrl = this.serverUrl()): Promise<string> {
    const code = this.newEnrolCode(role, name);
    const enrolled = await callApi<{ token: string }>(serverUrl, 'hallEnrol', { code, name });
    return enrolled.token;
  }

  /**
   * A one-time code for a device, as `npm run hall -- enrol-code` makes it on the server's data
   * folder; valid a minute. `name` null: the device names itself when it enrols.
   */
  newEnrolCode(role: HallDeviceRole, name: string | null): string {
    const registry = new SqliteHallDevices(join(this.serverDir(), 'kiosk.sqlite'));
    try {
      return registry.newEnrolCode(role, name, new Date(Date.now() + 60_000)).code;
    } finally {
      registry.close();
    }
  }

  /** The staff credential the tests read the server with (a desk console). */
  async consoleToken(): Promise<string> {
    this.staffToken ??= await this.enrolDevice('console', 'Test console');
    return this.staffToken;
  }

  /** Revokes a device on the server's data folder, as npm run hall -- revoke does. */
  revoke(deviceId: string): void {
    const registry = new SqliteHallDevices(join(this.serverDir(), 'kiosk.sqlite'));
    registry.revoke(deviceId, new Date());
    registry.close();
  }

  /**
   * Enrols a kiosk of the hall (npm run enrol -- --hall, on its data folder) with its server at
   * `serverUrl` (the server, or a proxy before it), and starts it.
   */
  async startKiosk(
    id: HallKioskId,
    serverUrl: string,
    options: { timeoutMs?: number; args?: string[]; config?: Record<string, unknown> } = {},
  ): Promise<RunningShell> {
    const { timeoutMs = 1500, args = [], config: moreConfig = {} } = options;
    const dataDir = this.kioskDir(id);
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'hall-credential.json'))) {
      const code = this.newEnrolCode('kiosk', id);
      const enrolled = await enrolInHall({ server: serverUrl, code, name: id, dataDir, fingerprint: this.fingerprint });
      if (!enrolled.ok) throw new Error(`${id} was not enrolled: ${enrolled.message}`);
    }
    const config = join(dataDir, 'kiosk-config.json');
    writeFileSync(config, JSON.stringify({ role: 'hall-kiosk', kioskId: id, hall: { timeoutMs }, ...moreConfig }));
    const kiosk = await startBrowserShell([
      '--data-dir',
      dataDir,
      '--config',
      config,
      '--catalog',
      this.catalog,
      ...args,
    ]);
    this.kiosks.set(id, kiosk);
    return kiosk;
  }

  /** Whether the kiosk has its block from the server on disk (hall-link.json). */
  knowsItsBlock(id: HallKioskId): boolean {
    return existsSync(join(this.kioskDir(id), 'hall-link.json'));
  }

  /** Tickets the kiosk's virtual printer printed (one file per ticket). */
  printedBy(id: HallKioskId): string[] {
    const folder = join(this.kioskDir(id), 'printed-tickets');
    return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.bin')) : [];
  }

  issue(id: HallKioskId, serviceId = 'passport', language = 'ru'): Promise<Ticket> {
    const kiosk = this.kiosks.get(id);
    if (!kiosk) throw new Error(`${id} is not running`);
    return callApi<Ticket>(kiosk.url, 'issueTicket', { serviceId, language });
  }

  async serverTickets(): Promise<Ticket[]> {
    return callApi<Ticket[]>(this.serverUrl(), 'listTodayTickets', {}, await this.consoleToken());
  }

  async close(): Promise<void> {
    await Promise.all([...this.kiosks.values()].map((kiosk) => kiosk.kill()));
    await this.server?.kill();
    this.dir.remove();
  }
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
