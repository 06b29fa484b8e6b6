import { describe, expect, it } from 'vitest';
import type { PackedHistogram, RawAnswer } from '../../../main/central/monitoring/figures';
import { listBoundsOf } from '../../../main/central/monitoring/visit-list';

/*
 * How far down a visit list reads (issue 13, scale): from a range's histograms, the least seconds
 * per service a visit needs to be on the page, and the list's total. The database side (that the
 * page read within the bounds is the page read whole) is tested in dashboard-api.test.ts.
 */

/** A packed histogram from { minute: visits }, minutes below 8 in the head, the rest in the tail. */
function packed(serviceId: string, visits: Record<number, number>): PackedHistogram {
  const head: Array<number | null> = Array.from({ length: 8 }, () => null);
  const minutes: number[] = [];
  const counts: number[] = [];
  for (const [minute, count] of Object.entries(visits).map(([m, c]) => [Number(m), c] as const)) {
    if (minute < 8) {
      head[minute] = count;
    } else {
      minutes.push(minute);
      counts.push(count);
    }
  }
  return [serviceId, head, minutes, counts];
}

const counts = (tickets: number) => ({
  tickets,
  served: 0,
  no_shows: 0,
  offered: 0,
  rated: 0,
  score_1: 0,
  score_2: 0,
  score_3: 0,
  score_4: 0,
  score_5: 0,
  reason_waiting_time: 0,
  reason_staff: 0,
  reason_result: 0,
  reason_premises: 0,
});

// passport: standards 10 (service) and 15 (waiting); licence: none, so 15 and 15.
// Service minutes over their standard: passport 0 ×2, 2, 20; licence 1 ×2, 5. Seven in all.
// One wait over its standard: passport's 20 minutes (5 over).
const ANSWER: RawAnswer = {
  services: [
    { service_id: 'passport', ...counts(9) },
    { service_id: 'licence', ...counts(4) },
  ],
  service: [packed('passport', { 5: 3, 10: 2, 12: 1, 30: 1 }), packed('licence', { 16: 2, 20: 1 })],
  wait: [packed('passport', { 3: 8, 20: 1 }), packed('licence', { 4: 3 })],
  hours: [],
  standards: [{ service_id: 'passport', service_minutes: 10, waiting_minutes: 15 }],
};

/** Seconds per service from whole minutes over each standard (passport 10, licence 15). */
const serviceSeconds = (over: number) => [(10 + over) * 60, (15 + over) * 60];
const waitingSeconds = (over: number) => [(15 + over) * 60, (15 + over) * 60];
/** The answer for a total, every visit read at least `over` whole minutes over its standard. */
const answer = (total: number, over: number) => ({
  total,
  bounds: {
    services: ['passport', 'licence'],
    serviceSeconds: serviceSeconds(over),
    waitingSeconds: waitingSeconds(over),
  },
});

describe('listBoundsOf', () => {
  it('reads only the visits as far over their standard as the page needs, the total counting all over it', () => {
    const bounded = (needed: number) => listBoundsOf(ANSWER, 'service-over-standard', needed);
    // The first: passport's 30 minutes, 20 over.
    expect(bounded(1)).toEqual(answer(7, 20));
    // 20 over (one), 5 over (one more), 2 over (the third).
    expect(bounded(3)!.bounds.serviceSeconds).toEqual(serviceSeconds(2));
    // Four needed: the two 1 over are both read, though only one is needed.
    expect(bounded(4)!.bounds.serviceSeconds).toEqual(serviceSeconds(1));
    // More than there are: every visit over its standard, none within.
    expect(bounded(200)).toEqual(answer(7, 0));
  });

  it('counts waits against the waiting standard', () => {
    expect(listBoundsOf(ANSWER, 'waiting-over-standard', 200)).toMatchObject({
      total: 1,
      bounds: { waitingSeconds: waitingSeconds(0) },
    });
  });

  it("bounds 'all' by whichever time reaches the page first, its total every ticket", () => {
    // 20 over: passport's service; 5 over: licence's service and passport's wait, two of each kind.
    expect(listBoundsOf(ANSWER, 'all', 2)).toEqual(answer(13, 5));
    // Visits within their standards count too, by how far below it they are: the tenth service
    // time is passport's 5 minutes, 5 below.
    expect(listBoundsOf(ANSWER, 'all', 10)!.bounds.serviceSeconds).toEqual(serviceSeconds(-5));
  });

  it("leaves 'all' unbounded when the page reaches visits never called (they have no excess)", () => {
    // 12 of the 13 tickets were called (their waits measured): the 13th may be the one never called.
    expect(listBoundsOf(ANSWER, 'all', 12)!.bounds.waitingSeconds).toEqual(waitingSeconds(-12));
    expect(listBoundsOf(ANSWER, 'all', 13)).toBeNull();
  });
});
