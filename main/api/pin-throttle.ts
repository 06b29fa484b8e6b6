import type { KioskCallName } from '../contract';
import type { LockoutStore } from '../core/auth/lockout-store';
import { LOCKOUT_STEPS_MS, PinAttempts, type PinAttemptPolicy } from '../core/auth/pin-attempts';
import { ADDRESS_POLICY } from '../shared/lockout';
import type { Caller } from '../core/caller';
import type { Clock } from '../core/ports';

/** The calls that check a PIN. */
export const PIN_CALLS: ReadonlySet<KioskCallName> = new Set(['technicianUnlock', 'deskSignIn', 'hallEnrol']);
/** Refusals that count as a refused PIN: a wrong PIN, and a try at a gate already locked. */
const REFUSED_PIN_CODES: ReadonlySet<string> = new Set(['wrong-pin', 'technician-locked', 'desk-locked']);

/** One client address may get 10 PINs refused (main/shared/lockout.ts, as the central's staff sign-in). */
export { ADDRESS_POLICY };
/**
 * All network clients together may get 30 PINs refused with no quiet quarter of an hour between
 * them: against guessing from many addresses at once. A right PIN does not forget this count.
 */
export const OVERALL_POLICY: PinAttemptPolicy = { maxWrong: 30, steps: LOCKOUT_STEPS_MS, memoryMs: 15 * 60_000 };
export const OVERALL_KEY = 'all-addresses';

/**
 * The API's limits of wrong PINs per client address and overall, on top of each gate's own
 * lockout (core/auth). The overall limit counts and stops network clients only, so guessing from
 * the LAN never locks out a technician at the kiosk itself (this machine's own clients, over
 * loopback, have their per-address limit and the gates' lockouts).
 */
export class PinThrottle {
  private readonly overall: PinAttempts;

  constructor(
    private readonly clock: Clock,
    private readonly store: LockoutStore,
  ) {
    this.overall = new PinAttempts(clock, store, OVERALL_KEY, OVERALL_POLICY);
  }

  /** Until when the caller's PIN calls wait, or null when they may go ahead. */
  lockedUntil(caller: Caller): Date | null {
    const own = this.ofAddress(caller).lockedUntil();
    if (own) return own;
    return caller.loopback ? null : this.overall.lockedUntil();
  }

  /** Counts the outcome of a PIN call by its refusal code (null: the call succeeded). */
  record(caller: Caller, refusalCode: string | null): void {
    if (refusalCode === null) {
      this.ofAddress(caller).recordRight();
      return;
    }
    if (!REFUSED_PIN_CODES.has(refusalCode)) return;
    this.ofAddress(caller).recordWrong();
    if (!caller.loopback) this.overall.recordWrong();
  }

  private ofAddress(caller: Caller): PinAttempts {
    return new PinAttempts(this.clock, this.store, `address:${caller.address ?? 'unknown'}`, ADDRESS_POLICY);
  }
}
