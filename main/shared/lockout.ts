/*
 * The counting of wrong secrets, as pure functions of a stored state and the time: the kiosk's PIN
 * gates (main/core/auth/pin-attempts.ts) and the central's staff sign-in (main/central/staff/) keep
 * the state in their own stores (SQLite, PostgreSQL) and decide with these, so both lock the same way.
 */

/** Wrong PINs (or passwords) in a row that lock a gate. */
export const MAX_WRONG_PINS = 5;
/**
 * How long each lockout in a row lasts: the first 5 minutes, the second 15, every further one an
 * hour. With 5 tries an hour, finding a 6-digit PIN by trying takes on average about eleven years.
 */
export const LOCKOUT_STEPS_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
/** A day without a wrong PIN forgets earlier lockouts: the next one lasts 5 minutes again. */
export const LOCKOUT_MEMORY_MS = 24 * 60 * 60_000;

/** One gate's count, as its store keeps it. */
export interface LockoutState {
  /** Wrong PINs since the last right one or the last lockout. */
  wrongPins: number;
  /** Lockouts in a row: each lasts longer than the last. */
  lockouts: number;
  /** Epoch milliseconds; 0 when never locked. */
  lockedUntil: number;
  /** Epoch milliseconds of the last wrong PIN. */
  lastWrongAt: number;
}

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

/**
 * One client address may get 10 secrets refused (at any gates or accounts together) before its
 * tries wait; the waits grow as a gate's do. A right secret from the address forgets its count.
 */
export const ADDRESS_POLICY: PinAttemptPolicy = { maxWrong: 10, steps: LOCKOUT_STEPS_MS, memoryMs: LOCKOUT_MEMORY_MS };

export type WrongOutcome =
  { ok: false; reason: 'wrong-pin'; attemptsLeft: number } | { ok: false; reason: 'locked'; until: Date };

export const FRESH_LOCKOUT: LockoutState = { wrongPins: 0, lockouts: 0, lockedUntil: 0, lastWrongAt: 0 };

/** The stored state as it stands at `now`: forgotten once the policy's quiet time has passed without a wrong PIN or a lockout. */
export function lockoutStateAt(stored: LockoutState | undefined, now: number, policy: PinAttemptPolicy): LockoutState {
  if (!stored) return FRESH_LOCKOUT;
  const quietSince = Math.max(stored.lastWrongAt, stored.lockedUntil);
  return now - quietSince >= policy.memoryMs ? FRESH_LOCKOUT : stored;
}

/** Until when the gate is locked at `now`, or null when it is open. */
export function lockedUntilAt(stored: LockoutState | undefined, now: number, policy: PinAttemptPolicy): Date | null {
  const { lockedUntil } = lockoutStateAt(stored, now, policy);
  return now < lockedUntil ? new Date(lockedUntil) : null;
}

/** The state after one more wrong PIN at `now`, and what to answer: tries left, or locked until when. */
export function afterWrong(
  stored: LockoutState | undefined,
  now: number,
  policy: PinAttemptPolicy,
): { state: LockoutState; outcome: WrongOutcome } {
  const before = lockoutStateAt(stored, now, policy);
  const wrongPins = before.wrongPins + 1;
  if (wrongPins < policy.maxWrong) {
    return {
      state: { ...before, wrongPins, lastWrongAt: now },
      outcome: { ok: false, reason: 'wrong-pin', attemptsLeft: policy.maxWrong - wrongPins },
    };
  }
  const length = policy.steps[Math.min(before.lockouts, policy.steps.length - 1)]!;
  const lockedUntil = now + length;
  return {
    state: { wrongPins: 0, lockouts: before.lockouts + 1, lockedUntil, lastWrongAt: now },
    outcome: { ok: false, reason: 'locked', until: new Date(lockedUntil) },
  };
}
