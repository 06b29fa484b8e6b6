import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Catalog } from '../../main/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alwaysOpen, ManualClock, makeKiosk, tempDir } from '../support/kiosk-fixture';

const CHILD = join(import.meta.dirname, '../support/issue-tickets-until-killed.ts');
const INSTANT = '2026-11-22T08:00:00Z';
const unlimited = (sample: Catalog): Catalog =>
  alwaysOpen({ ...sample, services: sample.services.map((service) => ({ ...service, dailyLimit: null })) });

/** Runs the child until it has reported `atLeast` numbers plus a random few more, then SIGKILLs it. */
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
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`the child ended by itself (${signal ?? _code}): ${stderr}`));
    });
  });
}

describe('numbering survives a crash mid-issue (SIGKILL of a real process on a real SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('leaves no duplicate and no gap, and continues after the last stored number', async () => {
    const dbFile = join(dir.path, 'kiosk.sqlite');
    const reported: string[] = [];
    for (let run = 0; run < 3; run++) reported.push(...(await issueUntilKilled(dbFile, 150)));

    const { service, store } = makeKiosk({ dbFile, clock: new ManualClock(new Date(INSTANT)), catalog: unlimited });
    const stored = store.listTickets('2026-11-22');
    // Every number a visitor was given survived the kills.
    const storedNumbers = new Set(stored.map((ticket) => ticket.number));
    expect(reported.filter((number) => !storedNumbers.has(number))).toEqual([]);
    expect(reported.length).toBeGreaterThanOrEqual(450);
    for (const group of ['A', 'B']) {
      const sequences = stored
        .filter((ticket) => ticket.group === group)
        .map((ticket) => ticket.sequence)
        .sort((a, b) => a - b);
      // 1, 2, …, n: no duplicate, no gap, across three kills and restarts.
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
    }
    const lastA = stored.filter((ticket) => ticket.group === 'A').length;
    const next = await service.issueTicket({ serviceId: 'passport', language: 'en' });
    expect(next.sequence).toBe(lastA + 1);
    store.close();
  });
});
