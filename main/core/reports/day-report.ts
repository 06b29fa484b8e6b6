import type { DayFigures, DayReport, Rating, Ticket } from '../../contract';
import { zonedParts } from '../../shared/zoned-time';

/**
 * The day's figures, computed from the day's tickets and their ratings alone (no clock, no store),
 * so a report for any past day reads the same whenever it is asked for.
 *
 * Definitions:
 * - tickets: every ticket of the day; served: state `done`; no-shows: state `no-show`; open:
 *   `waiting`, `called` or `serving`.
 * - wait = calledAt − issuedAt, over tickets that have a call (the last call: a recall does not
 *   move it; a transfer clears it until the next call).
 * - service time = visitEndedAt − servingStartedAt, over served (`done`) visits; a visit finished
 *   straight from `called` counts from calledAt; a served visit with neither start is left out.
 * - within standard: service time ≤ the service's standard minutes (catalog `serviceMinutes`),
 *   over the served visits counted for service time whose service the catalog still knows.
 * - print not confirmed: tickets whose print was interrupted (printStatus `interrupted`), still so.
 * - ratings: the ratings of the day's tickets; their distribution is a count per score 1–5.
 * - offered: tickets whose visit was offered a rating, i.e. a rating screen for it was shown on a
 *   kiosk, tablet or phone (`ratingOffered`, stored once per visit), or that were rated (a rating is only
 *   given on such a screen). Response rate = rated ÷ offered, null when none was offered.
 * - per service by the ticket's final serviceId (after any transfer), per desk by the desk that
 *   last called it (tickets never called belong to no desk); both sorted by id.
 * - hours: local hours of the centre's zone, from the first to the last hour with a ticket issued
 *   or a visit served, none left out between; issued counts by issuedAt, served by visitEndedAt.
 */
export interface DayReportInput {
  day: string;
  timeZone: string;
  tickets: readonly Ticket[];
  ratings: readonly Rating[];
  /** Ids of the day's tickets offered a rating (a rating screen was shown for them). */
  offeredTicketIds: ReadonlySet<number>;
  /** Standard minutes by service id (catalog `serviceMinutes`). */
  standardMinutes: ReadonlyMap<string, number>;
}

const MS_PER_MINUTE = 60_000;

export function dayReport(input: DayReportInput): DayReport {
  const ratingsByTicket = new Map(input.ratings.map((rating) => [rating.ticketId, rating]));
  const figures = (tickets: readonly Ticket[]) =>
    dayFigures(tickets, ratingsByTicket, input.offeredTicketIds, input.standardMinutes);
  return {
    day: input.day,
    timeZone: input.timeZone,
    totals: figures(input.tickets),
    byService: [...groupBy(input.tickets, (ticket) => ticket.serviceId)].map(([serviceId, tickets]) => ({
      serviceId,
      ...figures(tickets),
    })),
    byDesk: [...groupBy(input.tickets, (ticket) => ticket.deskId)].map(([deskId, tickets]) => ({
      deskId,
      ...figures(tickets),
    })),
    hours: hourCounts(input.tickets, input.timeZone),
  };
}

/** Minutes from the start of serving to the end of a served visit; null when it has no start. */
export function serviceMinutesOf(ticket: Ticket): number | null {
  if (ticket.state !== 'done' || ticket.visitEndedAt === null) return null;
  const start = ticket.servingStartedAt ?? ticket.calledAt;
  return start === null ? null : minutesBetween(start, ticket.visitEndedAt);
}

/** Minutes from issue to the last call; null for a ticket not called. */
export function waitMinutesOf(ticket: Ticket): number | null {
  return ticket.calledAt === null ? null : minutesBetween(ticket.issuedAt, ticket.calledAt);
}

function dayFigures(
  tickets: readonly Ticket[],
  ratingsByTicket: ReadonlyMap<number, Rating>,
  offeredTicketIds: ReadonlySet<number>,
  standardMinutes: ReadonlyMap<string, number>,
): DayFigures {
  const waits = present(tickets.map(waitMinutesOf));
  const timed = tickets.flatMap((ticket) => {
    const minutes = serviceMinutesOf(ticket);
    return minutes === null ? [] : [{ ticket, minutes }];
  });
  const judged = timed.flatMap(({ ticket, minutes }) => {
    const standard = standardMinutes.get(ticket.serviceId);
    return standard === undefined ? [] : [minutes <= standard];
  });
  const scores = present(tickets.map((ticket) => ratingsByTicket.get(ticket.id)?.score ?? null));
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const score of scores) distribution[score - 1]! += 1;
  const offered = tickets.filter((ticket) => offeredTicketIds.has(ticket.id) || ratingsByTicket.has(ticket.id)).length;
  return {
    tickets: tickets.length,
    served: tickets.filter((ticket) => ticket.state === 'done').length,
    noShows: tickets.filter((ticket) => ticket.state === 'no-show').length,
    open: tickets.filter((ticket) => ['waiting', 'called', 'serving'].includes(ticket.state)).length,
    averageWaitMinutes: average(waits),
    averageServiceMinutes: average(timed.map(({ minutes }) => minutes)),
    withinStandardShare: judged.length === 0 ? null : judged.filter(Boolean).length / judged.length,
    printNotConfirmed: tickets.filter((ticket) => ticket.printStatus === 'interrupted').length,
    ratings: {
      count: scores.length,
      average: average(scores),
      distribution,
      offered,
      responseRate: offered === 0 ? null : scores.length / offered,
    },
  };
}

function hourCounts(tickets: readonly Ticket[], timeZone: string): DayReport['hours'] {
  const issued = new Map<number, number>();
  const served = new Map<number, number>();
  const add = (counts: Map<number, number>, hour: number) => counts.set(hour, (counts.get(hour) ?? 0) + 1);
  for (const ticket of tickets) {
    add(issued, localHour(ticket.issuedAt, timeZone));
    if (ticket.state === 'done' && ticket.visitEndedAt !== null) add(served, localHour(ticket.visitEndedAt, timeZone));
  }
  const active = [...issued.keys(), ...served.keys()];
  if (active.length === 0) return [];
  const hours: DayReport['hours'] = [];
  for (let hour = Math.min(...active); hour <= Math.max(...active); hour++) {
    hours.push({ hour, issued: issued.get(hour) ?? 0, served: served.get(hour) ?? 0 });
  }
  return hours;
}

/** The hour 0–23 on the centre's clock at an instant. */
export function localHour(instant: string, timeZone: string): number {
  return Number(zonedParts(instant, timeZone).hour);
}

/** Groups in id order; tickets whose key is null belong to no group. */
function groupBy(tickets: readonly Ticket[], key: (ticket: Ticket) => string | null): Map<string, Ticket[]> {
  const groups = new Map<string, Ticket[]>();
  for (const ticket of tickets) {
    const id = key(ticket);
    if (id === null) continue;
    groups.set(id, [...(groups.get(id) ?? []), ticket]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function minutesBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / MS_PER_MINUTE;
}

function present<T>(values: readonly (T | null)[]): T[] {
  return values.filter((value): value is T => value !== null);
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
