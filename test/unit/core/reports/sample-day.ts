import type { Rating, Ticket } from '../../../../main/contract';

/** A ticket of 2026-11-20 in Baku (UTC+4); times are given in UTC. */
export function ticket(
  id: number,
  fields: Partial<Ticket> & Pick<Ticket, 'number' | 'serviceId' | 'issuedAt'>,
): Ticket {
  return {
    id,
    group: fields.number.slice(0, 1),
    sequence: Number(fields.number.slice(2)),
    localDay: '2026-11-20',
    language: 'az',
    priority: null,
    printStatus: 'printed',
    printError: null,
    visitEndedAt: null,
    state: 'waiting',
    deskId: null,
    calledAt: null,
    recalls: 0,
    servingStartedAt: null,
    noShowAt: null,
    transferredFrom: null,
    peopleAhead: 0,
    estimatedWaitMinutes: null,
    issuedOffline: false,
    ref: null,
    ...fields,
  };
}

export function rating(of: Ticket, score: number, reasons: Rating['reasons'] = []): Rating {
  return {
    ticketId: of.id,
    score,
    reasons,
    language: of.language,
    serviceId: of.serviceId,
    deskId: of.deskId,
    visitEndedAt: of.visitEndedAt ?? '',
    ratedAt: of.visitEndedAt ?? '',
  };
}

export const at = (time: string) => `2026-11-20T${time}:00.000Z`;

/**
 * Six visits, figures worked out by hand (local time = UTC + 4):
 * A-001 passport desk 1: issued 09:00, called 09:10 (wait 10), started 09:12, ended 09:24 (12 ≤ 15), score 5
 * A-002 passport desk 2: issued 09:30, called 09:50 (wait 20), started 09:51, ended 10:11 (20 > 15), score 2
 * B-001 tax desk 1:      issued 10:05, called 10:35 (wait 30), no-show 10:40
 * B-002 tax desk 2:      issued 10:20, called 10:26 (wait 6), finished from "called" 10:34 (8 ≤ 10), score 4
 * A-003 passport:        issued 11:00, waiting
 * B-003 tax desk 1:      issued 11:10, called 11:15 (wait 5), serving since 11:16
 */
export const DAY: Ticket[] = [
  ticket(1, {
    number: 'A-001',
    serviceId: 'passport',
    issuedAt: at('05:00'),
    deskId: '1',
    calledAt: at('05:10'),
    servingStartedAt: at('05:12'),
    visitEndedAt: at('05:24'),
    state: 'done',
  }),
  ticket(2, {
    number: 'A-002',
    serviceId: 'passport',
    language: 'kk',
    issuedAt: at('05:30'),
    deskId: '2',
    calledAt: at('05:50'),
    servingStartedAt: at('05:51'),
    visitEndedAt: at('06:11'),
    state: 'done',
  }),
  ticket(3, {
    number: 'B-001',
    serviceId: 'tax',
    issuedAt: at('06:05'),
    deskId: '1',
    calledAt: at('06:35'),
    noShowAt: at('06:40'),
    state: 'no-show',
  }),
  ticket(4, {
    number: 'B-002',
    serviceId: 'tax',
    language: 'ru',
    priority: 'elderly',
    issuedAt: at('06:20'),
    deskId: '2',
    calledAt: at('06:26'),
    visitEndedAt: at('06:34'),
    state: 'done',
  }),
  ticket(5, { number: 'A-003', serviceId: 'passport', issuedAt: at('07:00') }),
  ticket(6, {
    number: 'B-003',
    serviceId: 'tax',
    issuedAt: at('07:10'),
    deskId: '1',
    calledAt: at('07:15'),
    servingStartedAt: at('07:16'),
    state: 'serving',
  }),
];
export const RATINGS = [rating(DAY[0]!, 5), rating(DAY[1]!, 2, ['waiting-time', 'staff']), rating(DAY[3]!, 4)];
export const STANDARDS = new Map([
  ['passport', 15],
  ['tax', 10],
]);

/** Visits whose rating screen was shown; B-002 was rated, so it counts as offered too. */
export const OFFERED: ReadonlySet<number> = new Set([1, 2]);
