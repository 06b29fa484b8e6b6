import { describe, expect, it } from 'vitest';
import { pickNext, priorityStreak, type WaitingTicket } from '../../../main/core/queue/ordering';
import { seededRandom as random } from '../../support/seeded-random';

interface Simulation {
  calls: WaitingTicket[];
  /** For each normal ticket: the most priority calls made in a row while it waited. */
  worstPriorityRunWhileNormalWaited: number;
}

/** Random arrivals (mostly priority, to stress the rule) and calls, using the real picking rule. */
function simulate(seed: number, maxPriorityInRow: number, steps: number, priorityShare: number): Simulation {
  const next = random(seed);
  const waiting: WaitingTicket[] = [];
  const calls: WaitingTicket[] = [];
  let issued = 0;
  let run = 0;
  let worst = 0;
  for (let step = 0; step < steps; step++) {
    if (next() < 0.55) {
      issued++;
      waiting.push({ id: issued, issuedOrder: issued, priority: next() < priorityShare ? 'elderly' : null });
    } else {
      const normalWaiting = waiting.some((ticket) => ticket.priority === null);
      const called = pickNext(waiting, priorityStreak(calls), maxPriorityInRow);
      if (!called) continue;
      waiting.splice(waiting.indexOf(called), 1);
      calls.push(called);
      if (called.priority !== null && normalWaiting) worst = Math.max(worst, ++run);
      else run = 0;
    }
  }
  return { calls, worstPriorityRunWhileNormalWaited: worst };
}

describe('priority ordering', () => {
  it('calls priority first, oldest first within each kind', () => {
    const waiting = [
      { id: 1, issuedOrder: 1, priority: null },
      { id: 2, issuedOrder: 2, priority: 'pregnant' },
      { id: 3, issuedOrder: 3, priority: 'elderly' },
    ];
    expect(pickNext(waiting, 0, 3)?.id).toBe(2);
    expect(pickNext(waiting.slice(0, 1), 0, 3)?.id).toBe(1);
    expect(pickNext([], 0, 3)).toBeUndefined();
  });

  it('calls the oldest normal ticket once the streak reaches the limit, and priority again after it', () => {
    const waiting = [
      { id: 1, issuedOrder: 1, priority: null },
      { id: 2, issuedOrder: 2, priority: 'disabled' },
    ];
    expect(pickNext(waiting, 2, 2)?.id).toBe(1);
    expect(pickNext(waiting, 1, 2)?.id).toBe(2);
    expect(priorityStreak([{ priority: 'elderly' }, { priority: null }, { priority: 'a' }, { priority: 'b' }])).toBe(2);
    expect(priorityStreak([{ priority: 'elderly' }, { priority: null }])).toBe(0);
    expect(priorityStreak([])).toBe(0);
  });

  it('never lets a normal ticket wait behind more than N priority calls in a row (500 random days per N)', () => {
    for (const maxPriorityInRow of [1, 2, 3, 5]) {
      for (let seed = 1; seed <= 500; seed++) {
        const day = simulate(seed * 7919 + maxPriorityInRow, maxPriorityInRow, 300, 0.8);
        expect(day.worstPriorityRunWhileNormalWaited, `seed ${seed}, N ${maxPriorityInRow}`).toBeLessThanOrEqual(
          maxPriorityInRow,
        );
      }
    }
  });

  it('reaches the limit under heavy priority load, so the bound above is the rule at work, not luck', () => {
    const runs = Array.from(
      { length: 50 },
      (_, seed) => simulate(seed + 1, 3, 300, 0.8).worstPriorityRunWhileNormalWaited,
    );
    expect(Math.max(...runs)).toBe(3);
  });

  it('calls normal tickets among themselves, and priority ones among themselves, in issue order', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const day = simulate(seed, 2, 400, 0.6);
      const normalOrder = day.calls.filter((ticket) => ticket.priority === null).map((ticket) => ticket.issuedOrder);
      expect(normalOrder).toEqual([...normalOrder].sort((a, b) => a - b));
      const priorityOrder = day.calls.filter((ticket) => ticket.priority !== null).map((ticket) => ticket.issuedOrder);
      expect(priorityOrder).toEqual([...priorityOrder].sort((a, b) => a - b));
    }
  });
});
