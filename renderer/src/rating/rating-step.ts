import type { RatingReason, Ticket } from '../../../main/contract';
import type { Score } from '../scores';

/**
 * The rating screen's own state, shared by the kiosk flow and the rating terminal flow. The first
 * face tap is stored at once, so a visitor who walks away is counted; the screen then says the
 * answer is saved. Within the screen's time the visitor may choose another face (it replaces the
 * score) or, after a low score, reason chips (each change stored at once). Done only closes it.
 */
export interface RatingScreenState {
  name: 'rating';
  ticket: Ticket;
  /** The score the main process has stored for this visit; null until the first tap is acknowledged. */
  stored: Score | null;
  /** The face being stored now; other faces wait for its answer. */
  saving: Score | null;
  /** The reason chips chosen, as shown; each change is sent at once. */
  reasons: RatingReason[];
  saveFailed: boolean;
}

export type RatingAction =
  /** A face tapped (past the repeat-tap filter): it is being stored. */
  | { type: 'rate'; score: Score }
  /** The main process answered with the rating as stored (a repeated tap may leave the old score). */
  | { type: 'ratingSaved'; ticketId: number; score: Score; reasons: RatingReason[] }
  | { type: 'ratingFailed'; ticketId: number; alreadyRated: boolean }
  /** The reason chips as now chosen (sent to the main process at the same time). */
  | { type: 'chooseReasons'; ticketId: number; reasons: RatingReason[] }
  /** The reasons were not stored: `final` when the rating can no longer change (its time is over). */
  | { type: 'reasonsFailed'; ticketId: number; final: boolean }
  /** Done pressed, or the screen's time after the first tap is over: the saved answer stands. */
  | { type: 'finishRating'; ticketId: number };

export type RatingActionType = RatingAction['type'];

const RATING_ACTION_TYPES: ReadonlySet<string> = new Set<RatingActionType>([
  'rate',
  'ratingSaved',
  'ratingFailed',
  'chooseReasons',
  'reasonsFailed',
  'finishRating',
]);

export function isRatingAction(action: { type: string }): action is RatingAction {
  return RATING_ACTION_TYPES.has(action.type);
}

/** The rating is over: saved now, or found already given (a second tablet, a repeated event). */
export type RatingOutcome = { done: 'saved' | 'already-rated' };

export function ratingScreen(ticket: Ticket): RatingScreenState {
  return { name: 'rating', ticket, stored: null, saving: null, reasons: [], saveFailed: false };
}

/** The face shown as chosen: the one being stored, else the one stored. */
export function chosenScore(screen: RatingScreenState): Score | null {
  return screen.saving ?? screen.stored;
}

export function ratingStep(screen: RatingScreenState, action: RatingAction): RatingScreenState | RatingOutcome {
  if (action.type !== 'rate' && action.ticketId !== screen.ticket.id) return screen;
  switch (action.type) {
    case 'rate':
      if (screen.saving !== null) return screen;
      return { ...screen, saving: action.score, saveFailed: false };
    case 'ratingSaved':
      if (screen.saving === null) return screen;
      return { ...screen, stored: action.score, saving: null, reasons: action.reasons, saveFailed: false };
    case 'ratingFailed':
      if (screen.saving === null) return screen;
      // Refused as rated: by this screen's own first tap (its time is over, the answer stands) or by another.
      if (action.alreadyRated) return { done: screen.stored === null ? 'already-rated' : 'saved' };
      return { ...screen, saving: null, saveFailed: true };
    case 'chooseReasons':
      if (screen.stored === null || screen.saving !== null) return screen;
      return { ...screen, reasons: action.reasons, saveFailed: false };
    case 'reasonsFailed':
      return action.final ? { done: 'saved' } : { ...screen, saveFailed: true };
    case 'finishRating':
      return screen.stored === null || screen.saving !== null ? screen : { done: 'saved' };
  }
}
