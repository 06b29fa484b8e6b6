import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { SyncRecord } from '../../main/contract';
import type { Outbox } from '../../main/core/ports';

/** Every record of the outbox, read page by page as the sync worker will, each checked against the contract. */
export function readWholeOutbox(outbox: Outbox, pageSize = 1000): SyncRecord[] {
  const records: SyncRecord[] = [];
  for (;;) {
    const page = outbox.readOutbox(records.at(-1)?.seq ?? 0, pageSize);
    records.push(...page.map((record) => SyncRecord.parse(record)));
    if (page.length < pageSize) return records;
  }
}

/** The outbox of a database file, read without the store (a file another process is writing or has left). */
export function readOutboxFile(dbFile: string): SyncRecord[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare<[], { seq: number; at: string; kind: string; fact: string }>('SELECT * FROM outbox ORDER BY seq')
      .all()
      .map((row) => {
        const record = SyncRecord.parse({ seq: row.seq, at: row.at, fact: JSON.parse(row.fact) });
        expect(row.kind).toBe(record.fact.kind);
        return record;
      });
  } finally {
    db.close();
  }
}

/** 1, 2, 3, … n: the device's own order, without a gap or a repeat. */
export function expectGapless(records: SyncRecord[]): void {
  expect(records.map((record) => record.seq)).toEqual(Array.from({ length: records.length }, (_, index) => index + 1));
}
