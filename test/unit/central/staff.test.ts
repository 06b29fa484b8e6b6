import { describe, expect, it } from 'vitest';
import { LOCKOUT_STEPS_MS, MAX_WRONG_PINS } from '../../../main/shared/lockout';
import {
  hashPassword,
  newPasswordProblem,
  usernameProblem,
  verifyPassword,
} from '../../../main/central/staff/password';
import { canSee, scopeFor, visibleCentres } from '../../../main/central/staff/scope';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, StaffAuth } from '../../../main/central/staff/staff-auth';
import type { LockoutState, StaffAccount, StaffStore, StoredSession } from '../../../main/central/staff/staff-store';

/*
 * The staff sign-in's logic on a store kept in memory (the PostgreSQL store has its own
 * integration test): passwords, scope, lockout as the kiosk's PINs, and sessions' two ends.
 */

class MemoryStaff implements StaffStore {
  readonly accountsByName = new Map<string, StaffAccount & { passwordHash: string }>();
  readonly lockouts = new Map<string, LockoutState>();
  readonly sessions = new Map<string, StoredSession>();

  async addAccount(a: {
    username: string;
    role: StaffAccount['role'];
    scope: StaffAccount['scope'];
    passwordHash: string;
    at: Date;
  }) {
    if (this.accountsByName.has(a.username)) return false;
    this.accountsByName.set(a.username, { ...a, createdAt: a.at.toISOString(), disabledAt: null });
    return true;
  }
  async accounts() {
    return [...this.accountsByName.values()];
  }
  async account(username: string) {
    return this.accountsByName.get(username) ?? null;
  }
  async setPasswordHash(username: string, passwordHash: string) {
    const account = this.accountsByName.get(username);
    if (account) account.passwordHash = passwordHash;
    return account !== undefined;
  }
  async disable(username: string, at: Date) {
    const account = this.accountsByName.get(username);
    if (account) account.disabledAt = at.toISOString();
    return account !== undefined;
  }
  async readLockout(key: string) {
    return this.lockouts.get(key);
  }
  async updateLockout<T>(
    key: string,
    change: (s: LockoutState | undefined) => { state: LockoutState | null; result: T },
  ) {
    const { state, result } = change(this.lockouts.get(key));
    if (state === null) this.lockouts.delete(key);
    else this.lockouts.set(key, state);
    return result;
  }
  async addSession(s: { tokenHash: string; username: string; at: Date; expiresAt: Date }) {
    this.sessions.set(s.tokenHash, {
      username: s.username,
      createdAt: s.at,
      lastSeenAt: s.at,
      expiresAt: s.expiresAt,
      endedAt: null,
    });
  }
  async session(tokenHash: string) {
    return this.sessions.get(tokenHash) ?? null;
  }
  async touchSession(tokenHash: string, at: Date) {
    const s = this.sessions.get(tokenHash);
    if (s) s.lastSeenAt = at;
  }
  async endSession(tokenHash: string, at: Date) {
    const s = this.sessions.get(tokenHash);
    if (s && !s.endedAt) s.endedAt = at;
  }
  readonly forgetCalls: Array<{ sessionsBefore: Date; lockoutsBefore: Date }> = [];
  async forgetOld(limits: { sessionsBefore: Date; lockoutsBefore: Date }) {
    this.forgetCalls.push(limits);
    return { sessions: 0, lockouts: 0 };
  }
  async knownCentres() {
    return [];
  }
}

const PASSWORD = 'pale blue river stones';

async function setUp() {
  const store = new MemoryStaff();
  let now = new Date('2026-12-04T09:00:00Z');
  const auth = new StaffAuth(store, () => now);
  await store.addAccount({
    username: 'aysel',
    role: 'manager',
    scope: { kind: 'centres', centreIds: ['baku-1'] },
    passwordHash: await hashPassword(PASSWORD),
    at: now,
  });
  return { store, auth, advance: (ms: number) => (now = new Date(now.getTime() + ms)), now: () => now };
}

describe('staff passwords', () => {
  it('hashes with scrypt at 2^15 and verifies the right password only, whatever its Unicode form', async () => {
    const hash = await hashPassword('Şəki köhnə körpü');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Şəki köhnə körpü', hash)).toBe(true);
    // The same letters typed as a base letter and a combining mark (NFD) are the same password.
    expect(await verifyPassword('Şəki köhnə körpü'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('Şəki köhnə körpu', hash)).toBe(false);
  });

  it('refuses short passwords, ones holding the username, and usernames out of pattern, saying why', () => {
    expect(newPasswordProblem('short', 'aysel')).toBe('must be at least 12 characters');
    expect(newPasswordProblem('my name is AYSEL ok', 'aysel')).toBe('must not contain the username');
    expect(newPasswordProblem(PASSWORD, 'aysel')).toBeNull();
    expect(usernameProblem('Aysel')).toMatch(/lower-case/);
    expect(usernameProblem('-x')).not.toBeNull();
    expect(usernameProblem('aysel.m')).toBeNull();
  });
});

describe('staff scope', () => {
  const analyst: Pick<StaffAccount, 'scope'> = { scope: { kind: 'network' } };
  const manager: Pick<StaffAccount, 'scope'> = { scope: { kind: 'centres', centreIds: ['baku-1', 'ganja-2'] } };

  it('lets an analyst read every centre and a manager only theirs', () => {
    expect(canSee(analyst, 'sheki-3')).toBe(true);
    expect(canSee(manager, 'ganja-2')).toBe(true);
    expect(canSee(manager, 'sheki-3')).toBe(false);
    expect(visibleCentres(manager, ['baku-1', 'ganja-2', 'sheki-3'])).toEqual(['baku-1', 'ganja-2']);
  });

  it('builds a scope from the command line, refusing a manager of the whole network', () => {
    expect(scopeFor('analyst', { network: true, centreIds: [] })).toEqual({ ok: true, scope: { kind: 'network' } });
    expect(scopeFor('manager', { network: false, centreIds: ['ganja-2', 'baku-1', 'baku-1'] })).toEqual({
      ok: true,
      scope: { kind: 'centres', centreIds: ['baku-1', 'ganja-2'] },
    });
    expect(scopeFor('manager', { network: true, centreIds: [] })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/--centre/),
    });
    expect(scopeFor('analyst', { network: false, centreIds: [] })).toMatchObject({ ok: false });
    expect(scopeFor('analyst', { network: true, centreIds: ['baku-1'] })).toMatchObject({ ok: false });
    expect(scopeFor('manager', { network: false, centreIds: ['a b'] })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/"a b"/),
    });
  });
});

describe('staff sign-in', () => {
  it('signs in with the right password (any case of the username) and keeps only the token hash', async () => {
    const { store, auth } = await setUp();
    const outcome = await auth.signIn(' Aysel ', PASSWORD, '10.0.0.5');
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
    expect(outcome.account).toMatchObject({ username: 'aysel', role: 'manager' });
    expect(outcome.token).toMatch(/^[\w-]{43}$/);
    expect([...store.sessions.keys()]).toHaveLength(1);
    expect([...store.sessions.keys()][0]).not.toContain(outcome.token);
    expect(await auth.session(outcome.token)).toMatchObject({ ok: true, account: { username: 'aysel' } });
  });

  it('answers a wrong password and an unknown name alike, and locks the name on the fifth as a PIN gate does', async () => {
    const { auth, advance } = await setUp();
    expect(await auth.signIn('aysel', 'wrong password!', '10.0.0.5')).toEqual({
      ok: false,
      reason: 'wrong-credentials',
    });
    expect(await auth.signIn('nobody', PASSWORD, '10.0.0.6')).toEqual({ ok: false, reason: 'wrong-credentials' });
    for (let i = 2; i < MAX_WRONG_PINS; i++) await auth.signIn('aysel', 'wrong password!', '10.0.0.5');
    const locked = await auth.signIn('aysel', 'wrong password!', '10.0.0.5');
    expect(locked).toMatchObject({ ok: false, reason: 'locked', waitSeconds: LOCKOUT_STEPS_MS[0] / 1000 });
    // Locked means locked: the right password waits too, from any address.
    expect(await auth.signIn('aysel', PASSWORD, '10.0.0.9')).toMatchObject({ ok: false, reason: 'locked' });
    advance(LOCKOUT_STEPS_MS[0]);
    expect(await auth.signIn('aysel', PASSWORD, '10.0.0.9')).toMatchObject({ ok: true });
  });

  it('locks an address that tries ten wrong passwords across names', async () => {
    const { auth } = await setUp();
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await auth.signIn(`guess-${i}`, 'wrong password!', '10.0.0.66'));
    expect(outcomes.slice(0, 9).every((o) => !o.ok && o.reason === 'wrong-credentials')).toBe(true);
    expect(outcomes[9]).toMatchObject({ reason: 'locked' });
    expect(await auth.signIn('aysel', PASSWORD, '10.0.0.66')).toMatchObject({ reason: 'locked' });
    expect(await auth.signIn('aysel', PASSWORD, '10.0.0.67')).toMatchObject({ ok: true });
    // Twelve scrypt checks at 2^15: a loaded two-core machine takes seconds.
  }, 20_000);

  it('tells a disabled account so only once its password is right, and ends its sessions', async () => {
    const { store, auth } = await setUp();
    const signedIn = await auth.signIn('aysel', PASSWORD, '10.0.0.5');
    if (!signedIn.ok) throw new Error('not signed in');
    await store.disable('aysel', new Date());
    expect(await auth.signIn('aysel', 'wrong password!', '10.0.0.5')).toEqual({
      ok: false,
      reason: 'wrong-credentials',
    });
    expect(await auth.signIn('aysel', PASSWORD, '10.0.0.5')).toEqual({ ok: false, reason: 'account-disabled' });
    expect(await auth.session(signedIn.token)).toEqual({ ok: false, reason: 'account-disabled' });
  });
});

describe('forgetting old staff rows', () => {
  it('asks the store at most once an hour, at sign-in, for sessions ended 30 days ago and lockouts quiet a day', async () => {
    const { store, auth, advance, now } = await setUp();
    await auth.signIn('aysel', PASSWORD, '10.0.0.1');
    expect(store.forgetCalls).toEqual([
      {
        sessionsBefore: new Date(now().getTime() - 30 * 24 * 60 * 60_000),
        lockoutsBefore: new Date(now().getTime() - 24 * 60 * 60_000),
      },
    ]);
    advance(59 * 60_000);
    await auth.signIn('aysel', 'wrong', '10.0.0.1');
    expect(store.forgetCalls).toHaveLength(1);
    advance(60_000);
    await auth.signIn('aysel', PASSWORD, '10.0.0.1');
    expect(store.forgetCalls).toHaveLength(2);
  });
});

describe('staff sessions', () => {
  it('end after 30 idle minutes, and are kept alive by use', async () => {
    const { auth, advance } = await setUp();
    const signedIn = await auth.signIn('aysel', PASSWORD, '10.0.0.5');
    if (!signedIn.ok) throw new Error('not signed in');
    advance(SESSION_IDLE_MS - 60_000);
    expect(await auth.session(signedIn.token)).toMatchObject({ ok: true });
    advance(SESSION_IDLE_MS - 60_000);
    expect(await auth.session(signedIn.token)).toMatchObject({ ok: true });
    advance(SESSION_IDLE_MS);
    expect(await auth.session(signedIn.token)).toEqual({ ok: false, reason: 'session-expired' });
    // Once expired, it stays expired, whatever comes after.
    expect(await auth.session(signedIn.token)).toEqual({ ok: false, reason: 'session-expired' });
  });

  it('end 12 hours after sign-in however busy', async () => {
    const { auth, advance } = await setUp();
    const signedIn = await auth.signIn('aysel', PASSWORD, '10.0.0.5');
    if (!signedIn.ok) throw new Error('not signed in');
    for (let used = 0; used + 20 * 60_000 < SESSION_ABSOLUTE_MS; used += 20 * 60_000) {
      advance(20 * 60_000);
      expect(await auth.session(signedIn.token)).toMatchObject({ ok: true });
    }
    advance(20 * 60_000);
    expect(await auth.session(signedIn.token)).toEqual({ ok: false, reason: 'session-expired' });
  });

  it('end at sign-out, and a made-up token is no session', async () => {
    const { auth } = await setUp();
    const signedIn = await auth.signIn('aysel', PASSWORD, '10.0.0.5');
    if (!signedIn.ok) throw new Error('not signed in');
    await auth.signOut(signedIn.token);
    expect(await auth.session(signedIn.token)).toEqual({ ok: false, reason: 'no-session' });
    expect(await auth.session('x'.repeat(43))).toEqual({ ok: false, reason: 'no-session' });
    expect(await auth.session(null)).toEqual({ ok: false, reason: 'no-session' });
  });
});
