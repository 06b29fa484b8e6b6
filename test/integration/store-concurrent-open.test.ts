import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../main/store/sqlite-store';
import { tempDir } from '../support/kiosk-fixture';

const CHILD = join(import.meta.dirname, '../support/open-store-child.ts');

/** Runs the child on `dbFile`; resolves with its exit code and what it printed on stderr. */
function openInChild(dbFile: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('a new database file opened by several processes at once (real processes, real SQLite file)', () => {
  it('each waits for the first one’s migration and finds the schema whole: none fails with "table exists"', async () => {
    const dir = tempDir('kiosk-concurrent-open-');
    try {
      for (let round = 0; round < 5; round++) {
        const dbFile = join(dir.path, `kiosk-${round}.sqlite`);
        const outcomes = await Promise.all([1, 2, 3, 4].map(() => openInChild(dbFile)));
        expect(outcomes.map((outcome) => outcome.stderr)).toEqual(['', '', '', '']);
        expect(outcomes.map((outcome) => outcome.code)).toEqual([0, 0, 0, 0]);
        // The file is whole: one more open finds nothing to do and the store works.
        const store = new SqliteStore(dbFile);
        expect(store.outboxState()).toEqual({ lastSeq: 0, acknowledgedSeq: 0, lastAcknowledgedAt: null });
        store.close();
      }
    } finally {
      dir.remove();
    }
  }, 60_000);
});
