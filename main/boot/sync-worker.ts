import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { SyncAck, SyncError, syncPaths, type SyncBatch, type SyncRecord } from '../contract/sync';
import type { Clock, Outbox } from '../core/ports';
import { PinnedAgent, postPinnedJson, TransportError, type PinnedRequest, type PinnedResponse } from './pinned-https';

/*
 * The device's sync worker (DESIGN.md, "The network"): pushes the outbox to the central server in
 * batches, in sequence order, and marks what the central acknowledges. Delivery is at least once:
 * a batch cut off at any byte is simply sent again, since the central stores each (device, seq)
 * once. Records are never deleted here; after `acknowledgeOutbox` they stay readable, so a central
 * that lost data (a restored backup) gets them again.
 *
 * It never slows the kiosk: reading a batch is one synchronous, bounded SQLite query, serialising
 * 500 records takes a millisecond or two, and the worker yields to the event loop between batches.
 */

export interface SyncTarget {
  /** `https://host:port` of the central server. */
  url: string;
  deviceId: string;
  token: string;
  /** The pinned SHA-256 fingerprint of the central's certificate, 64 hex digits. */
  fingerprint: string;
}

/** What the worker tells the kiosk's log: each event once per change of state, not once per retry. */
export interface SyncLog {
  info(event: string, detail: Record<string, unknown>, message: string): void;
  warn(event: string, detail: Record<string, unknown>, message: string): void;
  error(event: string, detail: Record<string, unknown>, message: string): void;
}

/** The timers the worker waits on between attempts; a test passes its own to record the schedule. */
export interface WaitTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export interface SyncWorkerOptions {
  outbox: Outbox;
  target: SyncTarget;
  clock: Clock;
  log: SyncLog;
  /** Records per batch (500; the contract allows up to SYNC_BATCH_MAX). */
  batchSize?: number;
  /** Retry after a network error, a timeout or a 5xx: full jitter over base·2ⁿ, capped (1 s, 5 min). */
  backoff?: BackoffOptions;
  /** How often an idle worker looks for records nobody woke it for (30 s). */
  pollMs?: number;
  /** One request's limit: connect, TLS, body and answer (30 s). */
  requestTimeoutMs?: number;
  /** After a refused credential or certificate, how long before trying again (1 hour). */
  refusedRetryMs?: number;
  /** Uniform in [0, 1): the jitter's source. */
  random?: () => number;
  timers?: WaitTimers;
  /** The app and central catalog versions, sent with every batch for the fleet screen. */
  describe?: () => { appVersion?: string; catalogVersion?: string | null };
  /** Send batches gzip-compressed (true): about a tenth of the bytes on a bus's mobile link. */
  gzip?: boolean;
  /** The HTTPS exchange; postPinnedJson unless a test replaces it. */
  post?: (request: PinnedRequest) => Promise<PinnedResponse>;
}

export type SyncPhase = 'starting' | 'idle' | 'sending' | 'retrying' | 'refused' | 'stopped';

export interface SyncStatus {
  phase: SyncPhase;
  /** The highest sequence in the outbox, and the highest the central acknowledged (as of the last look). */
  lastSeq: number;
  acknowledgedSeq: number;
  /** The last failure, kept after a success so the technician sees what happened. */
  lastError: { at: string; kind: SyncFailureKind; message: string } | null;
  lastSuccessAt: string | null;
  /** When the worker tries next while waiting (idle poll, backoff or refused); null while sending. */
  nextAttemptAt: string | null;
  /** Failed attempts in a row (0 after a success). */
  failuresInRow: number;
}

export type SyncFailureKind =
  | 'network'
  | 'timeout'
  | 'server-error'
  | 'bad-answer'
  | 'bad-batch'
  | 'outbox-unavailable'
  | 'credential-refused'
  | 'certificate-refused'
  | 'record-conflict';

export const SYNC_DEFAULTS = {
  batchSize: 500,
  backoff: { baseMs: 1_000, capMs: 5 * 60_000 },
  pollMs: 30_000,
  requestTimeoutMs: 30_000,
  refusedRetryMs: 60 * 60_000,
} as const;

/**
 * Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): a uniform wait between 0
 * and base·2^(failures−1), capped, so a fleet coming back after an outage does not retry in step.
 */
export function backoffDelay(failuresInRow: number, backoff: BackoffOptions, random: () => number): number {
  const exponent = Math.min(Math.max(failuresInRow - 1, 0), 30);
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** What became of one batch. */
type Outcome =
  | { kind: 'acknowledged'; acknowledgedSeq: number }
  | { kind: 'gap'; acknowledgedSeq: number }
  | { kind: 'retry'; failure: SyncFailureKind; message: string }
  | { kind: 'refused'; failure: 'credential-refused' | 'certificate-refused' | 'record-conflict'; message: string }
  | { kind: 'stopped' };

const realTimers: WaitTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SyncWorker {
  private readonly batchSize: number;
  private readonly backoff: BackoffOptions;
  private readonly pollMs: number;
  private readonly requestTimeoutMs: number;
  private readonly refusedRetryMs: number;
  private readonly random: () => number;
  private readonly timers: WaitTimers;
  private readonly post: (request: PinnedRequest) => Promise<PinnedResponse>;
  /** The checked connection the batches follow each other on. */
  private readonly agent: PinnedAgent;

  /** Send the records after this one next: the acknowledged seq, or lower after a sync-gap. */
  private cursor: number | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private inFlight: AbortController | null = null;
  /** Ends the current wait early (wake() while idle, stop() always). */
  private endWait: (() => void) | null = null;
  private waitingIdle = false;
  /** A wake() that came while a batch was being sent: look again at once instead of waiting. */
  private wokenWhileBusy = false;
  private state: SyncStatus = {
    phase: 'starting',
    lastSeq: 0,
    acknowledgedSeq: 0,
    lastError: null,
    lastSuccessAt: null,
    nextAttemptAt: null,
    failuresInRow: 0,
  };

  constructor(private readonly options: SyncWorkerOptions) {
    this.batchSize = options.batchSize ?? SYNC_DEFAULTS.batchSize;
    this.backoff = options.backoff ?? SYNC_DEFAULTS.backoff;
    this.pollMs = options.pollMs ?? SYNC_DEFAULTS.pollMs;
    this.requestTimeoutMs = options.requestTimeoutMs ?? SYNC_DEFAULTS.requestTimeoutMs;
    this.refusedRetryMs = options.refusedRetryMs ?? SYNC_DEFAULTS.refusedRetryMs;
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? realTimers;
    this.post = options.post ?? postPinnedJson;
    this.agent = new PinnedAgent(options.target.fingerprint);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((error: unknown) => {
      // A failing outbox (disk gone) ends the worker, never the kiosk; a restart tries again.
      this.state = { ...this.state, phase: 'stopped', nextAttemptAt: null };
      this.options.log.error('sync-stopped', { err: error }, 'the sync worker stopped on an unexpected error');
    });
  }

  /** A change was written to the outbox: an idle worker sends it now rather than at the next poll. */
  wake(): void {
    if (this.waitingIdle) this.endWait?.();
    else this.wokenWhileBusy = true;
  }

  /** Ends the worker: aborts a request in flight (the batch is sent again at the next start). */
  async stop(): Promise<void> {
    this.running = false;
    this.inFlight?.abort();
    this.endWait?.();
    await this.loop;
    this.agent.destroy();
    this.state = { ...this.state, phase: 'stopped', nextAttemptAt: null };
  }

  status(): SyncStatus {
    return { ...this.state };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.step();
      } catch (error) {
        // The kiosk's database is busy or its disk is gone: wait as after a network error, and
        // never let it reach the kiosk.
        await this.retryLater('outbox-unavailable', `the outbox failed: ${(error as Error).message}`);
      }
    }
  }

  /** One look at the outbox: a batch sent and settled, or a wait for new records. */
  private async step(): Promise<void> {
    this.cursor ??= this.options.outbox.outboxState().acknowledgedSeq;
    const { lastSeq, acknowledgedSeq } = this.options.outbox.outboxState();
    this.state = { ...this.state, lastSeq, acknowledgedSeq };
    const records = this.options.outbox.readOutbox(this.cursor, this.batchSize);
    if (records.length === 0) {
      await this.waitIdle();
      return;
    }
    const outcome = await this.send(records, lastSeq);
    if (!this.running || outcome.kind === 'stopped') return;
    await this.settle(outcome, records);
  }

  private async retryLater(failure: SyncFailureKind, message: string): Promise<void> {
    const failuresInRow = this.state.failuresInRow + 1;
    const delay = backoffDelay(failuresInRow, this.backoff, this.random);
    this.noteFailure(failure, message, failuresInRow, 'retrying', delay);
    await this.waitFor(delay, false);
  }

  private async settle(outcome: Exclude<Outcome, { kind: 'stopped' }>, records: SyncRecord[]): Promise<void> {
    const { log } = this.options;
    const now = () => this.options.clock.now().toISOString();
    /** The batch followed this sequence. */
    const sentAfter = records[0]!.seq - 1;
    switch (outcome.kind) {
      case 'acknowledged': {
        const lastSent = records[records.length - 1]!.seq;
        if (outcome.acknowledgedSeq > lastSent) {
          // The central holds more of this device than was sent: another device with this id, or
          // a replaced kiosk.sqlite. Mark only what was sent; the technician must look.
          log.warn(
            'sync-central-ahead',
            { acknowledgedSeq: outcome.acknowledgedSeq, lastSent },
            'the central server holds records of this device that were never sent from this database',
          );
        }
        const acknowledged = Math.min(outcome.acknowledgedSeq, lastSent);
        if (acknowledged <= sentAfter) {
          // Nothing of the batch was taken: sending it again at once would loop without end.
          await this.retryLater('bad-answer', `the central server acknowledged ${acknowledged}, none of the batch`);
          return;
        }
        this.options.outbox.acknowledgeOutbox(acknowledged, this.options.clock.now());
        this.cursor = acknowledged;
        if (this.state.failuresInRow > 0) {
          log.info('sync-resumed', { after: this.state.failuresInRow }, 'the central server takes batches again');
        }
        this.state = {
          ...this.state,
          phase: 'sending',
          acknowledgedSeq: Math.max(this.state.acknowledgedSeq, acknowledged),
          lastSuccessAt: now(),
          failuresInRow: 0,
          nextAttemptAt: null,
        };
        // Let the kiosk's own work (a tap, a print) run before the next batch is read.
        await yieldToEventLoop();
        return;
      }
      case 'gap': {
        const local = this.options.outbox.outboxState().acknowledgedSeq;
        if (outcome.acknowledgedSeq < local) {
          log.warn(
            'sync-central-behind',
            { centralSeq: outcome.acknowledgedSeq, acknowledgedSeq: local },
            `the central server holds this device's records only up to ${outcome.acknowledgedSeq}, ` +
              `though it had acknowledged ${local} (it lost data): sending again from ${outcome.acknowledgedSeq + 1}`,
          );
        }
        if (outcome.acknowledgedSeq >= sentAfter) {
          // A gap says the batch started too far on; one that started right after the central's
          // sequence cannot be a gap, so the answer is wrong and resending at once would loop.
          await this.retryLater('bad-answer', `sync-gap at ${outcome.acknowledgedSeq}, yet the batch followed it`);
          return;
        }
        this.cursor = outcome.acknowledgedSeq;
        await yieldToEventLoop();
        return;
      }
      case 'retry':
        await this.retryLater(outcome.failure, outcome.message);
        return;
      case 'refused': {
        // A revoked or unknown credential, or a certificate that is not the pinned one, does not
        // mend itself in seconds: a technician must act. Look again rarely, never in a hot loop.
        this.noteFailure(
          outcome.failure,
          outcome.message,
          this.state.failuresInRow + 1,
          'refused',
          this.refusedRetryMs,
        );
        await this.waitFor(this.refusedRetryMs, false);
        return;
      }
    }
  }

  private noteFailure(kind: SyncFailureKind, message: string, failuresInRow: number, phase: SyncPhase, delay: number) {
    const at = this.options.clock.now();
    const repeated = this.state.lastError?.kind === kind && this.state.failuresInRow > 0;
    this.state = {
      ...this.state,
      phase,
      lastError: { at: at.toISOString(), kind, message },
      failuresInRow,
      nextAttemptAt: new Date(at.getTime() + delay).toISOString(),
    };
    // One log line when a kind of failure starts, not one per retry of a week offline.
    if (repeated) return;
    const detail = { kind, failuresInRow, retryInMs: delay };
    if (phase === 'refused') this.options.log.error(`sync-${kind}`, detail, message);
    else this.options.log.warn('sync-failed', detail, message);
  }

  private async send(records: SyncRecord[], lastSeq: number): Promise<Outcome> {
    const lastInBatch = records[records.length - 1]!.seq;
    const batch: SyncBatch = {
      deviceId: this.options.target.deviceId,
      sentAt: this.options.clock.now().toISOString(),
      backlog: Math.max(lastSeq - lastInBatch, 0),
      ...this.options.describe?.(),
      records,
    };
    this.state = { ...this.state, phase: 'sending', nextAttemptAt: null };
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const response = await this.post({
        url: this.options.target.url,
        path: syncPaths.batch,
        fingerprint: this.options.target.fingerprint,
        token: this.options.target.token,
        body: batch,
        gzip: this.options.gzip ?? true,
        agent: this.agent,
        timeoutMs: this.requestTimeoutMs,
        signal: controller.signal,
      });
      return classify(response);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      if (error.kind === 'aborted') return { kind: 'stopped' };
      if (error.kind === 'certificate-refused') {
        return { kind: 'refused', failure: 'certificate-refused', message: error.message };
      }
      return { kind: 'retry', failure: error.kind, message: error.message };
    } finally {
      this.inFlight = null;
    }
  }

  private waitIdle(): Promise<void> {
    if (this.wokenWhileBusy) {
      this.wokenWhileBusy = false;
      return Promise.resolve();
    }
    this.state = {
      ...this.state,
      phase: 'idle',
      nextAttemptAt: new Date(this.options.clock.now().getTime() + this.pollMs).toISOString(),
    };
    return this.waitFor(this.pollMs, true);
  }

  /** Waits `ms`, or less if stopped (or, when `wakeable`, woken). A wake during a backoff is ignored. */
  private waitFor(ms: number, wakeable: boolean): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.wokenWhileBusy = false;
    return new Promise<void>((resolve) => {
      const done = () => {
        this.timers.clearTimeout(handle);
        this.endWait = null;
        this.waitingIdle = false;
        resolve();
      };
      const handle = this.timers.setTimeout(done, ms);
      this.endWait = done;
      this.waitingIdle = wakeable;
    });
  }
}

/** The central's answer to one batch, read by the contract (main/contract/sync.ts). */
function classify(response: PinnedResponse): Outcome {
  const { status, body } = response;
  if (status === 200) {
    const ack = SyncAck.safeParse(body);
    if (ack.success) return { kind: 'acknowledged', acknowledgedSeq: ack.data.acknowledgedSeq };
    return { kind: 'retry', failure: 'bad-answer', message: `HTTP 200 without an acknowledged sequence` };
  }
  const refusal = SyncError.safeParse(body);
  const said = refusal.success ? `${refusal.data.error}: ${refusal.data.message}` : `no readable reason`;
  if (status === 409 && refusal.success && refusal.data.error === 'record-conflict') {
    // Sending on would have the central ignore this database's records as repeats of others: lost.
    return {
      kind: 'refused',
      failure: 'record-conflict',
      message:
        `the central server holds different records under this device's sequence numbers ` +
        `(from ${refusal.data.conflictSeq ?? 'unknown'}): this database was replaced or restored, or another ` +
        'device uses this id. Nothing more is sent; enrol this device again under a new id (npm run enrol)',
    };
  }
  if (status === 409 && refusal.success && refusal.data.acknowledgedSeq !== undefined) {
    return { kind: 'gap', acknowledgedSeq: refusal.data.acknowledgedSeq };
  }
  if (status === 401 || status === 403) {
    return {
      kind: 'refused',
      failure: 'credential-refused',
      message:
        `the central server refused this device's credential (HTTP ${status}, ${said}): ` +
        're-enrol the device with a new code (npm run enrol)',
    };
  }
  if (status === 400) {
    // A batch the central finds malformed is a bug on one side; retrying slowly keeps it visible
    // without hammering the central, and a fixed version of either side then goes through.
    const problems = refusal.success && refusal.data.problems ? `: ${refusal.data.problems.join('; ')}` : '';
    return {
      kind: 'retry',
      failure: 'bad-batch',
      message: `the central server refused the batch (${said})${problems}`,
    };
  }
  return { kind: 'retry', failure: 'server-error', message: `the central server answered HTTP ${status} (${said})` };
}
