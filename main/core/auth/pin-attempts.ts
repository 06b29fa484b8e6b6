import {
  afterWrong,
  GATE_POLICY,
  LOCKOUT_STEPS_MS,
  lockedUntilAt,
  type PinAttemptPolicy,
  type WrongOutcome,
} from '../../shared/lockout';
import type { Clock } from '../ports';
import { memoryLockouts, type LockoutStore } from './lockout-store';

export {
  GATE_POLICY,
  LOCKOUT_MEMORY_MS,
  LOCKOUT_STEPS_MS,
  MAX_WRONG_PINS,
  type PinAttemptPolicy,
} from '../../shared/lockout';
/** The first lockout's length (kept for the callers that name it). */
export const LOCKOUT_MS = LOCKOUT_STEPS_MS[0];

export type PinAttemptResult = { ok: true } | WrongOutcome;

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
    return lockedUntilAt(this.store.read(this.key), this.clock.now().getTime(), this.policy);
  }

  recordRight(): void {
    // Earlier lockouts are forgotten too: the person who knows the PIN is back.
    this.store.write(this.key, null);
  }

  recordWrong(): WrongOutcome {
    const { state, outcome } = afterWrong(this.store.read(this.key), this.clock.now().getTime(), this.policy);
    this.store.write(this.key, state);
    return outcome;
  }
}
