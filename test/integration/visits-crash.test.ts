import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VisitEvent } from '../../main/core/ports';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';

const CHILD = join(import.meta.dirname, 'visits-desk-until-killed.ts');
/** Friday noon in Baku, as the child's clock. */
const INSTANT = '2026-11-20T08:00:00.000Z';

/**
 * Runs the desk child and SIGKILLs it a random few milliseconds after it has reported `atLeast`
 * steps: the desk is then most likely inside a step's transaction, not idle after one.
 */
function runUntilKilled(dbFile: string, instant: string, atLeast: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, instant], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: string[] = [];
    let pending = '';
    let stderr = '';
    let killing = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      reported.push(...lines);
      if (reported.length >= atLeast && !killing) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`the child ended by itself (${signal ?? code}): ${stderr}`));
    });
  });
}

/** What a ticket's row must hold after its history, replayed step by step. */
function replay(events: readonly VisitEvent[]) {
  const row = {
    state: 'waiting',
    deskId: null as string | null,
    calledAt: null as string | null,
    recalls: 0,
    servingStartedAt: null as string | null,
    noShowAt: null as string | null,
    visitEndedAt: null as string | null,
  };
  for (const event of events) {
    if (event.kind === 'called')
      Object.assign(row, { state: 'called', deskId: event.deskId, calledAt: event.at, recalls: 0 });
    else if (event.kind === 'recalled') row.recalls++;
    else if (event.kind === 'started') Object.assign(row, { state: 'serving', servingStartedAt: event.at });
    else if (event.kind === 'finished') Object.assign(row, { state: 'done', visitEndedAt: event.at });
    else if (event.kind === 'no-show') Object.assign(row, { state: 'no-show', noShowAt: event.at });
  }
  return row;
}

/** The state a reported step leaves a ticket in; a later step the desk did not live to report may follow. */
const STATES_AFTER: Record<string, string[]> = {
  called: ['called', 'serving', 'done', 'no-show'],
  recalled: ['called', 'serving', 'done', 'no-show'],
  started: ['serving', 'done'],
  'no-show': ['no-show'],
  done: ['done'],
};

describe('visits survive a crash at a desk (SIGKILL of a real process on a real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-visits-crash-')));
  afterEach(() => dir.remove());

  it('keeps every step a desk saw across three kills mid-step, each ticket row agreeing with its history', async () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const reported: string[] = [];
    // Each run starts an hour after the last on the same Friday, so its steps' times are its own.
    for (let run = 0; run < 3; run++) {
      const instant = new Date(Date.parse(INSTANT) + run * 3_600_000).toISOString();
      reported.push(...(await runUntilKilled(dbFile, instant, 40 + Math.floor(Math.random() * 40))));
    }
    const store = new SqliteStore(dbFile);
    const tickets = store.listTickets('2026-11-20');
    const events = store.listVisitEvents('2026-11-20');
    store.close();
    const byNumber = new Map(tickets.map((ticket) => [ticket.number, ticket]));

    expect(reported.length).toBeGreaterThanOrEqual(120);
    const lastStep = new Map<string, string>();
    for (const line of reported) {
      const [step, number] = line.split(' ');
      lastStep.set(number!, step!);
    }
    for (const [number, step] of lastStep) {
      const ticket = byNumber.get(number);
      expect(ticket?.deskId, number).toBe('5');
      // A step the desk saw is never lost.
      expect(STATES_AFTER[step], `${number} after ${step}`).toContain(ticket?.state);
    }
    // Every field a step writes agrees with the history: row and history rows share one transaction.
    for (const ticket of tickets) {
      const history = events.filter((event) => event.ticketId === ticket.id);
      expect(history[0]?.kind, ticket.number).toBe('issued');
      expect(ticket, ticket.number).toMatchObject(replay(history));
    }
    // The later runs found the visit a kill left at the desk and went on: at most one is still at it.
    expect(
      tickets.filter((ticket) => ticket.state === 'called' || ticket.state === 'serving').length,
    ).toBeLessThanOrEqual(1);
    expect(new Set(events.map((event) => event.kind))).toEqual(
      new Set(['issued', 'called', 'recalled', 'started', 'finished', 'no-show']),
    );
    // The file is whole: SQLite's own check finds nothing.
    const raw = new Database(dbFile, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });
});
