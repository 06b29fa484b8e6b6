import Database from 'better-sqlite3';
import type { LockoutState, LockoutStore } from '../core/auth/lockout-store';
import { LOCKOUT_MEMORY_MS } from '../core/auth/pin-attempts';
import { migrate } from './migrations';

interface Row {
  wrong_pins: number;
  lockouts: number;
  locked_until: number;
  last_wrong_at: number;
}

/**
 * PIN lockouts in the kiosk's database (table pin_lockouts), on a connection of their own so the
 * ticket store stays as it is. Written with `synchronous = FULL`: a lockout must not be undone by
 * pulling the plug right after the fifth wrong PIN.
 */
export class SqliteLockouts implements LockoutStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, number, number, number, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly prune: Database.Statement<[number]>;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.select = this.db.prepare(
      'SELECT wrong_pins, lockouts, locked_until, last_wrong_at FROM pin_lockouts WHERE key = ?',
    );
    this.upsert = this.db.prepare(
      `INSERT INTO pin_lockouts (key, wrong_pins, lockouts, locked_until, last_wrong_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET wrong_pins = excluded.wrong_pins, lockouts = excluded.lockouts,
         locked_until = excluded.locked_until, last_wrong_at = excluded.last_wrong_at`,
    );
    this.remove = this.db.prepare('DELETE FROM pin_lockouts WHERE key = ?');
    // Keys of client addresses come and go: what has been quiet for a day is forgotten anyway.
    this.prune = this.db.prepare('DELETE FROM pin_lockouts WHERE max(last_wrong_at, locked_until) < ?');
  }

  read(key: string): LockoutState | undefined {
    const row = this.select.get(key);
    if (!row) return undefined;
    return {
      wrongPins: row.wrong_pins,
      lockouts: row.lockouts,
      lockedUntil: row.locked_until,
      lastWrongAt: row.last_wrong_at,
    };
  }

  write(key: string, state: LockoutState | null): void {
    if (state === null) {
      this.remove.run(key);
      return;
    }
    this.db.transaction(() => {
      this.upsert.run(key, state.wrongPins, state.lockouts, state.lockedUntil, state.lastWrongAt);
      this.prune.run(state.lastWrongAt - LOCKOUT_MEMORY_MS);
    })();
  }

  close(): void {
    this.db.close();
  }
}
