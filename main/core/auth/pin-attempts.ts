import type { Clock } from '../ports';

export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export type PinAttemptResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; until: Date };

/**
 * The lockout of one PIN gate (technician mode, or one desk): five wrong PINs in a row lock it for
 * five minutes. The PIN check itself is the caller's, so the same counting serves every gate.
 */
export class PinAttempts {
  private wrongPins = 0;
  private lockedUntil = 0;

  constructor(private readonly clock: Clock) {}

  /** Runs `isRight` unless the gate is locked, and counts the outcome. */
  attempt(isRight: () => boolean): PinAttemptResult {
    const now = this.clock.now().getTime();
    if (now < this.lockedUntil) return { ok: false, reason: 'locked', until: new Date(this.lockedUntil) };
    if (isRight()) {
      this.wrongPins = 0;
      return { ok: true };
    }
    this.wrongPins++;
    if (this.wrongPins >= MAX_WRONG_PINS) {
      this.wrongPins = 0;
      this.lockedUntil = now + LOCKOUT_MS;
      return { ok: false, reason: 'locked', until: new Date(this.lockedUntil) };
    }
    return { ok: false, reason: 'wrong-pin', attemptsLeft: MAX_WRONG_PINS - this.wrongPins };
  }
}
