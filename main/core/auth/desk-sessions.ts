import { randomBytes } from 'node:crypto';
import type { DeskConfig } from '../config';
import type { Clock } from '../ports';
import type { LockoutStore } from './lockout-store';
import { memoryLockouts } from './lockout-store';
import { verifyPin } from './pin';
import { PinAttempts, type PinAttemptResult } from './pin-attempts';

export type DeskSignInResult =
  | { ok: true; token: string; desk: DeskConfig }
  | { ok: false; reason: 'unknown-desk' | 'no-pin' }
  | Exclude<PinAttemptResult, { ok: true }>;

/**
 * How long a desk session lasts without a call, unless `queue.deskSessionIdleMinutes` says otherwise. The console asks for its desk's state every 30
 * seconds and figures.html for the day's figures every minute while open, so only a tab closed
 * without signing out idles out; without an end, every such session would count as an open desk
 * and shorten the waits promised.
 */
export const DESK_SESSION_IDLE_MS = 15 * 60_000;

interface DeskSession {
  deskId: string;
  /** The desk's PIN hash at sign-in: a new PIN (or a removed desk) ends the session. */
  pinHash: string;
  lastActivity: number;
  /**
   * The sign-in or the last desk call (state, call, finish…) since: reading the day's figures
   * (figures.html) serves no visitor, so it keeps the session but not the desk open.
   */
  lastDeskCall: number;
}

/**
 * Who is signed in at which desk. Each desk has its own lockout (a wrong PIN at desk 3 does not
 * lock desk 4). A session holds the desk's id, not a copy of its settings, so a changed list of
 * services applies at once; it ends at sign-out, after being idle, when the desk's PIN changes,
 * when the desk is removed, and with the process.
 */
export class DeskSessions {
  private readonly sessions = new Map<string, DeskSession>();
  private readonly attemptsByDesk = new Map<string, PinAttempts>();

  /** `desks` is read at each call, so a technician's change of the desks counts at once. */
  constructor(
    private readonly desks: () => readonly DeskConfig[],
    private readonly clock: Clock,
    private readonly idleMs: () => number = () => DESK_SESSION_IDLE_MS,
    /** Where each desk's lockout is kept (key `desk:<id>`), so it survives a restart. */
    private readonly lockouts: LockoutStore = memoryLockouts(),
  ) {}

  signIn(deskId: string, pin: string): DeskSignInResult {
    const desk = this.desks().find((candidate) => candidate.id === deskId);
    if (!desk) return { ok: false, reason: 'unknown-desk' };
    const pinHash = desk.pinHash;
    if (pinHash === null) return { ok: false, reason: 'no-pin' };
    const attempts = this.attemptsByDesk.get(deskId) ?? new PinAttempts(this.clock, this.lockouts, `desk:${deskId}`);
    this.attemptsByDesk.set(deskId, attempts);
    const attempt = attempts.attempt(() => verifyPin(pin, pinHash));
    if (!attempt.ok) return attempt;
    const token = randomBytes(24).toString('base64url');
    const now = this.clock.now().getTime();
    this.sessions.set(token, { deskId, pinHash, lastActivity: now, lastDeskCall: now });
    return { ok: true, token, desk };
  }

  /**
   * The desk a token is signed in at, as configured now, counting the call as the desk's work;
   * undefined when the token names no session or its session has ended.
   */
  deskOf(token: string): DeskConfig | undefined {
    const desk = this.signedInDesk(token);
    if (desk) this.sessions.get(token)!.lastDeskCall = this.clock.now().getTime();
    return desk;
  }

  /** As deskOf for a call that is no desk work (reading the day's figures): it keeps the session, not the desk, open. */
  signedInDesk(token: string): DeskConfig | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.clock.now().getTime();
    const desk = this.liveDesk(session, now);
    if (!desk) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastActivity = now;
    return desk;
  }

  signOut(token: string): void {
    this.sessions.delete(token);
  }

  /**
   * Desks with a live session signed in or making a desk call within the idle time: the desks open now.
   * Asking is no activity of theirs.
   */
  openDesks(): DeskConfig[] {
    const now = this.clock.now().getTime();
    const open = new Map<string, DeskConfig>();
    for (const [token, session] of this.sessions) {
      const desk = this.liveDesk(session, now);
      if (!desk) this.sessions.delete(token);
      else if (now - session.lastDeskCall < this.idleMs()) open.set(desk.id, desk);
    }
    return [...open.values()];
  }

  private liveDesk(session: DeskSession, now: number): DeskConfig | undefined {
    if (now - session.lastActivity >= this.idleMs()) return undefined;
    const desk = this.desks().find((candidate) => candidate.id === session.deskId);
    return desk && desk.pinHash === session.pinHash ? desk : undefined;
  }
}

/** Whether a desk calls for the service (`*` stands for every service). */
export const deskServes = (desk: Pick<DeskConfig, 'serviceIds'>, serviceId: string): boolean =>
  desk.serviceIds.includes('*') || desk.serviceIds.includes(serviceId);
