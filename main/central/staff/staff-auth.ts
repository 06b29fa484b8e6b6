import { createHash, randomBytes } from 'node:crypto';
import {
  ADDRESS_POLICY,
  afterWrong,
  GATE_POLICY,
  LOCKOUT_MEMORY_MS,
  lockedUntilAt,
  type PinAttemptPolicy,
} from '../../shared/lockout';
import { decoyHash, normalUsername, verifyPassword } from './password';
import type { StaffAccount, StaffStore } from './staff-store';

/*
 * Staff sign-in, sessions and sign-out for the dashboards (issue 13). Wrong passwords lock as the
 * kiosk's PINs do (main/shared/lockout.ts): 5 in a row lock the username for 5, then 15, then 60
 * minutes; 10 from one address lock that address. The username's count runs whether or not the
 * name exists, so lockouts do not tell which names do.
 */

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 30 * 60_000;
/** ...and this long after sign-in in any case: a shared computer left signed in is not signed in tomorrow. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often: a dashboard's polling is not a write per request. */
const TOUCH_EVERY_MS = 60_000;
/** An ended session is kept this long (who was signed in when), then deleted. */
export const ENDED_SESSION_KEPT_MS = 30 * 24 * 60 * 60_000;
/** Old sessions and lockouts are looked for at most this often, at a sign-in. */
const FORGET_EVERY_MS = 60 * 60_000;

export type SignInOutcome =
  | { ok: true; account: StaffAccount; token: string; expiresAt: Date }
  | { ok: false; reason: 'wrong-credentials' }
  | { ok: false; reason: 'locked'; until: Date; waitSeconds: number }
  | { ok: false; reason: 'account-disabled' };

export type SessionOutcome =
  { ok: true; account: StaffAccount } | { ok: false; reason: 'no-session' | 'session-expired' | 'account-disabled' };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const accountKey = (username: string) => `account:${username}`;
const addressKey = (address: string) => `address:${address}`;

const publicAccount = ({ username, role, scope, createdAt, disabledAt }: StaffAccount): StaffAccount => ({
  username,
  role,
  scope,
  createdAt,
  disabledAt,
});

const lockedOutcome = (until: Date, at: Date): SignInOutcome => ({
  ok: false,
  reason: 'locked',
  until,
  waitSeconds: Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000)),
});

export class StaffAuth {
  private forgotAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: StaffStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signIn(typedUsername: string, password: string, address: string): Promise<SignInOutcome> {
    const username = normalUsername(typedUsername);
    const at = this.now();
    await this.forgetOld(at);
    const keys: Array<[string, PinAttemptPolicy]> = [
      [accountKey(username), GATE_POLICY],
      [addressKey(address), ADDRESS_POLICY],
    ];
    const locked = await this.lockedUntil(keys, at);
    if (locked) return lockedOutcome(locked, at);

    const account = await this.store.account(username);
    const right = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
    if (!account || !right) {
      let until: Date | null = null;
      for (const [key, policy] of keys) {
        const outcome = await this.store.updateLockout(key, (stored) => {
          const { state, outcome: wrong } = afterWrong(stored, at.getTime(), policy);
          return { state, result: wrong };
        });
        if (outcome.reason === 'locked' && (until === null || outcome.until > until)) until = outcome.until;
      }
      return until ? lockedOutcome(until, at) : { ok: false, reason: 'wrong-credentials' };
    }
    // The person who knows the password is back: earlier wrong tries are forgotten, as for a PIN.
    for (const [key] of keys) await this.store.updateLockout(key, () => ({ state: null, result: null }));
    if (account.disabledAt !== null) return { ok: false, reason: 'account-disabled' };

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(at.getTime() + SESSION_ABSOLUTE_MS);
    await this.store.addSession({ tokenHash: tokenHash(token), username, at, expiresAt });
    return { ok: true, account: publicAccount(account), token, expiresAt };
  }

  /** The account signed in with this session token, its session kept alive; or why not. */
  async session(token: string | null): Promise<SessionOutcome> {
    if (!token) return { ok: false, reason: 'no-session' };
    const hash = tokenHash(token);
    const session = await this.store.session(hash);
    if (!session || session.endedAt !== null) return { ok: false, reason: 'no-session' };
    const at = this.now();
    const idleEnd = session.lastSeenAt.getTime() + SESSION_IDLE_MS;
    // Nothing is written: an expired session stays expired (and says so to every later request, so
    // the page can tell its reader why they must sign in again), and is never used again.
    if (at.getTime() >= Math.min(idleEnd, session.expiresAt.getTime())) return { ok: false, reason: 'session-expired' };
    const account = await this.store.account(session.username);
    if (!account || account.disabledAt !== null) return { ok: false, reason: 'account-disabled' };
    if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.store.touchSession(hash, at);
    return { ok: true, account: publicAccount(account) };
  }

  async signOut(token: string | null): Promise<void> {
    if (token) await this.store.endSession(tokenHash(token), this.now());
  }

  /**
   * Sessions and lockout rows would otherwise pile up forever: at most once an hour, a sign-in
   * deletes sessions ended a month ago and lockouts quiet past their memory (which count as
   * never having happened anyway, lockoutStateAt).
   */
  private async forgetOld(at: Date): Promise<void> {
    if (at.getTime() - this.forgotAt < FORGET_EVERY_MS) return;
    this.forgotAt = at.getTime();
    await this.store.forgetOld({
      sessionsBefore: new Date(at.getTime() - ENDED_SESSION_KEPT_MS),
      lockoutsBefore: new Date(at.getTime() - LOCKOUT_MEMORY_MS),
    });
  }

  /** The latest end of any running lockout among the keys, or null. */
  private async lockedUntil(keys: Array<[string, PinAttemptPolicy]>, at: Date): Promise<Date | null> {
    let latest: Date | null = null;
    for (const [key, policy] of keys) {
      const until = lockedUntilAt(await this.store.readLockout(key), at.getTime(), policy);
      if (until && (latest === null || until > latest)) latest = until;
    }
    return latest;
  }
}
