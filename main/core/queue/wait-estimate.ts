import { issuedBefore, type WaitingTicket } from './ordering';

export interface ServiceTimeRule {
  /** The service's standard minutes at the desk (catalog `serviceMinutes`), used until enough visits finished. */
  standardMinutes: number;
  /** Finished visits needed before their average replaces the standard. */
  minFinished: number;
  /** How many of the most recent finished visits the rolling average takes. */
  window: number;
}

export const DEFAULT_SERVICE_TIME_RULE: Omit<ServiceTimeRule, 'standardMinutes'> = { minFinished: 5, window: 20 };

/** Minutes a visit of the service takes: the rolling average of the last visits, its standard until there are enough. */
export function serviceMinutes(finishedMinutesOldestFirst: readonly number[], rule: ServiceTimeRule): number {
  if (finishedMinutesOldestFirst.length < rule.minFinished) return rule.standardMinutes;
  const recent = finishedMinutesOldestFirst.slice(-rule.window);
  return recent.reduce((sum, minutes) => sum + minutes, 0) / recent.length;
}

/**
 * Who is called before a new ticket: every priority ticket already waiting, and for a normal
 * ticket every normal one issued before it too. A normal ticket can be overtaken by later priority
 * tickets as well, which no one can know at issue time; the estimate counts those already there.
 */
export function peopleAhead(waiting: readonly WaitingTicket[], ticket: WaitingTicket): number {
  return waiting.filter(
    (other) =>
      other.id !== ticket.id &&
      (ticket.priority === null
        ? other.priority !== null || issuedBefore(other, ticket)
        : other.priority !== null && issuedBefore(other, ticket)),
  ).length;
}

/**
 * Estimated wait in whole minutes (rounded up, so a visitor is not promised too little):
 * people ahead × minutes per visit ÷ desks open for the service. Null when no desk is open for it:
 * no estimate is better than a wrong one.
 */
export function estimatedWaitMinutes(ahead: number, minutesPerVisit: number, desksOpen: number): number | null {
  if (desksOpen <= 0) return null;
  return Math.ceil((ahead * minutesPerVisit) / desksOpen);
}
