import { describe, expect, it } from 'vitest';
import { estimatedWaitMinutes, peopleAhead, serviceMinutes } from '../../../main/core/queue/wait-estimate';

const rule = { standardMinutes: 4, minFinished: 3, window: 4 };

describe('estimated wait', () => {
  it("uses the service's standard until enough visits finished, then the rolling average of the last ones", () => {
    expect(serviceMinutes([], rule)).toBe(4);
    expect(serviceMinutes([10, 10], rule)).toBe(4);
    expect(serviceMinutes([10, 10, 7], rule)).toBe(9);
    // Only the last four count: the slow first visit of the morning drops out.
    expect(serviceMinutes([30, 2, 4, 6, 8], rule)).toBe(5);
  });

  it('counts waiting priority tickets ahead of a normal one, and only earlier priority ones ahead of a priority one', () => {
    const waiting = [
      { id: 1, issuedOrder: 1, priority: null },
      { id: 2, issuedOrder: 2, priority: 'elderly' },
      { id: 3, issuedOrder: 3, priority: null },
      { id: 4, issuedOrder: 4, priority: 'pregnant' },
    ];
    expect(peopleAhead(waiting, { id: 5, issuedOrder: 5, priority: null })).toBe(4);
    expect(peopleAhead(waiting, { id: 3, issuedOrder: 3, priority: null })).toBe(3);
    expect(peopleAhead(waiting, { id: 5, issuedOrder: 5, priority: 'disabled' })).toBe(2);
    expect(peopleAhead(waiting, { id: 2, issuedOrder: 2, priority: 'elderly' })).toBe(0);
    expect(peopleAhead([], { id: 1, issuedOrder: 1, priority: null })).toBe(0);
  });

  it('divides by the desks open for the service, rounds up, and gives none when no desk is open', () => {
    expect(estimatedWaitMinutes(6, 4, 2)).toBe(12);
    expect(estimatedWaitMinutes(5, 4, 3)).toBe(7);
    expect(estimatedWaitMinutes(0, 4, 1)).toBe(0);
    expect(estimatedWaitMinutes(3, 4, 0)).toBeNull();
  });
});
