import { Language, OriginRef, type PhoneTicket } from '../../../main/contract';
import type { Score } from '../scores';

/**
 * The phone page's pure parts (README, "A hall on one queue"): which screen a ticket's state
 * shows, when a call is new, how often to ask again, the page's language and a day's date.
 */

/** The ticket's ref from the page's fragment (`/t/<ref>` answers with `/phone.html#t=<ref>`); null without one. */
export function refFromFragment(hash: string): string | null {
  const ref = new URLSearchParams(hash.replace(/^#/, '')).get('t')?.trim().toLowerCase();
  return ref !== undefined && OriginRef.safeParse(ref).success ? ref : null;
}

/** What the page knows of its ticket: nothing yet, the server has no such ticket (yet), or the ticket. */
export type Known = { kind: 'loading' } | { kind: 'not-found' } | { kind: 'ticket'; ticket: PhoneTicket };

/** The visitor's own rating on this page: whether they tapped a face here, and pressed Done. */
export interface RatingHere {
  ratedHere: boolean;
  closed: boolean;
}

export type PhoneScreen =
  | { name: 'loading' }
  | { name: 'no-link' }
  | { name: 'not-found' }
  | { name: 'earlier-day'; day: string }
  | { name: 'waiting'; peopleAhead: number | null; minutes: number | null }
  | { name: 'called'; deskId: string | null }
  | { name: 'serving'; deskId: string | null }
  | { name: 'no-show' }
  | { name: 'rate' }
  | { name: 'rated'; score: Score }
  | { name: 'rating-over' };

export type PhoneScreenName = PhoneScreen['name'];

/**
 * The screen for what is known. A ticket of an earlier day says only that; after the visit, the
 * rating while a face can be tapped (and, once rated here, until Done or the screen's time is over),
 * then the score with thanks, or that the time to rate is over.
 */
export function phoneScreen(known: Known | null, rating: RatingHere): PhoneScreen {
  if (known === null) return { name: 'no-link' };
  if (known.kind !== 'ticket') return { name: known.kind };
  const { ticket } = known;
  if (!ticket.today) return { name: 'earlier-day', day: ticket.localDay };
  switch (ticket.state) {
    case 'waiting':
      return { name: 'waiting', peopleAhead: ticket.peopleAhead, minutes: ticket.estimatedWaitMinutes };
    case 'called':
      return { name: 'called', deskId: ticket.deskId };
    case 'serving':
      return { name: 'serving', deskId: ticket.deskId };
    case 'no-show':
      return { name: 'no-show' };
    case 'done':
      if (ticket.score === null) return { name: ticket.canRate ? 'rate' : 'rating-over' };
      if (rating.ratedHere && ticket.canRate && !rating.closed) return { name: 'rate' };
      return { name: 'rated', score: ticket.score as Score };
  }
}

/**
 * A call, told apart from the one before it: the first call, a recall (the desk calls the same
 * number again), a call after a transfer. Null while the ticket is not called today.
 */
export function callKey(ticket: PhoneTicket): string | null {
  if (!ticket.today || ticket.state !== 'called' || ticket.calledAt === null) return null;
  return `${ticket.calledAt}#${ticket.recalls}`;
}

/** The call to alert for (vibration, sound) once: a called ticket whose call the page has not alerted yet. */
export function newCall(alerted: string | null, ticket: PhoneTicket): string | null {
  const key = callKey(ticket);
  return key !== null && key !== alerted ? key : null;
}

/** How often the page asks while something can change; a ticket not (yet) known is asked for slowly. */
export const POLL_MS = 5_000;
export const NOT_FOUND_POLL_MS = 30_000;
export const MAX_RETRY_MS = 30_000;

export type PollOutcome = Known | { kind: 'failed'; failures: number };

/**
 * When to ask again after an answer, in milliseconds; null when nothing more can change (a ticket
 * of an earlier day, a visit whose rating is settled). After a failure the pause grows, from the
 * usual one up to half a minute, and the page keeps what it last knew.
 */
export function nextPollMs(outcome: PollOutcome): number | null {
  switch (outcome.kind) {
    case 'loading':
      return POLL_MS;
    case 'not-found':
      return NOT_FOUND_POLL_MS;
    case 'failed':
      return Math.min(POLL_MS * 2 ** Math.max(0, outcome.failures - 1), MAX_RETRY_MS);
    case 'ticket': {
      const { ticket } = outcome;
      if (!ticket.today) return null;
      if (ticket.state === 'done' && !ticket.canRate) return null;
      if (ticket.state === 'no-show') return NOT_FOUND_POLL_MS;
      return POLL_MS;
    }
  }
}

/**
 * The page's language: the visitor's choice, else the ticket's, else the phone's own when the hall
 * offers it, else the hall's default.
 */
export function pageLanguage(options: {
  chosen: Language | null;
  ticketLanguage: string | null;
  phoneLanguages: readonly string[];
  hallLanguages: readonly Language[];
  hallDefault: Language | null;
}): Language {
  const { chosen, ticketLanguage, phoneLanguages, hallLanguages, hallDefault } = options;
  if (chosen) return chosen;
  const ticket = Language.safeParse(ticketLanguage);
  if (ticket.success) return ticket.data;
  for (const tag of phoneLanguages) {
    const base = Language.safeParse(tag.toLowerCase().split('-')[0]);
    if (base.success && (hallLanguages.length === 0 || hallLanguages.includes(base.data))) return base.data;
  }
  return hallDefault ?? 'en';
}

/**
 * A ticket's day as the six languages write a date: 19.11.2026. Not Intl: a phone's browser may
 * lack az, kk, ky or uz and would write it another way (number-format.ts says the same of numbers).
 */
export function formatDay(localDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDay);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : localDay;
}
