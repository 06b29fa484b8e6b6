import type { PhoneTicket, RatingReason } from '../../../main/contract';
import type { Score } from '../scores';
import type { RatingHere } from './phone-view';

/**
 * The rating on a visitor's phone: the same one screen as the kiosk's, stored at the tap through
 * ratePhoneTicket. What is stored comes from the hall server (PhoneTicket.score, .reasons); the page
 * keeps only what is on its way there, and whether this visitor rated here and pressed Done.
 */
export interface PhoneRatingState extends RatingHere {
  /** The face being stored now; other taps wait for its answer. */
  saving: Score | null;
  /** The reason chips as chosen here while their writes are on the way; null: as stored. */
  reasons: RatingReason[] | null;
  saveFailed: boolean;
}

export type PhoneRatingAction =
  | { type: 'rate'; score: Score }
  /** The face is stored (the server's answer carries the ticket as it now stands). */
  | { type: 'rated' }
  /** Not stored: `final` when the server refused it (rated elsewhere, its time over), else the network failed. */
  | { type: 'rateFailed'; final: boolean }
  | { type: 'chooseReasons'; reasons: RatingReason[] }
  /** Every chip write has answered: the chips are shown as stored again. */
  | { type: 'reasonsSettled' }
  | { type: 'reasonsFailed'; final: boolean }
  /** Done: the answer is stored already; the page thanks the visitor. */
  | { type: 'close' };

export const INITIAL_PHONE_RATING: PhoneRatingState = {
  saving: null,
  reasons: null,
  saveFailed: false,
  ratedHere: false,
  closed: false,
};

export function phoneRatingStep(state: PhoneRatingState, action: PhoneRatingAction): PhoneRatingState {
  switch (action.type) {
    case 'rate':
      return state.saving !== null ? state : { ...state, saving: action.score, saveFailed: false };
    case 'rated':
      return { ...state, saving: null, ratedHere: true, saveFailed: false };
    case 'rateFailed':
      return action.final ? { ...state, saving: null, closed: true } : { ...state, saving: null, saveFailed: true };
    case 'chooseReasons':
      return { ...state, reasons: action.reasons, saveFailed: false };
    case 'reasonsSettled':
      return { ...state, reasons: null };
    case 'reasonsFailed':
      return action.final ? { ...state, reasons: null, closed: true } : { ...state, saveFailed: true };
    case 'close':
      return { ...state, closed: true };
  }
}

/** The face shown as chosen: the one being stored, else the one stored. */
export function chosenFace(state: PhoneRatingState, ticket: PhoneTicket): Score | null {
  return state.saving ?? (ticket.score as Score | null);
}

/** The chips shown as chosen: those on their way, else those stored. */
export function chosenReasons(state: PhoneRatingState, ticket: PhoneTicket): readonly RatingReason[] {
  return state.reasons ?? ticket.reasons;
}

/** A chip tapped: on if it was off, off if it was on; the whole set goes to the server. */
export function toggleReason(reasons: readonly RatingReason[], reason: RatingReason): RatingReason[] {
  return reasons.includes(reason) ? reasons.filter((chosen) => chosen !== reason) : [...reasons, reason];
}
