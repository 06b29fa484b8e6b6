import type pg from 'pg';
import { SyncRecord } from '../../contract/sync';
import { transaction } from './transaction';
import { ensureVisitPartitions, partitionMonths, projectVisits } from './visit-projection-store';

/*
 * The visit projector (issue 13): ingest stores only the immutable records; this folds each
 * device's records past its cursor (visit_projection.projected_seq, migration 006) into the visits
 * and rollups, a batch at a time, in one transaction that also advances the cursor. The cursor's
 * row is taken FOR UPDATE SKIP LOCKED, so two central processes never fold one device's records at
 * once (the other moves on to other devices), and a projector stopped mid-way leaves the cursor at
 * the last batch it committed: each record is folded exactly once.
 */

export interface ProjectorOptions {
  /** Records folded per transaction. */
  batchRecords?: number;
  /** How often the background projector looks for records when nothing woke it. */
  pollMs?: number;
  /**
   * While devices are sending (an ingest within the last second), the background projector rests
   * this many times as long as each batch took, so ingest keeps most of the machine and the
   * dashboards' lag grows instead (it is drained at full speed once ingest quiets). Default 9: the
   * projector works at most a tenth of the time while devices send. 0: never rests.
   */
  yieldToIngest?: number;
  log?: (level: 'info' | 'warn' | 'error', event: string, detail: Record<string, unknown>) => void;
  /** Run after every pass, folded or not (operator control's look at open visits), with the clock's now. */
  afterPass?: (now: Date) => Promise<unknown>;
  /** The clock afterPass is given (tests set it). */
  now?: () => Date;
}

/** A device another projector holds is looked at again after this long. */
const BUSY_RETRY_MS = 20;
/** Ingest this recent counts as devices sending now (see yieldToIngest). */
const INGEST_ACTIVE_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** PostgreSQL's deadlock_detected: two projectors' rollup upserts met in opposite orders; one retries. */
const DEADLOCK = '40P01';

type Step =
  { kind: 'busy' } | { kind: 'done' } | { kind: 'partitions'; months: string[] } | { kind: 'folded'; records: number };

export class VisitProjector {
  private readonly batchRecords: number;
  /** Months whose visits partition is known to exist. */
  private readonly partitions = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** The background pass under way, if any. */
  private pass: Promise<void> | null = null;
  /** Woken during a pass: run another when it ends. */
  private wokenDuringPass = false;
  private closed = false;
  /** When an ingest last stored records (performance.now()); -Infinity before any. */
  private lastIngestAt = -Infinity;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchRecords = options.batchRecords ?? 4_000;
  }

  /**
   * Folds every device's pending records and resolves when none is left (the count folded here).
   * Waits for a device another projector holds until that one is done with it; stops early only
   * when closed. Errors are thrown (the background loop logs them and tries again at its next poll).
   */
  async projectPending(): Promise<number> {
    const folded = await this.drain(false);
    await this.afterPass();
    return folded;
  }

  /** Runs in the background: a pass after each ingest (wake) and every pollMs. */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.passSoon(), this.options.pollMs ?? 3_000);
    this.passSoon();
  }

  /** Told after an ingest stored records: a pass (one more after the current, if one is under way). */
  wake(): void {
    this.lastIngestAt = performance.now();
    this.passSoon();
  }

  /** Stops after the batch under way (committed or not, the cursor stays right). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  /** `yielding`: rest between batches while ingest is active (the background's way; a drain does not). */
  private async drain(yielding: boolean): Promise<number> {
    let folded = 0;
    while (!this.closed) {
      const pending = await this.pendingDevices();
      if (pending.length === 0) break;
      let progressed = 0;
      for (const deviceId of pending) {
        if (this.closed) break;
        progressed += await this.projectDevice(deviceId, yielding);
      }
      folded += progressed;
      if (progressed === 0) await sleep(BUSY_RETRY_MS);
    }
    return folded;
  }

  private async afterPass(): Promise<void> {
    if (!this.closed) await this.options.afterPass?.(this.options.now?.() ?? new Date());
  }

  private passSoon(): void {
    if (!this.timer || this.closed) return;
    if (this.pass) {
      this.wokenDuringPass = true;
      return;
    }
    this.pass = this.runPasses().finally(() => (this.pass = null));
  }

  private async runPasses(): Promise<void> {
    do {
      this.wokenDuringPass = false;
      const started = performance.now();
      try {
        const folded = await this.drain(true);
        await this.afterPass();
        if (folded > 0) {
          this.options.log?.('info', 'visits-projected', {
            records: folded,
            ms: Math.round(performance.now() - started),
          });
        }
      } catch (error) {
        this.options.log?.('error', 'visit-projection-failed', { error: String(error) });
        return;
      }
    } while (this.wokenDuringPass && !this.closed);
  }

  /** Devices holding records past their cursor (a device new since the last pass gets its cursor at 0). */
  private async pendingDevices(): Promise<string[]> {
    await this.pool.query(
      `INSERT INTO visit_projection (device_id)
       SELECT d.device_id FROM devices d
        WHERE NOT EXISTS (SELECT 1 FROM visit_projection p WHERE p.device_id = d.device_id)
       ON CONFLICT (device_id) DO NOTHING`,
    );
    const { rows } = await this.pool.query<{ device_id: string }>(
      `SELECT d.device_id FROM devices d JOIN visit_projection p USING (device_id)
        WHERE d.held_seq > p.projected_seq ORDER BY d.device_id`,
    );
    return rows.map((row) => row.device_id);
  }

  /** Folds one device's pending records, batch by batch; 0 when another projector holds it. */
  private async projectDevice(deviceId: string, yielding: boolean): Promise<number> {
    let folded = 0;
    while (!this.closed) {
      let step: Step;
      const started = performance.now();
      try {
        step = await transaction(this.pool, (client) => this.step(client, deviceId));
      } catch (error) {
        if ((error as { code?: string }).code === DEADLOCK) continue;
        throw error;
      }
      if (step.kind === 'busy' || step.kind === 'done') break;
      if (step.kind === 'partitions') {
        // Created outside the batch's transaction (see ensure_visit_partition), then the batch again.
        await ensureVisitPartitions(this.pool, this.partitions, step.months);
        continue;
      }
      folded += step.records;
      const rest = (performance.now() - started) * (this.options.yieldToIngest ?? 9);
      if (yielding && performance.now() - this.lastIngestAt < INGEST_ACTIVE_MS && rest > 0) await sleep(rest);
    }
    return folded;
  }

  private async step(client: pg.PoolClient, deviceId: string): Promise<Step> {
    const cursor = await client.query<{ projected_seq: number; centre_id: string }>(
      `SELECT p.projected_seq::int AS projected_seq, d.centre_id
         FROM visit_projection p JOIN devices d USING (device_id)
        WHERE p.device_id = $1 FOR UPDATE OF p SKIP LOCKED`,
      [deviceId],
    );
    const held = cursor.rows[0];
    if (!held) return { kind: 'busy' };
    // Ingest writes a batch's records and held_seq in one transaction: those visible are gapless.
    const { rows } = await client.query<{ seq: number; device_at: Date; fact: unknown }>(
      `SELECT seq::int AS seq, device_at, fact FROM sync_records
        WHERE device_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [deviceId, held.projected_seq, this.batchRecords],
    );
    if (rows.length === 0) return { kind: 'done' };
    // Checked at ingest already; parsed again so what the fold reads is typed, not assumed.
    const records = rows.map((row) =>
      SyncRecord.parse({ seq: row.seq, at: row.device_at.toISOString(), fact: row.fact }),
    );
    const months = partitionMonths(records).filter((month) => !this.partitions.has(month));
    if (months.length > 0) return { kind: 'partitions', months };
    await projectVisits(client, deviceId, held.centre_id, records);
    await client.query('UPDATE visit_projection SET projected_seq = $2 WHERE device_id = $1', [
      deviceId,
      records.at(-1)!.seq,
    ]);
    return { kind: 'folded', records: records.length };
  }
}
