import { describe, expect, it } from 'vitest';
import { dayReport } from '../../../../main/core/reports/day-report';
import { at, DAY, OFFERED, RATINGS, STANDARDS, ticket } from './sample-day';

const report = () =>
  dayReport({
    day: '2026-11-20',
    timeZone: 'Asia/Baku',
    tickets: DAY,
    ratings: RATINGS,
    offeredTicketIds: OFFERED,
    standardMinutes: STANDARDS,
  });

describe('the day report (figures worked out by hand)', () => {
  it('totals: counts, average wait 71/5, service 40/3, two of three within standard, scores 5, 2, 4', () => {
    const { totals, day, timeZone } = report();
    expect({ day, timeZone }).toEqual({ day: '2026-11-20', timeZone: 'Asia/Baku' });
    expect(totals).toEqual({
      tickets: 6,
      served: 3,
      noShows: 1,
      open: 2,
      averageWaitMinutes: 14.2,
      averageServiceMinutes: expect.closeTo(13.333, 3),
      withinStandardShare: expect.closeTo(0.6667, 4),
      printNotConfirmed: 0,
      ratings: {
        count: 3,
        average: expect.closeTo(3.6667, 4),
        distribution: [0, 1, 0, 1, 1],
        offered: 3,
        responseRate: 1,
      },
    });
  });

  it('per service, by the final service id, in id order', () => {
    const [passport, tax] = report().byService;
    expect(passport).toEqual({
      serviceId: 'passport',
      tickets: 3,
      served: 2,
      noShows: 0,
      open: 1,
      averageWaitMinutes: 15,
      averageServiceMinutes: 16,
      withinStandardShare: 0.5,
      printNotConfirmed: 0,
      ratings: { count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1], offered: 2, responseRate: 1 },
    });
    expect(tax).toEqual({
      serviceId: 'tax',
      tickets: 3,
      served: 1,
      noShows: 1,
      open: 1,
      averageWaitMinutes: expect.closeTo(41 / 3, 6),
      averageServiceMinutes: 8,
      withinStandardShare: 1,
      printNotConfirmed: 0,
      ratings: { count: 1, average: 4, distribution: [0, 0, 0, 1, 0], offered: 1, responseRate: 1 },
    });
    expect(report().byService).toHaveLength(2);
  });

  it('per desk, leaving out the ticket never called', () => {
    const { byDesk } = report();
    expect(byDesk.map((desk) => [desk.deskId, desk.tickets, desk.served, desk.noShows, desk.open])).toEqual([
      ['1', 3, 1, 1, 1],
      ['2', 2, 2, 0, 0],
    ]);
    expect(byDesk[0]).toMatchObject({ averageWaitMinutes: 15, averageServiceMinutes: 12, withinStandardShare: 1 });
    expect(byDesk[1]).toMatchObject({
      averageWaitMinutes: 13,
      averageServiceMinutes: 14,
      withinStandardShare: 0.5,
      ratings: { count: 2, average: 3, distribution: [0, 1, 0, 1, 0], offered: 2, responseRate: 1 },
    });
  });

  it('issued and served per local hour, 09 to 11 on the Baku clock', () => {
    expect(report().hours).toEqual([
      { hour: 9, issued: 2, served: 1 },
      { hour: 10, issued: 2, served: 2 },
      { hour: 11, issued: 2, served: 0 },
    ]);
  });

  it('an empty day has no averages, no groups and no hours', () => {
    const empty = dayReport({
      day: '2026-11-22',
      timeZone: 'Asia/Baku',
      tickets: [],
      ratings: [],
      offeredTicketIds: new Set(),
      standardMinutes: STANDARDS,
    });
    expect(empty.totals).toEqual({
      tickets: 0,
      served: 0,
      noShows: 0,
      open: 0,
      averageWaitMinutes: null,
      averageServiceMinutes: null,
      withinStandardShare: null,
      printNotConfirmed: 0,
      ratings: { count: 0, average: null, distribution: [0, 0, 0, 0, 0], offered: 0, responseRate: null },
    });
    expect([empty.byService, empty.byDesk, empty.hours]).toEqual([[], [], []]);
  });

  it('counts tickets whose print was interrupted as print not confirmed, in the totals and per service and desk', () => {
    const interrupted = DAY.map((t) =>
      t.number === 'A-002' || t.number === 'B-001' ? { ...t, printStatus: 'interrupted' as const } : t,
    );
    const result = dayReport({
      day: '2026-11-20',
      timeZone: 'Asia/Baku',
      tickets: interrupted,
      ratings: RATINGS,
      offeredTicketIds: OFFERED,
      standardMinutes: STANDARDS,
    });
    expect(result.totals.printNotConfirmed).toBe(2);
    // A-002 (passport, served at desk 2) and B-001 (tax, a no-show at desk 1): both desks still had them.
    expect(result.byService.map((service) => [service.serviceId, service.printNotConfirmed])).toEqual([
      ['passport', 1],
      ['tax', 1],
    ]);
    expect(result.byDesk.map((desk) => [desk.deskId, desk.printNotConfirmed])).toEqual([
      ['1', 1],
      ['2', 1],
    ]);
  });

  it('response rate: rated ÷ offered, where a rated visit counts as offered and a screen shown but left unanswered lowers it', () => {
    // A-002 was shown the rating screen and walked away; B-002 was rated without an offer on record.
    const ratings = RATINGS.filter((given) => given.ticketId !== 2);
    const result = dayReport({
      day: '2026-11-20',
      timeZone: 'Asia/Baku',
      tickets: DAY,
      ratings,
      offeredTicketIds: OFFERED,
      standardMinutes: STANDARDS,
    });
    expect(result.totals.served).toBe(3);
    expect(result.totals.ratings).toMatchObject({ count: 2, offered: 3, responseRate: 2 / 3 });
    const passport = result.byService.find((service) => service.serviceId === 'passport');
    expect(passport?.ratings).toMatchObject({ count: 1, offered: 2, responseRate: 0.5 });
    // A visit offered but never ended cannot happen (ratingOffered refuses it); none offered: no rate.
    const unoffered = dayReport({
      day: '2026-11-20',
      timeZone: 'Asia/Baku',
      tickets: DAY,
      ratings: [],
      offeredTicketIds: new Set(),
      standardMinutes: STANDARDS,
    });
    expect(unoffered.totals.ratings).toMatchObject({ count: 0, offered: 0, responseRate: null });
  });

  it('a visit of a service gone from the catalog counts its time but not against a standard', () => {
    const gone = ticket(7, {
      number: 'C-001',
      serviceId: 'retired',
      issuedAt: at('05:00'),
      deskId: '3',
      calledAt: at('05:00'),
      servingStartedAt: at('05:00'),
      visitEndedAt: at('05:30'),
      state: 'done',
    });
    const result = dayReport({
      day: '2026-11-20',
      timeZone: 'Asia/Baku',
      tickets: [gone],
      ratings: [],
      offeredTicketIds: new Set(),
      standardMinutes: STANDARDS,
    });
    expect(result.totals.averageServiceMinutes).toBe(30);
    expect(result.totals.withinStandardShare).toBeNull();
  });

  it('hours follow the zone: the same instants in Almaty (UTC+5) fall an hour later', () => {
    const almaty = dayReport({
      day: '2026-11-20',
      timeZone: 'Asia/Almaty',
      tickets: DAY,
      ratings: [],
      offeredTicketIds: new Set(),
      standardMinutes: STANDARDS,
    });
    expect(almaty.hours.map((h) => h.hour)).toEqual([10, 11, 12]);
  });
});
