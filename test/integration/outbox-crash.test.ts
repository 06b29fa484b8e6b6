import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRecord } from '../../main/contract';
import { tempDir } from '../support/kiosk-fixture';
import { expectGapless, readOutboxFile } from '../support/outbox';

// Issues tickets as fast as it can through the kiosk service: each one numbered and stored, printed
// (on a stand-in that takes it at once) and its outcome stored; prints each number once issued.
const CHILD = join(import.meta.dirname, '../support/issue-tickets-until-killed.ts');
const INSTANT = '2026-11-22T08:00:00Z';

/** Runs a child on `dbFile` until it has reported `atLeast` numbers plus a random few, then SIGKILLs it. */
function issueUntilKilled(dbFile: string, atLeast: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, INSTANT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: string[] = [];
    let pending = '';
    let stderr = '';
    const killAfter = atLeast + Math.floor(Math.random() * 40);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      reported.push(...lines);
      if (reported.length >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`the child ended by itself (${signal ?? code}): ${stderr}`));
    });
  });
}

interface TicketRow {
  id: number;
  number: string;
  print_status: string;
}

function ticketsOf(dbFile: string): TicketRow[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare<[], TicketRow>('SELECT id, number, print_status FROM tickets ORDER BY id').all();
  } finally {
    db.close();
  }
}

/**
 * The outbox tells exactly what the tables hold: one ticket-issued fact per ticket row and no fact
 * of a ticket that is not there (no change without its fact, no fact without its change); each
 * ticket's last print-outcome fact is its stored print status (none while still pending).
 */
function expectOutboxMatchesTables(dbFile: string): SyncRecord[] {
  const tickets = ticketsOf(dbFile);
  const records = readOutboxFile(dbFile);
  expectGapless(records);
  const issued = records.flatMap(({ fact }) => (fact.kind === 'ticket-issued' ? [fact] : []));
  expect(issued.map((fact) => [fact.ticketId, fact.number])).toEqual(tickets.map((row) => [row.id, row.number]));
  const ids = new Set(tickets.map((row) => row.id));
  const lastOutcome = new Map<number, string>();
  for (const { fact } of records) {
    expect(
      fact.kind === 'printer-state' ||
        fact.kind === 'paper-roll' ||
        fact.kind === 'release-applied' ||
        ids.has(fact.ticketId),
    ).toBe(true);
    if (fact.kind === 'print-outcome') lastOutcome.set(fact.ticketId, fact.status);
  }
  for (const row of tickets) {
    expect([row.number, lastOutcome.get(row.id) ?? 'pending']).toEqual([row.number, row.print_status]);
  }
  return records;
}

describe('the outbox survives kills and a second process on the same file (real processes, real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-outbox-crash-')));
  afterEach(() => dir.remove());

  it('after each SIGKILL in a loop of issue and print outcome, every change has its fact and every fact its change', async () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const reported: string[] = [];
    for (let run = 0; run < 5; run++) {
      reported.push(...(await issueUntilKilled(dbFile, 60)));
      const records = expectOutboxMatchesTables(dbFile);
      // Every number a visitor was given is told upstream.
      const told = new Set(records.flatMap(({ fact }) => (fact.kind === 'ticket-issued' ? [fact.number] : [])));
      expect(reported.filter((number) => !told.has(number))).toEqual([]);
    }
    expect(reported.length).toBeGreaterThanOrEqual(300);
    // The restarts in between found the ticket the kill cut off between its issue and its outcome,
    // if any: their 'interrupted' outcomes are facts too (checked by expectOutboxMatchesTables).
  });

  it('two processes issuing on one file: exactly one ticket-issued fact per ticket, one gapless sequence', async () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const [first, second] = await Promise.all([issueUntilKilled(dbFile, 150), issueUntilKilled(dbFile, 150)]);
    const records = expectOutboxMatchesTables(dbFile);
    const issuedNumbers = records.flatMap(({ fact }) => (fact.kind === 'ticket-issued' ? [fact.number] : []));
    expect(new Set(issuedNumbers).size).toBe(issuedNumbers.length);
    expect([...first, ...second].filter((number) => !issuedNumbers.includes(number))).toEqual([]);
    expect(first.length + second.length).toBeGreaterThanOrEqual(300);
  });
});
