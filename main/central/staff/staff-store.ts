import type { LockoutState } from '../../shared/lockout';

export type { LockoutState };

/*
 * The port the staff sign-in keeps its accounts, sessions and lockouts behind (PostgreSQL:
 * main/central/store/postgres-staff.ts). The store keeps and finds; what is allowed is decided in
 * main/central/staff/.
 */

export type StaffRole = 'analyst' | 'manager';

/** What an account may read: the whole network, or some centres. */
export type StaffScope = { kind: 'network' } | { kind: 'centres'; centreIds: string[] };

export interface StaffAccount {
  username: string;
  role: StaffRole;
  scope: StaffScope;
  createdAt: string;
  disabledAt: string | null;
}

export interface StoredSession {
  username: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface StaffStore {
  /** Adds an account; false when the username is taken. */
  addAccount(account: {
    username: string;
    role: StaffRole;
    scope: StaffScope;
    passwordHash: string;
    at: Date;
  }): Promise<boolean>;
  accounts(): Promise<StaffAccount[]>;
  account(username: string): Promise<(StaffAccount & { passwordHash: string }) | null>;
  /** Sets a new password hash and ends the account's sessions; false when no such account. */
  setPasswordHash(username: string, passwordHash: string, at: Date): Promise<boolean>;
  /** Disables the account and ends its sessions; false when no such account or disabled already. */
  disable(username: string, at: Date): Promise<boolean>;

  readLockout(key: string): Promise<LockoutState | undefined>;
  /**
   * Changes a lockout key's state under a row lock (two wrong passwords at once both count):
   * `change` gets the stored state and returns the new one (null forgets the key) with a result.
   */
  updateLockout<T>(
    key: string,
    change: (stored: LockoutState | undefined) => { state: LockoutState | null; result: T },
  ): Promise<T>;

  addSession(session: { tokenHash: string; username: string; at: Date; expiresAt: Date }): Promise<void>;
  session(tokenHash: string): Promise<StoredSession | null>;
  touchSession(tokenHash: string, at: Date): Promise<void>;
  endSession(tokenHash: string, at: Date): Promise<void>;
  /**
   * Deletes sessions that ended (signed out, or past their absolute end) before `sessionsBefore`,
   * and lockout rows with no wrong password or lockout since `lockoutsBefore`; returns how many.
   */
  forgetOld(limits: { sessionsBefore: Date; lockoutsBefore: Date }): Promise<{ sessions: number; lockouts: number }>;

  /** Every centre the central knows of (from its devices, settings and catalogs), sorted. */
  knownCentres(): Promise<string[]>;
}
