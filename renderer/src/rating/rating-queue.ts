import type { Language, Ticket } from '../../../main/contract';
import { ratingScreen, type RatingScreenState } from './rating-step';

/**
 * The visits a screen asks to rate, shared by the kiosk flow and the rating terminal flow. The
 * kiosk may send `visitEnded` for one visit more than once (a repeat finish, a reconnect): a visit
 * already shown (being rated, thanked, or rated and gone) or already waiting is never asked again.
 */
export interface RatingQueue {
  /** Visits that ended while the screen was busy; asked next, in order. */
  waiting: readonly Ticket[];
  /** Ids of the visits shown already, newest last; bounded, as a kiosk runs for weeks. */
  shown: readonly number[];
}

/** More visits than a desk can finish while one visitor rates: enough to catch every repeat. */
const SHOWN_REMEMBERED = 200;
/**
 * Visits kept in line while the screen is busy. A bus has a few desks: when more visits than this
 * end while one visitor rates, the earliest of them have long left the kiosk, so the line keeps
 * the newest (a kiosk left unattended for hours must not hold every visit of the day).
 */
export const WAITING_KEPT = 10;

export const EMPTY_RATING_QUEUE: RatingQueue = { waiting: [], shown: [] };

/**
 * An ended visit: asked at once while the screen is free, queued while it is `busy`; null for a
 * visit already shown or waiting, so a repeated event asks nobody twice.
 */
export function offerRating(
  ratings: RatingQueue,
  ticket: Ticket,
  busy: boolean,
): ReturnType<typeof askRating> | { ratings: RatingQueue } | null {
  if (ratings.shown.includes(ticket.id) || ratings.waiting.some((waiting) => waiting.id === ticket.id)) return null;
  return busy
    ? { ratings: { ...ratings, waiting: [...ratings.waiting, ticket].slice(-WAITING_KEPT) } }
    : askRating(ratings, ticket);
}

/** Records a visit as shown, whether it came from the line, an event or the visitor's own lookup. */
function markShown(queue: RatingQueue, ticketId: number): RatingQueue {
  if (queue.shown.includes(ticketId)) return queue;
  return { ...queue, shown: [...queue.shown, ticketId].slice(-SHOWN_REMEMBERED) };
}

/** What a screen's state becomes to ask a visit: the visitor's ticket language, the rating screen, and the visit shown. */
export function askRating(
  ratings: RatingQueue,
  ticket: Ticket,
): { language: Language; screen: RatingScreenState; ratings: RatingQueue } {
  return { language: ticket.language, screen: ratingScreen(ticket), ratings: markShown(ratings, ticket.id) };
}

/**
 * After a visitor: the next waiting visit is asked, else the screen goes back to `idle` in the
 * default language. Either way the accessibility choices end with the visitor who made them.
 */
export function afterVisitor<Idle, Access>(
  state: { ratings: RatingQueue; defaultLanguage: Language; defaultAccess: Access },
  idle: Idle,
): { ratings: RatingQueue; language: Language; screen: Idle | RatingScreenState; access: Access } {
  const [ticket, ...rest] = state.ratings.waiting;
  if (ticket) return { ...askRating({ ...state.ratings, waiting: rest }, ticket), access: state.defaultAccess };
  return { ratings: state.ratings, language: state.defaultLanguage, screen: idle, access: state.defaultAccess };
}
