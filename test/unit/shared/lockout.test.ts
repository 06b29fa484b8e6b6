import { describe, expect, it } from 'vitest';
import {
  ADDRESS_POLICY,
  afterWrong,
  GATE_POLICY,
  LOCKOUT_MEMORY_MS,
  lockedUntilAt,
  type LockoutState,
} from '../../../main/shared/lockout';

/*
 * The lockout counting shared by the kiosk's PIN gates and the central's staff sign-in, as pure
 * functions: a state in, a state out.
 */

const MINUTE = 60_000;

/** `count` wrong tries one second apart from `start`, returning the last state and outcome. */
function wrongTimes(count: number, start: number, from?: LockoutState) {
  let state = from;
  let outcome: ReturnType<typeof afterWrong>['outcome'] | undefined;
  for (let i = 0; i < count; i++) {
    ({ state, outcome } = afterWrong(state, start + i * 1000, GATE_POLICY));
  }
  return { state: state!, outcome: outcome! };
}

describe('the shared lockout counting', () => {
  it('counts down the tries left, then locks for 5 minutes on the fifth wrong try', () => {
    expect(afterWrong(undefined, 0, GATE_POLICY).outcome).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 4 });
    const { state, outcome } = wrongTimes(5, 1_000_000);
    expect(outcome).toEqual({ ok: false, reason: 'locked', until: new Date(1_004_000 + 5 * MINUTE) });
    expect(lockedUntilAt(state, 1_004_000 + 5 * MINUTE - 1, GATE_POLICY)).toEqual(new Date(1_004_000 + 5 * MINUTE));
    expect(lockedUntilAt(state, 1_004_000 + 5 * MINUTE, GATE_POLICY)).toBeNull();
  });

  it('makes each lockout in a row longer: 5, 15, then 60 minutes, and 60 after', () => {
    let state: LockoutState | undefined;
    let at = 0;
    const lengths: number[] = [];
    for (let round = 0; round < 4; round++) {
      const result = wrongTimes(5, at, state);
      state = result.state;
      if (result.outcome.reason !== 'locked') throw new Error('expected a lockout');
      lengths.push((result.outcome.until.getTime() - (at + 4000)) / MINUTE);
      at = result.outcome.until.getTime();
    }
    expect(lengths).toEqual([5, 15, 60, 60]);
  });

  it('forgets the count and earlier lockouts after a quiet day', () => {
    const { state } = wrongTimes(5, 0);
    const later = state.lockedUntil + LOCKOUT_MEMORY_MS;
    const next = wrongTimes(5, later, state).outcome;
    expect(next).toEqual({ ok: false, reason: 'locked', until: new Date(later + 4000 + 5 * MINUTE) });
  });

  it('lets an address try ten times before it waits', () => {
    let state: LockoutState | undefined;
    const reasons: string[] = [];
    for (let i = 0; i < 10; i++) {
      const result = afterWrong(state, i, ADDRESS_POLICY);
      state = result.state;
      reasons.push(result.outcome.reason);
    }
    expect(reasons.filter((reason) => reason === 'wrong-pin')).toHaveLength(9);
    expect(reasons.at(-1)).toBe('locked');
  });
});
