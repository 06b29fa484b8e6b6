/**
 * Which waiting ticket a desk calls next. Priority tickets (elderly, disabled, pregnant, …) go
 * first, but after `maxPriorityInRow` priority calls in a row the oldest normal ticket is called,
 * so a normal ticket is never starved by a steady stream of priority ones.
 */

export interface WaitingTicket {
  id: number;
  /** The priority category chosen on the kiosk, or null for a normal ticket. */
  priority: string | null;
  /** Issue order; the store's row id or the issue time, anything that sorts oldest first. */
  issuedOrder: number;
}

/** Issued before: by issue order, and by id where two were issued at the same instant. */
export const issuedBefore = (a: WaitingTicket, b: WaitingTicket): boolean =>
  a.issuedOrder < b.issuedOrder || (a.issuedOrder === b.issuedOrder && a.id < b.id);

/** How many of the most recent calls (newest last) were priority calls since the last normal one. */
export function priorityStreak(callsOldestFirst: readonly { priority: string | null }[]): number {
  let streak = 0;
  for (let index = callsOldestFirst.length - 1; index >= 0 && callsOldestFirst[index]?.priority !== null; index--) {
    streak++;
  }
  return streak;
}

export function pickNext<T extends WaitingTicket>(
  waiting: readonly T[],
  streak: number,
  maxPriorityInRow: number,
): T | undefined {
  const oldest = (candidates: T[]): T | undefined =>
    candidates.reduce<T | undefined>(
      (best, ticket) => (!best || issuedBefore(ticket, best) ? ticket : best),
      undefined,
    );
  const normal = oldest(waiting.filter((ticket) => ticket.priority === null));
  const priority = oldest(waiting.filter((ticket) => ticket.priority !== null));
  if (normal && (streak >= maxPriorityInRow || !priority)) return normal;
  return priority ?? normal;
}
