import type { Language, Ticket } from '../../../main/contract';
import type { AccessChoices, AccessOption } from '../kiosk-flow';
import { afterVisitor, EMPTY_RATING_QUEUE, offerRating, type RatingQueue } from './rating-queue';
import { isRatingAction, ratingStep, type RatingAction, type RatingScreenState } from './rating-step';

/**
 * A rating terminal (a desk's tablet, or a kiosk set up as one): a calm waiting screen, the rating
 * screen when a visit at one of its desks ends, thanks, and back to waiting. Pure, like the kiosk flow.
 */
export type TerminalScreen = { name: 'waiting' } | RatingScreenState | { name: 'thanks'; alreadyRated: boolean };

export interface TerminalState {
  screen: TerminalScreen;
  language: Language;
  defaultLanguage: Language;
  /** The desks whose ended visits this terminal asks to rate. */
  deskIds: readonly string[];
  /** Visits that ended while another visitor was rating (asked next, in order), and those shown. */
  ratings: RatingQueue;
  /** The visitor's accessibility choices; the next visitor starts with the defaults again. */
  access: AccessChoices;
  defaultAccess: AccessChoices;
}

export type TerminalAction =
  | { type: 'visitEnded'; ticket: Ticket }
  | { type: 'timeout' }
  | { type: 'toggleAccess'; option: AccessOption }
  | RatingAction;

export function initialTerminalState(
  defaultLanguage: Language,
  deskIds: readonly string[],
  defaultAccess: AccessChoices,
): TerminalState {
  return {
    screen: { name: 'waiting' },
    language: defaultLanguage,
    defaultLanguage,
    deskIds,
    ratings: EMPTY_RATING_QUEUE,
    access: defaultAccess,
    defaultAccess,
  };
}

export function ratingTerminalFlow(state: TerminalState, action: TerminalAction): TerminalState {
  const { screen } = state;
  if (isRatingAction(action)) {
    if (screen.name !== 'rating') return state;
    const next = ratingStep(screen, action);
    if (next === screen) return state;
    if ('done' in next) return { ...state, screen: { name: 'thanks', alreadyRated: next.done === 'already-rated' } };
    return { ...state, screen: next };
  }
  switch (action.type) {
    case 'visitEnded': {
      const { ticket } = action;
      // Another desk's visitor is not standing at this tablet; a repeated event asks nobody twice.
      if (ticket.deskId === null || !state.deskIds.includes(ticket.deskId)) return state;
      const offered = offerRating(state.ratings, ticket, screen.name !== 'waiting');
      return offered ? { ...state, ...offered } : state;
    }
    case 'timeout':
      if (screen.name === 'waiting' || (screen.name === 'rating' && screen.saving !== null)) return state;
      return next(state);
    case 'toggleAccess':
      return { ...state, access: { ...state.access, [action.option]: !state.access[action.option] } };
  }
}

/** How long the terminal's screen waits, in milliseconds; null for ever (waiting, or a rating being saved). */
export function terminalTimeoutMs(
  screen: TerminalScreen,
  timing: { resultScreenSeconds: number; idle: { seconds: number; warningSeconds: number } },
): number | null {
  if (screen.name === 'thanks') return timing.resultScreenSeconds * 1000;
  if (screen.name === 'rating' && screen.saving === null)
    return (timing.idle.seconds + timing.idle.warningSeconds) * 1000;
  return null;
}

function next(state: TerminalState): TerminalState {
  return { ...state, ...afterVisitor(state, { name: 'waiting' }) };
}
