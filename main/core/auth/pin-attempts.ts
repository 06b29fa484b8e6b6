import type { Clock } from '../ports';
import { memoryLockouts, type LockoutState, type LockoutStore } from './lockout-store';

/** Wrong PINs in a row that lock a gate (technician mode, or one desk). */
export const MAX_WRONG_PINS = 5;
/**
 * How long each lockout in a row lasts: the first 5 minutes, the second 15, every further one an
 * hour. With 5 tries an hour, finding a 6-digit PIN by trying takes on average about eleven years.
 */
export const LOCKOUT_STEPS_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
/** The first lockout's length (kept for the callers that name it). */
export const LOCKOUT_MS = LOCKOUT_STEPS_MS[0];
/** A day without a wrong PIN forgets earlier lockouts: the next one lasts 5 minutes again. */
export const LOCKOUT_MEMORY_MS = 24 * 60 * 60_000;

export type PinAttemptResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date };

export interface PinAttemptPolicy {
  /** Wrong PINs that lock the gate. */
  maxWrong: number;
  /** Each lockout's length in turn; the last one repeats. */
  steps: readonly number[];
  /** Quiet time (no wrong PIN, no lockout running) after which the count and earlier lockouts are forgotten. */
  memoryMs: number;
}

export const GATE_POLICY: PinAttemptPolicy = {
  maxWrong: MAX_WRONG_PINS,
  steps: LOCKOUT_STEPS_MS,
  memoryMs: LOCKOUT_MEMORY_MS,
};

const FRESH: LockoutState = { wrongPins: 0, lockouts: 0, lockedUntil: 0, lastWrongAt: 0 };

/**
 * The lockout of one PIN gate: `maxWrong` wrong PINs lock it, each lockout in a row longer than the
 * last (LOCKOUT_STEPS_MS); a right PIN starts the count again. The state is kept in a
 * LockoutStore under the gate's key, so a restart (or a pulled plug) does not reset it. The PIN
 * check itself is the caller's, so the same counting serves every gate and the API's limits per
 * client address and overall.
 */
export class PinAttempts {
  constructor(
    private readonly clock: Clock,
    private readonly store: LockoutStore = memoryLockouts(),
    private readonly key = 'gate',
    private readonly policy: PinAttemptPolicy = GATE_POLICY,
  ) {}

  /** Runs `isRight` unless the gate is locked, and counts the outcome. */
  attempt(isRight: () => boolean): PinAttemptResult {
    const until = this.lockedUntil();
    if (until) return { ok: false, reason: 'locked', until };
    if (isRight()) {
      this.recordRight();
      return { ok: true };
    }
    return this.recordWrong();
  }

  /** Until when the gate is locked, or null when it is open. */
  lockedUntil(): Date | null {
    const { lockedUntil } = this.state();
    return this.clock.now().getTime() < lockedUntil ? new Date(lockedUntil) : null;
  }

  recordRight(): void {
    // Earlier lockouts are forgotten too: the person who knows the PIN is back.
    this.store.write(this.key, null);
  }

  recordWrong(): Exclude<PinAttemptResult, { ok: true }> {
    const now = this.clock.now().getTime();
    const before = this.state();
    const wrongPins = before.wrongPins + 1;
    if (wrongPins < this.policy.maxWrong) {
      this.store.write(this.key, { ...before, wrongPins, lastWrongAt: now });
      return { ok: false, reason: 'wrong-pin', attemptsLeft: this.policy.maxWrong - wrongPins };
    }
    const { steps } = this.policy;
    const length = steps[Math.min(before.lockouts, steps.length - 1)]!;
    const lockedUntil = now + length;
    this.store.write(this.key, { wrongPins: 0, lockouts: before.lockouts + 1, lockedUntil, lastWrongAt: now });
    return { ok: false, reason: 'locked', until: new Date(lockedUntil) };
  }

  /** The stored state, forgotten once the policy's quiet time has passed without a wrong PIN or a lockout. */
  private state(): LockoutState {
    const stored = this.store.read(this.key);
    if (!stored) return FRESH;
    const now = this.clock.now().getTime();
    const quietSince = Math.max(stored.lastWrongAt, stored.lockedUntil);
    return now - quietSince >= this.policy.memoryMs ? FRESH : stored;
  }
}
