import type pg from 'pg';
import { transaction } from './transaction';
import type {
  LockoutState,
  StaffAccount,
  StaffRole,
  StaffScope,
  StaffStore,
  StoredSession,
} from '../staff/staff-store';

/**
 * Staff accounts, sessions and sign-in lockouts on PostgreSQL (migration 005), on the central
 * store's pool. Ending sessions happens in the same statement batch as the change that ends them.
 */
export class PostgresStaffStore implements StaffStore {
  constructor(private readonly pool: pg.Pool) {}

  async addAccount(account: {
    username: string;
    role: StaffRole;
    scope: StaffScope;
    passwordHash: string;
    at: Date;
  }): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO staff_accounts (username, password_hash, role, centre_ids, created_at, password_set_at)
       VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (username) DO NOTHING`,
      [account.username, account.passwordHash, account.role, centreIds(account.scope), account.at],
    );
    return result.rowCount === 1;
  }

  async accounts(): Promise<StaffAccount[]> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM staff_accounts ORDER BY username`,
    );
    return rows.map(accountOf);
  }

  async account(username: string): Promise<(StaffAccount & { passwordHash: string }) | null> {
    const { rows } = await this.pool.query<AccountRow & { password_hash: string }>(
      `SELECT ${ACCOUNT_COLUMNS}, password_hash FROM staff_accounts WHERE username = $1`,
      [username],
    );
    const row = rows[0];
    return row ? { ...accountOf(row), passwordHash: row.password_hash } : null;
  }

  async setPasswordHash(username: string, passwordHash: string, at: Date): Promise<boolean> {
    return this.changeAndEndSessions(
      'UPDATE staff_accounts SET password_hash = $2, password_set_at = $3 WHERE username = $1',
      [username, passwordHash, at],
      username,
      at,
    );
  }

  async disable(username: string, at: Date): Promise<boolean> {
    return this.changeAndEndSessions(
      'UPDATE staff_accounts SET disabled_at = $2 WHERE username = $1 AND disabled_at IS NULL',
      [username, at],
      username,
      at,
    );
  }

  async readLockout(key: string): Promise<LockoutState | undefined> {
    const { rows } = await this.pool.query<LockoutRow>(
      `SELECT ${LOCKOUT_COLUMNS} FROM staff_sign_in_lockouts WHERE key = $1`,
      [key],
    );
    return rows[0] ? lockoutOf(rows[0]) : undefined;
  }

  async updateLockout<T>(
    key: string,
    change: (stored: LockoutState | undefined) => { state: LockoutState | null; result: T },
  ): Promise<T> {
    return transaction(this.pool, async (client) => {
      // The row may not exist yet: a placeholder (last wrong in 1970, so long forgotten) gives a row to lock.
      await client.query(
        `INSERT INTO staff_sign_in_lockouts (key, wrong_count, lockouts, last_wrong_at)
         VALUES ($1, 0, 0, 'epoch') ON CONFLICT (key) DO NOTHING`,
        [key],
      );
      const { rows } = await client.query<LockoutRow>(
        `SELECT ${LOCKOUT_COLUMNS} FROM staff_sign_in_lockouts WHERE key = $1 FOR UPDATE`,
        [key],
      );
      const { state, result } = change(rows[0] ? lockoutOf(rows[0]) : undefined);
      if (state === null) await client.query('DELETE FROM staff_sign_in_lockouts WHERE key = $1', [key]);
      else
        await client.query(
          `UPDATE staff_sign_in_lockouts SET wrong_count = $2, lockouts = $3, locked_until = $4, last_wrong_at = $5
            WHERE key = $1`,
          [
            key,
            state.wrongPins,
            state.lockouts,
            state.lockedUntil === 0 ? null : new Date(state.lockedUntil),
            new Date(state.lastWrongAt),
          ],
        );
      return result;
    });
  }

  async addSession(session: { tokenHash: string; username: string; at: Date; expiresAt: Date }): Promise<void> {
    await this.pool.query(
      `INSERT INTO staff_sessions (token_hash, username, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)`,
      [session.tokenHash, session.username, session.at, session.expiresAt],
    );
  }

  async session(tokenHash: string): Promise<StoredSession | null> {
    const { rows } = await this.pool.query<{
      username: string;
      created_at: Date;
      last_seen_at: Date;
      expires_at: Date;
      ended_at: Date | null;
    }>('SELECT username, created_at, last_seen_at, expires_at, ended_at FROM staff_sessions WHERE token_hash = $1', [
      tokenHash,
    ]);
    const row = rows[0];
    return row
      ? {
          username: row.username,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
          endedAt: row.ended_at,
        }
      : null;
  }

  async touchSession(tokenHash: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE staff_sessions SET last_seen_at = GREATEST(last_seen_at, $2) WHERE token_hash = $1', [
      tokenHash,
      at,
    ]);
  }

  async endSession(tokenHash: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE staff_sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL', [
      tokenHash,
      at,
    ]);
  }

  async forgetOld(limits: {
    sessionsBefore: Date;
    lockoutsBefore: Date;
  }): Promise<{ sessions: number; lockouts: number }> {
    const sessions = await this.pool.query(
      `DELETE FROM staff_sessions WHERE LEAST(COALESCE(ended_at, 'infinity'), expires_at) < $1`,
      [limits.sessionsBefore],
    );
    const lockouts = await this.pool.query(
      `DELETE FROM staff_sign_in_lockouts WHERE GREATEST(last_wrong_at, COALESCE(locked_until, 'epoch')) < $1`,
      [limits.lockoutsBefore],
    );
    return { sessions: sessions.rowCount ?? 0, lockouts: lockouts.rowCount ?? 0 };
  }

  async knownCentres(): Promise<string[]> {
    const { rows } = await this.pool.query<{ centre_id: string }>(
      `SELECT centre_id FROM devices
       UNION SELECT centre_id FROM centre_settings WHERE centre_id <> '*'
       UNION SELECT centre_id FROM centre_catalogs WHERE centre_id <> '*'
       ORDER BY centre_id`,
    );
    return rows.map((row) => row.centre_id);
  }

  private async changeAndEndSessions(sql: string, values: unknown[], username: string, at: Date): Promise<boolean> {
    return transaction(this.pool, async (client) => {
      const changed = (await client.query(sql, values)).rowCount === 1;
      if (changed)
        await client.query('UPDATE staff_sessions SET ended_at = $2 WHERE username = $1 AND ended_at IS NULL', [
          username,
          at,
        ]);
      return changed;
    });
  }
}

const ACCOUNT_COLUMNS = 'username, role, centre_ids, created_at, disabled_at';
const LOCKOUT_COLUMNS = 'wrong_count, lockouts, locked_until, last_wrong_at';

interface AccountRow {
  username: string;
  role: StaffRole;
  centre_ids: string[] | null;
  created_at: Date;
  disabled_at: Date | null;
}

interface LockoutRow {
  wrong_count: number;
  lockouts: number;
  locked_until: Date | null;
  last_wrong_at: Date;
}

const centreIds = (scope: StaffScope) => (scope.kind === 'network' ? null : scope.centreIds);

const accountOf = (row: AccountRow): StaffAccount => ({
  username: row.username,
  role: row.role,
  scope: row.centre_ids === null ? { kind: 'network' } : { kind: 'centres', centreIds: row.centre_ids },
  createdAt: row.created_at.toISOString(),
  disabledAt: row.disabled_at?.toISOString() ?? null,
});

const lockoutOf = (row: LockoutRow): LockoutState => ({
  wrongPins: row.wrong_count,
  lockouts: row.lockouts,
  lockedUntil: row.locked_until?.getTime() ?? 0,
  lastWrongAt: row.last_wrong_at.getTime(),
});
