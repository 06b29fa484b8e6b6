import Database from 'better-sqlite3';
import type { SyncFact, SyncRecord } from '../../main/contract/sync';
import type { Outbox } from '../../main/core/ports';
import type { PrinterStatus } from '../../main/contract';

/**
 * A real SQLite outbox for the sync worker's tests: a table in a temp file, through better-sqlite3,
 * implementing core's `Outbox` port. It stands in for SqliteStore's own outbox, which is built on
 * another branch; on merge the lead switches these tests to SqliteStore. Like the real one it
 * never deletes a record and never moves the acknowledged sequence backwards.
 */
export class SqliteTestOutbox implements Outbox {
  private readonly db: Database.Database;
  /** Every readOutbox call, for tests that check batches are bounded. */
  readonly reads: Array<{ afterSeq: number; limit: number; returned: number }> = [];

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, fact TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox_ack (one INTEGER PRIMARY KEY CHECK (one = 1), seq INTEGER NOT NULL, at TEXT);
      INSERT OR IGNORE INTO outbox_ack (one, seq, at) VALUES (1, 0, NULL);
    `);
  }

  /** Appends facts with the next sequence numbers, in one transaction; returns the last seq. */
  append(facts: SyncFact[], at: Date): number {
    const insert = this.db.prepare('INSERT INTO outbox (seq, at, fact) VALUES (?, ?, ?)');
    return this.db.transaction(() => {
      let seq = this.outboxState().lastSeq;
      for (const fact of facts) insert.run(++seq, at.toISOString(), JSON.stringify(fact));
      return seq;
    })();
  }

  readOutbox(afterSeq: number, limit: number): SyncRecord[] {
    const rows = this.db
      .prepare('SELECT seq, at, fact FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, limit) as Array<{ seq: number; at: string; fact: string }>;
    this.reads.push({ afterSeq, limit, returned: rows.length });
    return rows.map((row) => ({ seq: row.seq, at: row.at, fact: JSON.parse(row.fact) as SyncFact }));
  }

  acknowledgeOutbox(seq: number, at: Date): void {
    this.db.prepare('UPDATE outbox_ack SET seq = ?, at = ? WHERE one = 1 AND seq < ?').run(seq, at.toISOString(), seq);
  }

  outboxState(): { lastSeq: number; acknowledgedSeq: number; lastAcknowledgedAt: string | null } {
    const last = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM outbox').get() as { seq: number };
    const ack = this.db.prepare('SELECT seq, at FROM outbox_ack WHERE one = 1').get() as {
      seq: number;
      at: string | null;
    };
    return { lastSeq: last.seq, acknowledgedSeq: ack.seq, lastAcknowledgedAt: ack.at };
  }

  recordPrinterState(status: PrinterStatus, at: Date): void {
    this.append([{ kind: 'printer-state', status }], at);
  }

  close(): void {
    this.db.close();
  }
}

/** A plausible day's facts: a ticket, its print, a call, a finish and a rating, for ticket `id`. */
export function visitFacts(ticketId: number): SyncFact[] {
  const number = `A-${String(((ticketId - 1) % 999) + 1).padStart(3, '0')}`;
  return [
    {
      kind: 'ticket-issued',
      ticketId,
      number,
      group: 'A',
      sequence: ((ticketId - 1) % 999) + 1,
      localDay: '2026-11-20',
      serviceId: 'passport',
      language: 'az',
      priority: null,
      peopleAhead: ticketId % 7,
      estimatedWaitMinutes: 12,
    },
    { kind: 'print-outcome', ticketId, status: 'printed', error: null },
    { kind: 'visit-step', ticketId, step: 'finished', stateAfter: 'done', deskId: '1', serviceId: 'passport' },
  ];
}
