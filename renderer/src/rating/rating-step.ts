import type { RatingReason, Ticket } from '../../../main/contract';
import type { Score } from '../scores';

/**
 * The rating screen's own state, shared by the kiosk flow and the rating terminal flow: a low
 * score opens the reason chips on the same screen (the score can still be changed), then Send; a
 * high score is saved at once.
 */
export interface RatingScreenState {
  name: 'rating';
  ticket: Ticket;
  /** A low score chosen and waiting for its reasons and Send; null until then. */
  lowScore: Score | null;
  reasons: RatingReason[];
  /** The score being sent; taps are ignored until the answer comes. */
  saving: Score | null;
  saveFailed: boolean;
}

export type RatingAction =
  | { type: 'chooseLowScore'; score: Score }
  | { type: 'toggleReason'; reason: RatingReason }
  /** Sends the score (with the chosen reasons when it is the low score on show). */
  | { type: 'rate'; score: Score }
  | { type: 'ratingSaved'; ticketId: number }
  | { type: 'ratingFailed'; ticketId: number; alreadyRated: boolean };

export type RatingActionType = RatingAction['type'];

const RATING_ACTION_TYPES: ReadonlySet<string> = new Set<RatingActionType>([
  'chooseLowScore',
  'toggleReason',
  'rate',
  'ratingSaved',
  'ratingFailed',
]);

export function isRatingAction(action: { type: string }): action is RatingAction {
  return RATING_ACTION_TYPES.has(action.type);
}

/** The rating is over: saved now, or found already given (a second tablet, a repeated event). */
export type RatingOutcome = { done: 'saved' | 'already-rated' };

export function ratingScreen(ticket: Ticket): RatingScreenState {
  return { name: 'rating', ticket, lowScore: null, reasons: [], saving: null, saveFailed: false };
}

/** The reasons that go with a score sent from this screen: only the low score on show carries them. */
export function reasonsFor(screen: RatingScreenState, score: Score): RatingReason[] {
  return screen.lowScore === score ? screen.reasons : [];
}

export function ratingStep(screen: RatingScreenState, action: RatingAction): RatingScreenState | RatingOutcome {
  switch (action.type) {
    case 'chooseLowScore':
      if (screen.saving !== null) return screen;
      return { ...screen, lowScore: action.score, saveFailed: false };
    case 'toggleReason': {
      if (screen.saving !== null || screen.lowScore === null) return screen;
      const chosen = screen.reasons.includes(action.reason);
      return {
        ...screen,
        reasons: chosen ? screen.reasons.filter((r) => r !== action.reason) : [...screen.reasons, action.reason],
      };
    }
    case 'rate':
      if (screen.saving !== null) return screen;
      return { ...screen, saving: action.score, saveFailed: false };
    case 'ratingSaved':
      return isSavingRatingOf(screen, action.ticketId) ? { done: 'saved' } : screen;
    case 'ratingFailed':
      if (!isSavingRatingOf(screen, action.ticketId)) return screen;
      return action.alreadyRated ? { done: 'already-rated' } : { ...screen, saving: null, saveFailed: true };
  }
}

function isSavingRatingOf(screen: RatingScreenState, ticketId: number): boolean {
  return screen.ticket.id === ticketId && screen.saving !== null;
}
