import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiError,
  kioskCalls,
  MAX_HANDED_OVER,
  OfflineBlock,
  type CallInput,
  type HallLinkReport,
  type CallOutput,
  type KioskCallName,
  type OfflineBlock as Block,
  type Ticket,
} from '../contract';
import { KioskError } from '../core/errors';
import type { HallQueue, KioskStore } from '../core/ports';
import { writeFileDurably } from './durable-write';
import { HallTransport } from './hall-transport';
import { backoffDelay } from './sync-worker';

export interface HallLinkOptions {
  /** The server's API address (`hall.server`), e.g. http://hall-server.lan:8787. */
  server: string;
  /** SHA-256 of the server's certificate, pinned at enrolment: needed for an https:// server. */
  fingerprint: string | null;
  token: string;
  kioskId: string;
  timeoutMs: number;
  store: Pick<KioskStore, 'ticketsToHandOver' | 'countTicketsToHandOver' | 'markHandedOver'>;
  /** Where the block agreed with the server is kept, so a kiosk restarted while cut off still has it. */
  dataDir: string;
  /** The technicians' log. */
  log(event: string, detail: Record<string, unknown>, message: string, level?: 'info' | 'warn'): void;
  /** Between handover rounds while the server cannot be reached: grows to this, with jitter. */
  maxRetryMs?: number;
  /** How often the block is asked for again. */
  setupEveryMs?: number;
}

/** The server could not be asked: cut off, down, or too slow. Never a refusal. */
class Unreachable extends Error {}

const STATE_FILE = 'hall-link.json';
const CATALOG_VERSION_FILE = 'hall-catalog-version';

/** HTTP statuses that say the server will not serve this kiosk now, whatever it asks. */
const NOT_SERVING: ReadonlySet<number> = new Set([401, 403, 404, 429]);

/**
 * A kiosk of a hall's link to its server (main/contract/hall.ts): asks it to number each ticket,
 * keeps the block of numbers it agreed with the server (on disk, for a restart while cut off), and
 * hands over every ticket whose print outcome the server does not hold yet, in the background,
 * until the server holds it. The kiosk's own SQLite keeps them until then, so a kill or a cut at
 * any moment loses nothing and sends nothing twice (the server matches each by its ref).
 */
export class HallLink implements HallQueue {
  private block: Block | null;
  private phone: string | null;
  private reachable: boolean | null = null;
  private lastContactAt: string | null = null;
  private lastError: string | null = null;
  private stopped = false;
  private readonly waiters = new Set<() => void>();
  private woken = false;
  private readonly loops: Promise<void>[] = [];

  private readonly transport: HallTransport;
  private applyCatalog: ((text: string, version: string) => Promise<unknown>) | null = null;
  /** The server's catalog last applied here, kept on disk: a restart does not apply it again. */
  private catalogVersion: string | null;
  private refusedCatalogVersion: string | null = null;

  constructor(private readonly options: HallLinkOptions) {
    this.transport = new HallTransport(options.server, options.fingerprint);
    ({ block: this.block, phoneUrl: this.phone } = readState(join(options.dataDir, STATE_FILE)));
    const versionFile = join(options.dataDir, CATALOG_VERSION_FILE);
    this.catalogVersion = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() || null : null;
  }

  /** Starts the handover and the block's refresh; the first of each runs at once. */
  start(): void {
    this.loops.push(this.handOverLoop(), this.setupLoop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.loops);
    this.transport.close();
  }

  newRef(): string {
    return randomUUID();
  }

  async issue(
    request: CallInput<'hallIssueTicket'> extends infer I ? Omit<I, 'kioskId'> : never,
  ): Promise<Ticket | 'unreachable'> {
    return this.ask('hallIssueTicket', { ...request, kioskId: this.options.kioskId });
  }

  /** Asks the server a call it answers for the hall (availability, wait); `unreachable` when it cannot be asked. */
  async ask<N extends KioskCallName>(name: N, input: CallInput<N>): Promise<CallOutput<N> | 'unreachable'> {
    try {
      return await this.call(name, input);
    } catch (error) {
      if (error instanceof Unreachable) return 'unreachable';
      throw error;
    }
  }

  phoneUrl(): string | null {
    return this.phone;
  }

  offlineBlock(): Block | null {
    return this.block;
  }

  outcomeStored(): void {
    this.wake();
  }

  status(): HallLinkReport {
    return {
      server: this.options.server,
      reachable: this.reachable,
      lastContactAt: this.lastContactAt,
      lastError: this.lastError,
      block: this.block,
      toHandOver: this.options.store.countTicketsToHandOver(),
    };
  }

  /** Asks the server now for its block; false when it cannot be reached. */
  async refreshSetup(): Promise<boolean> {
    try {
      const setup = await this.call('hallKioskSetup', { kioskId: this.options.kioskId });
      const changed = JSON.stringify(setup.block) !== JSON.stringify(this.block) || setup.phoneUrl !== this.phone;
      if (changed) {
        writeFileDurably(
          join(this.options.dataDir, STATE_FILE),
          `${JSON.stringify({ block: setup.block, phoneUrl: setup.phoneUrl }, null, 2)}\n`,
        );
        this.block = setup.block;
        this.phone = setup.phoneUrl;
        this.options.log(
          'hall-block',
          { block: setup.block },
          'the hall server gave this kiosk its offline block',
          'info',
        );
      }
      await this.followCatalog();
      return true;
    } catch (error) {
      if (error instanceof Unreachable) return false;
      throw error;
    }
  }

  /** Where the server's catalog goes when it changes (the kiosk's technician import); set before start. */
  onCatalog(apply: (text: string, version: string) => Promise<unknown>): void {
    this.applyCatalog = apply;
  }

  /**
   * The kiosk shows the hall's services as its server has them: a catalog that differs from the
   * one last applied is applied (checked as a technician's import, the last good one kept). One the
   * kiosk refuses is told to the technician once, and the kiosk keeps its own.
   */
  private async followCatalog(): Promise<void> {
    if (!this.applyCatalog) return;
    const text = JSON.stringify(await this.call('getCatalog', {}));
    const version = createHash('sha256').update(text).digest('hex').slice(0, 16);
    if (version === this.catalogVersion || version === this.refusedCatalogVersion) return;
    try {
      await this.applyCatalog(text, version);
      writeFileDurably(join(this.options.dataDir, CATALOG_VERSION_FILE), `${version}\n`);
      this.catalogVersion = version;
      this.options.log('hall-catalog', { version }, "the hall server's catalog is applied", 'info');
    } catch (error) {
      this.refusedCatalogVersion = version;
      this.options.log(
        'hall-catalog-refused',
        { version, error: String(error) },
        "the hall server's catalog was refused",
      );
    }
  }

  /**
   * One round: hands over up to a batch of tickets; true when some remain (another round at once).
   * Throws Unreachable when the server cannot be asked.
   */
  async handOverOnce(): Promise<boolean> {
    const tickets = this.options.store.ticketsToHandOver(MAX_HANDED_OVER);
    if (tickets.length === 0) return false;
    const { held } = await this.call('hallHandOver', { kioskId: this.options.kioskId, tickets });
    const heldRefs = new Set(held);
    this.options.store.markHandedOver(
      tickets.filter((ticket) => heldRefs.has(ticket.originRef)),
      new Date(),
    );
    if (held.length < tickets.length) {
      const refused = tickets.filter((ticket) => !heldRefs.has(ticket.originRef)).map((ticket) => ticket.number);
      this.options.log(
        'hall-handover-refused',
        { numbers: refused },
        `the hall server did not take ${refused.join(', ')}: another ticket holds the number (do two kiosks' blocks overlap?)`,
      );
      return false;
    }
    return tickets.length === MAX_HANDED_OVER;
  }

  private async handOverLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let more = false;
      try {
        more = await this.handOverOnce();
        failures = 0;
      } catch (error) {
        if (!(error instanceof Unreachable)) {
          this.options.log(
            'hall-handover-failed',
            { error: String(error) },
            'handing tickets over to the hall server failed',
          );
        }
        failures++;
      }
      if (more) continue;
      await this.sleep(failures === 0 ? 10_000 : backoffDelay(failures, this.retry(), Math.random));
    }
  }

  private async setupLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const reached = await this.refreshSetup().catch((error: unknown) => {
        this.options.log(
          'hall-setup-failed',
          { error: String(error) },
          "asking the hall server for this kiosk's block failed",
        );
        return false;
      });
      failures = reached ? 0 : failures + 1;
      // Without its block a kiosk cannot serve while the server is away: a first ask that failed
      // (the server starting, a slow answer) is asked again within seconds, not in a minute.
      const soon = failures > 0 && this.block === null;
      await this.sleep(
        soon ? backoffDelay(failures, this.retry(), Math.random) : (this.options.setupEveryMs ?? 60_000),
        false,
      );
    }
  }

  /** Full jitter, as the central sync's: kiosks cut off together do not all come back in the same instant. */
  private retry(): { baseMs: number; capMs: number } {
    return { baseMs: 1_000, capMs: this.options.maxRetryMs ?? 15_000 };
  }

  private wake(): void {
    this.woken = true;
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Waits `ms`; a wakeable wait ends early when woken (a new outcome to hand over), any wait at the stop. */
  private sleep(ms: number, wakeable = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (wakeable && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const waiters = this.waiters;
      const waiter = () => {
        if (wakeable || this.stopped) finish();
      };
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve();
      }
      waiters.add(waiter);
    }).then(() => {
      if (wakeable) this.woken = false;
    });
  }

  /** One call to the server; Unreachable for anything but an answer of the contract's shape. */
  private async call<N extends KioskCallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    let status: number;
    let body: unknown;
    try {
      ({ status, body } = await this.transport.post(name, input, this.options.token, this.options.timeoutMs));
    } catch (error) {
      throw this.unreachable(error instanceof Error ? error.message : String(error));
    }
    if (body === null) throw this.unreachable(`the server answered ${status} without JSON`);
    // A server that is down, overloaded, or will not take this kiosk (a wrong token, a device that is
    // not the hall's server) numbers nothing: the kiosk serves its visitors from its own block and
    // the technician sees why. Only a refusal of the request itself reaches the visitor.
    if (status >= 500 || NOT_SERVING.has(status)) {
      const why = ApiError.safeParse((body as { error?: unknown }).error);
      throw this.unreachable(
        `the server answered ${status}${why.success ? ` (${why.data.code}: ${why.data.message})` : ''}`,
      );
    }
    this.reachable = true;
    this.lastContactAt = new Date().toISOString();
    const envelope = body as { ok?: unknown; value?: unknown; error?: unknown };
    if (envelope.ok === true) {
      this.lastError = null;
      return kioskCalls[name].output.parse(envelope.value) as CallOutput<N>;
    }
    const refusal = ApiError.safeParse(envelope.error);
    if (!refusal.success) throw this.unreachable(`the server answered ${status} in a form this kiosk does not know`);
    this.lastError = `${refusal.data.code}: ${refusal.data.message}`;
    throw new KioskError(refusal.data.code, `the hall server refused: ${refusal.data.message}`);
  }

  private unreachable(why: string): Unreachable {
    this.reachable = false;
    this.lastError = why;
    return new Unreachable(why);
  }
}

/** What the server last agreed with this kiosk, as kept on disk; nothing when the file is missing or damaged. */
function readState(file: string): { block: Block | null; phoneUrl: string | null } {
  const none = { block: null, phoneUrl: null };
  if (!existsSync(file)) return none;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { block?: unknown; phoneUrl?: unknown };
    return {
      block: parsed.block === null || parsed.block === undefined ? null : OfflineBlock.parse(parsed.block),
      phoneUrl: typeof parsed.phoneUrl === 'string' ? parsed.phoneUrl : null,
    };
  } catch {
    // A damaged file: nothing until the server is asked again (issuing then waits for the server).
    return none;
  }
}
