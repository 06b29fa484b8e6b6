import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';

const CHILD = join(import.meta.dirname, 'visits-desk-until-killed.ts');
/** Friday noon in Baku, as the child's clock. */
const INSTANT = '2026-11-20T08:00:00.000Z';

/** Runs the desk child until it has reported `atLeast` steps plus a random few more, then SIGKILLs it. */
function runUntilKilled(dbFile: string, atLeast: number, mode = 'loop'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, INSTANT, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: string[] = [];
    let pending = '';
    let stderr = '';
    const killAfter = mode === 'call-once' ? atLeast : atLeast + Math.floor(Math.random() * 25);
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

describe('visits survive a crash at a desk (SIGKILL of a real process on a real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-visits-crash-')));
  afterEach(() => dir.remove());

  it('keeps every step a desk saw, with the ticket row and its history always in agreement', async () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const reported = await runUntilKilled(dbFile, 60);
    const store = new SqliteStore(dbFile);
    const byNumber = new Map(store.listTickets('2026-11-20').map((ticket) => [ticket.number, ticket]));
    const events = store.listVisitEvents('2026-11-20');
    store.close();

    const lastStep = new Map<string, string>();
    for (const line of reported) {
      const [step, number] = line.split(' ');
      lastStep.set(number!, step!);
    }
    for (const [number, step] of lastStep) {
      const ticket = byNumber.get(number);
      expect(ticket?.deskId, number).toBe('5');
      // A step the desk saw is never lost; a "called" one may have finished just before the kill.
      if (step === 'done') expect(ticket?.state, number).toBe('done');
      else expect(['called', 'done'], number).toContain(ticket?.state);
    }
    // Every ticket's state is what its history says: both were written in one transaction.
    const lastKind = new Map(events.map((event) => [event.ticketId, event.kind]));
    const stateOfKind: Record<string, string> = { issued: 'waiting', called: 'called', finished: 'done' };
    for (const ticket of byNumber.values()) {
      expect(ticket.state, ticket.number).toBe(stateOfKind[lastKind.get(ticket.id) ?? '']);
    }
    expect(reported.length).toBeGreaterThanOrEqual(60);
    // The file is whole: SQLite's own check finds nothing.
    const raw = new Database(dbFile, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('finds a ticket still called after the process is killed right after the call', async () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const reported = await runUntilKilled(dbFile, 1, 'call-once');
    expect(reported).toEqual(['called B-001']);
    const store = new SqliteStore(dbFile);
    const ticket = store.findTicket('2026-11-20', 'B-001');
    const history = store.listVisitEvents('2026-11-20').map((event) => event.kind);
    store.close();
    expect(ticket).toMatchObject({ state: 'called', deskId: '5', calledAt: INSTANT });
    expect(history).toEqual(['issued', 'called']);
  });
});
