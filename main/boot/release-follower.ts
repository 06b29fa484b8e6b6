import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CatalogRelease, SettingsRelease, SyncError, syncPaths } from '../contract/sync';
import type { Clock } from '../core/ports';
import { writeFileDurably } from './durable-write';
import { PinnedAgent, postPinnedJson, TransportError, type PinnedRequest, type PinnedResponse } from './pinned-https';
import type { SyncLog, SyncTarget, WaitTimers } from './sync-worker';

/*
 * From the centre to the fleet (issue 12): an enrolled device asks the central server for what it
 * released to the device's centre (the catalog, and the centre's settings), with `If-None-Match`
 * naming the version it applied, so an unchanged release costs one small answer. A new one is
 * checked exactly as a technician's import or change and applied the same way (the catalog keeping
 * its last good copy); a refused one is named in the log once, not applied again until a newer
 * version comes, and the kiosk keeps what it has. The version applied is kept in the data folder
 * and reported in every batch.
 */

const AppliedRelease = z.object({ version: z.string().min(1), appliedAt: z.iso.datetime() });
type AppliedRelease = z.infer<typeof AppliedRelease>;

/** What a device follows: where it is asked for, where its applied version is kept, how it is read and applied. */
export interface ReleaseKind<T> {
  /** `catalog` or `settings`: names the log events (`central-catalog-applied`, …). */
  name: string;
  path: string;
  /** The data folder's file that keeps the version applied. */
  file: (dataDir: string) => string;
  /** The release in an answer's body, or null when the body is not one. */
  read: (body: unknown) => { version: string; payload: T } | null;
  /** The 404 error code that says nothing is released to the centre. */
  noneCode: string;
}

export const CATALOG_RELEASE: ReleaseKind<unknown> = {
  name: 'catalog',
  path: syncPaths.catalog,
  file: (dataDir) => join(dataDir, 'central-catalog.json'),
  read: (body) => {
    const release = CatalogRelease.safeParse(body);
    return release.success ? { version: release.data.version, payload: release.data.catalog } : null;
  },
  noneCode: 'no-catalog',
};

export const SETTINGS_RELEASE: ReleaseKind<Record<string, unknown>> = {
  name: 'settings',
  path: syncPaths.settings,
  file: (dataDir) => join(dataDir, 'central-settings.json'),
  read: (body) => {
    const release = SettingsRelease.safeParse(body);
    return release.success ? { version: release.data.version, payload: release.data.settings } : null;
  },
  noneCode: 'no-settings',
};

export const centralCatalogFile = CATALOG_RELEASE.file;

/** The version last applied, or null (none yet, or an unreadable file: the next answer tells). */
function readApplied(file: string): AppliedRelease | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = AppliedRelease.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type ReleaseCheck = 'applied' | 'unchanged' | 'none-released' | 'refused' | 'failed';

export interface ReleaseFollowerOptions<T> {
  kind: ReleaseKind<T>;
  target: SyncTarget;
  dataDir: string;
  /** Checks and applies a release as a technician's import or change is (core); throws when refused. */
  apply: (payload: T, version: string) => Promise<unknown>;
  clock: Clock;
  log: SyncLog;
  /** How often to ask (10 minutes): a release reaches a connected device within that. */
  pollMs?: number;
  requestTimeoutMs?: number;
  timers?: WaitTimers;
  post?: (request: PinnedRequest) => Promise<PinnedResponse>;
}

/** A release is at most a few MB (the sample catalog is 190 KB for 66 services in six languages). */
const MAX_RELEASE_BYTES = 16 * 1024 * 1024;

export class ReleaseFollower<T> {
  private running = false;
  private timer: unknown = null;
  private checking: Promise<ReleaseCheck> | null = null;
  private refusedVersion: string | null = null;
  private applied: AppliedRelease | null;
  private readonly agent: PinnedAgent;
  private readonly timers: WaitTimers;
  private readonly post: (request: PinnedRequest) => Promise<PinnedResponse>;

  constructor(private readonly options: ReleaseFollowerOptions<T>) {
    this.applied = readApplied(options.kind.file(options.dataDir));
    this.agent = new PinnedAgent(options.target.fingerprint);
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    };
    this.post = options.post ?? postPinnedJson;
  }

  /** The central version in use here; null while none was applied. */
  appliedVersion(): string | null {
    return this.applied?.version ?? null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.timers.clearTimeout(this.timer);
    await this.checking;
    this.agent.destroy();
  }

  /** Asks now (also what each poll does); concurrent calls share one request. */
  checkNow(): Promise<ReleaseCheck> {
    this.checking ??= this.check().finally(() => (this.checking = null));
    return this.checking;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      void this.checkNow().then(() => this.schedule(this.options.pollMs ?? 10 * 60_000));
    }, ms);
  }

  private async check(): Promise<ReleaseCheck> {
    const { target, log, kind } = this.options;
    let response: PinnedResponse;
    try {
      response = await this.post({
        url: target.url,
        path: kind.path,
        method: 'GET',
        fingerprint: target.fingerprint,
        token: target.token,
        headers: this.applied ? { 'if-none-match': `"${this.applied.version}"` } : {},
        timeoutMs: this.options.requestTimeoutMs ?? 60_000,
        maxResponseBytes: MAX_RELEASE_BYTES,
        agent: this.agent,
      });
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      // The sync worker says the central is unreachable; the catalog just waits for the next poll.
      return 'failed';
    }
    if (response.status === 304) return 'unchanged';
    const refusal = SyncError.safeParse(response.body);
    if (response.status === 404 && refusal.success && refusal.data.error === kind.noneCode) return 'none-released';
    const release = response.status === 200 ? kind.read(response.body) : null;
    if (!release) {
      const said = refusal.success ? `${refusal.data.error}: ${refusal.data.message}` : `no readable ${kind.name}`;
      log.warn(
        `central-${kind.name}-failed`,
        { status: response.status },
        `the central ${kind.name} was not read (HTTP ${response.status}, ${said})`,
      );
      return 'failed';
    }
    const { version, payload } = release;
    if (version === this.applied?.version || version === this.refusedVersion) return 'unchanged';
    try {
      await this.options.apply(payload, version);
    } catch (error) {
      this.refusedVersion = version;
      log.error(
        `central-${kind.name}-refused`,
        { version },
        `the ${kind.name} ${version} from the central server was refused, the kiosk keeps its own: ${(error as Error).message}`,
      );
      return 'refused';
    }
    this.applied = { version, appliedAt: this.options.clock.now().toISOString() };
    writeFileDurably(kind.file(this.options.dataDir), `${JSON.stringify(this.applied, null, 2)}\n`);
    log.info(`central-${kind.name}-applied`, { version }, `applied the central ${kind.name} ${version}`);
    return 'applied';
  }
}
