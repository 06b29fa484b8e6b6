import { randomBytes } from 'node:crypto';
import { MIN_NEW_PIN_DIGITS } from '../../contract';
import type { Clock } from '../ports';
import type { LockoutStore } from './lockout-store';
import { FIRST_RUN_PIN, hashPin, newTechnicianPinProblem, verifyPin } from './pin';
import { PinAttempts } from './pin-attempts';

export { LOCKOUT_MS, LOCKOUT_STEPS_MS, MAX_WRONG_PINS } from './pin-attempts';
/** The technician gate's key in the LockoutStore. */
export const TECHNICIAN_GATE = 'technician';
export const DEFAULT_SESSION_IDLE_MS = 5 * 60_000;

export type UnlockResult =
  | { ok: true; token: string; mustChangePin: boolean }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date };

export type SessionCheck =
  { ok: true; mustChangePin: boolean } | { ok: false; reason: 'no-session' | 'expired' | 'pin-change-required' };

interface Session {
  lastActivity: number;
  mustChangePin: boolean;
}

export interface TechnicianAccessOptions {
  /** The configured hash; null means the first-run PIN, which must be changed before anything else. */
  pinHash: string | null;
  clock: Clock;
  /** Read at each check, so a technician's change of the idle time applies to open sessions at once. */
  sessionIdleMs?: () => number;
  /** Called with each new hash, so it is written to the configuration. */
  savePinHash?: (hash: string) => void;
  /** Where the lockout is kept, so it survives a restart; in memory when none is given. */
  lockouts?: LockoutStore;
}

/**
 * Technician mode's gate, in the main process so the renderer never holds the PIN or its hash:
 * five wrong PINs in a row lock it, each lockout longer than the last (pin-attempts.ts), a session
 * ends after it has been idle, and every technician call presents the token the unlock returned.
 * The first-run PIN, and a PIN shorter than 6 digits set before that rule, open a session that
 * may only change the PIN. Time comes from the Clock port, so lockouts and idle ends are tested
 * by moving the clock.
 */
export class TechnicianAccess {
  private pinHash: string | null;
  private readonly attempts: PinAttempts;
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: () => number;

  constructor(private readonly options: TechnicianAccessOptions) {
    this.pinHash = options.pinHash;
    this.idleMs = options.sessionIdleMs ?? (() => DEFAULT_SESSION_IDLE_MS);
    this.attempts = new PinAttempts(options.clock, options.lockouts, TECHNICIAN_GATE);
  }

  unlock(pin: string): UnlockResult {
    const firstRun = this.pinHash === null;
    const attempt = this.attempts.attempt(() => (firstRun ? pin === FIRST_RUN_PIN : verifyPin(pin, this.pinHash!)));
    if (!attempt.ok) return attempt;
    const now = this.options.clock.now().getTime();
    const token = randomBytes(24).toString('base64url');
    const mustChangePin = firstRun || pin.length < MIN_NEW_PIN_DIGITS;
    this.sessions.set(token, { lastActivity: now, mustChangePin });
    return { ok: true, token, mustChangePin };
  }

  /**
   * Checks a token and counts the call as activity. A session opened with the first-run PIN may
   * only change the PIN (`forPinChange`).
   */
  check(token: string, forPinChange = false): SessionCheck {
    const session = this.sessions.get(token);
    if (!session) return { ok: false, reason: 'no-session' };
    const now = this.options.clock.now().getTime();
    if (now - session.lastActivity >= this.idleMs()) {
      this.sessions.delete(token);
      return { ok: false, reason: 'expired' };
    }
    if (session.mustChangePin && !forPinChange) return { ok: false, reason: 'pin-change-required' };
    session.lastActivity = now;
    return { ok: true, mustChangePin: session.mustChangePin };
  }

  /** Sets a new PIN for a valid session; other sessions end, as the old PIN may have been seen. */
  changePin(token: string, newPin: string): SessionCheck {
    const check = this.check(token, true);
    if (!check.ok) return check;
    const problem = newTechnicianPinProblem(newPin);
    if (problem) throw new RangeError(`newPin: ${problem}`);
    this.pinHash = hashPin(newPin);
    this.options.savePinHash?.(this.pinHash);
    for (const other of this.sessions.keys()) if (other !== token) this.sessions.delete(other);
    this.sessions.set(token, { lastActivity: this.options.clock.now().getTime(), mustChangePin: false });
    return { ok: true, mustChangePin: false };
  }

  end(token: string): void {
    this.sessions.delete(token);
  }
}
