import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CatalogRelease, SyncError, syncPaths } from '../contract/sync';
import type { Clock } from '../core/ports';
import { writeFileDurably } from './durable-write';
import { PinnedAgent, postPinnedJson, TransportError, type PinnedRequest, type PinnedResponse } from './pinned-https';
import type { SyncLog, SyncTarget, WaitTimers } from './sync-worker';

/*
 * The catalog from the centre (issue 12, "From the centre to the fleet"): an enrolled device asks
 * the central server for the catalog released to its centre, with `If-None-Match` naming the
 * version it applied, so an unchanged catalog costs one small answer. A new one is checked exactly
 * as a technician's import and applied the same way (keeping the last good catalog); a refused one
 * is named in the log once, not applied again until a newer version comes, and the kiosk keeps the
 * catalog it has. The version applied is kept in the data folder and reported in every batch.
 */

const AppliedCatalog = z.object({ version: z.string().min(1), appliedAt: z.iso.datetime() });
type AppliedCatalog = z.infer<typeof AppliedCatalog>;

export const centralCatalogFile = (dataDir: string) => join(dataDir, 'central-catalog.json');

/** The version last applied, or null (none yet, or an unreadable file: the next answer tells). */
export function readAppliedCatalog(dataDir: string): AppliedCatalog | null {
  const file = centralCatalogFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const parsed = AppliedCatalog.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type CatalogCheck = 'applied' | 'unchanged' | 'none-released' | 'refused' | 'failed';

export interface CatalogFollowerOptions {
  target: SyncTarget;
  dataDir: string;
  /** Checks and applies a catalog as a technician's import is (core's applyCentralCatalog); throws when refused. */
  apply: (text: string, version: string) => Promise<unknown>;
  clock: Clock;
  log: SyncLog;
  /** How often to ask (10 minutes): a release reaches a connected device within that. */
  pollMs?: number;
  requestTimeoutMs?: number;
  timers?: WaitTimers;
  post?: (request: PinnedRequest) => Promise<PinnedResponse>;
}

/** A catalog is at most a few MB (the sample is 190 KB for 66 services in six languages). */
const MAX_CATALOG_BYTES = 16 * 1024 * 1024;

export class CatalogFollower {
  private running = false;
  private timer: unknown = null;
  private checking: Promise<CatalogCheck> | null = null;
  private refusedVersion: string | null = null;
  private applied: AppliedCatalog | null;
  private readonly agent: PinnedAgent;
  private readonly timers: WaitTimers;
  private readonly post: (request: PinnedRequest) => Promise<PinnedResponse>;

  constructor(private readonly options: CatalogFollowerOptions) {
    this.applied = readAppliedCatalog(options.dataDir);
    this.agent = new PinnedAgent(options.target.fingerprint);
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    };
    this.post = options.post ?? postPinnedJson;
  }

  /** The central catalog version in use here; null while none was applied. */
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
  checkNow(): Promise<CatalogCheck> {
    this.checking ??= this.check().finally(() => (this.checking = null));
    return this.checking;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      void this.checkNow().then(() => this.schedule(this.options.pollMs ?? 10 * 60_000));
    }, ms);
  }

  private async check(): Promise<CatalogCheck> {
    const { target, log } = this.options;
    let response: PinnedResponse;
    try {
      response = await this.post({
        url: target.url,
        path: syncPaths.catalog,
        method: 'GET',
        fingerprint: target.fingerprint,
        token: target.token,
        headers: this.applied ? { 'if-none-match': `"${this.applied.version}"` } : {},
        timeoutMs: this.options.requestTimeoutMs ?? 60_000,
        maxResponseBytes: MAX_CATALOG_BYTES,
        agent: this.agent,
      });
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      // The sync worker says the central is unreachable; the catalog just waits for the next poll.
      return 'failed';
    }
    if (response.status === 304) return 'unchanged';
    const refusal = SyncError.safeParse(response.body);
    if (response.status === 404 && refusal.success && refusal.data.error === 'no-catalog') return 'none-released';
    const release = CatalogRelease.safeParse(response.body);
    if (response.status !== 200 || !release.success) {
      const said = refusal.success ? `${refusal.data.error}: ${refusal.data.message}` : 'no readable catalog';
      log.warn(
        'central-catalog-failed',
        { status: response.status },
        `the central catalog was not read (HTTP ${response.status}, ${said})`,
      );
      return 'failed';
    }
    const { version, catalog } = release.data;
    if (version === this.applied?.version || version === this.refusedVersion) return 'unchanged';
    try {
      await this.options.apply(JSON.stringify(catalog), version);
    } catch (error) {
      this.refusedVersion = version;
      log.error(
        'central-catalog-refused',
        { version },
        `the catalog ${version} from the central server was refused, the kiosk keeps its catalog: ${(error as Error).message}`,
      );
      return 'refused';
    }
    this.applied = { version, appliedAt: this.options.clock.now().toISOString() };
    writeFileDurably(centralCatalogFile(this.options.dataDir), `${JSON.stringify(this.applied, null, 2)}\n`);
    log.info('central-catalog-applied', { version }, `applied the central catalog ${version}`);
    return 'applied';
  }
}
