import type { Language, Ticket } from '../../main/contract';
import type { Score } from './scores';

/**
 * The kiosk's screens and how a visitor (or an event) moves between them. Pure: the component
 * that runs it performs the calls and the timers, and reports their outcome as actions.
 */

export type Screen =
  | { name: 'attract' }
  | { name: 'language' }
  | { name: 'services' }
  | { name: 'printing'; serviceId: string }
  | { name: 'ticket'; ticket: Ticket }
  | { name: 'issue-failed' }
  /** `saving` is the score being sent; taps are ignored until the answer comes. */
  | { name: 'rating'; ticket: Ticket; saving: Score | null; saveFailed: boolean }
  | { name: 'thanks'; ticket: Ticket; alreadyRated: boolean };

export type ScreenName = Screen['name'];

export interface FlowState {
  screen: Screen;
  /** The language the screen is shown in now. */
  language: Language;
  /** What the kiosk returns to after each visitor, so the next one starts from the usual language. */
  defaultLanguage: Language;
  /** Visits that ended while a visitor was waiting for or reading their ticket; rated afterwards. */
  waitingRatings: Ticket[];
}

export type FlowAction =
  | { type: 'start' }
  | { type: 'chooseLanguage'; language: Language }
  | { type: 'chooseService'; serviceId: string }
  | { type: 'ticketIssued'; ticket: Ticket }
  | { type: 'issueFailed' }
  | { type: 'back' }
  | { type: 'home' }
  | { type: 'done' }
  /** The current screen's time is up; the runner only sends it for screens that have a limit. */
  | { type: 'timeout' }
  | { type: 'visitEnded'; ticket: Ticket }
  | { type: 'rate'; score: Score }
  | { type: 'ratingSaved'; ticketId: number }
  | { type: 'ratingFailed'; ticketId: number; alreadyRated: boolean };

export function initialFlowState(defaultLanguage: Language): FlowState {
  return { screen: { name: 'attract' }, language: defaultLanguage, defaultLanguage, waitingRatings: [] };
}

export function kioskFlow(state: FlowState, action: FlowAction): FlowState {
  const { screen } = state;
  switch (action.type) {
    case 'start':
      return screen.name === 'attract' ? { ...state, screen: { name: 'language' } } : state;
    case 'chooseLanguage':
      return screen.name === 'language' ? { ...state, language: action.language, screen: { name: 'services' } } : state;
    case 'chooseService':
      return screen.name === 'services'
        ? { ...state, screen: { name: 'printing', serviceId: action.serviceId } }
        : state;
    case 'ticketIssued':
      return screen.name === 'printing' ? { ...state, screen: { name: 'ticket', ticket: action.ticket } } : state;
    case 'issueFailed':
      return screen.name === 'printing' ? { ...state, screen: { name: 'issue-failed' } } : state;
    case 'back':
      if (screen.name === 'services') return { ...state, screen: { name: 'language' } };
      if (screen.name === 'language') return finishVisitor(state);
      return state;
    case 'home':
      return screen.name === 'language' || screen.name === 'services' || screen.name === 'issue-failed'
        ? finishVisitor(state)
        : state;
    case 'done':
      return screen.name === 'ticket' ? finishVisitor(state) : state;
    case 'timeout':
      // A ticket being printed is never abandoned, nor a rating being saved: their outcome is due.
      if (screen.name === 'attract' || screen.name === 'printing') return state;
      if (screen.name === 'rating' && screen.saving !== null) return state;
      return finishVisitor(state);
    case 'visitEnded':
      return visitEnded(state, action.ticket);
    case 'rate':
      if (screen.name !== 'rating' || screen.saving !== null) return state;
      return { ...state, screen: { ...screen, saving: action.score, saveFailed: false } };
    case 'ratingSaved':
      if (!isSavingRatingOf(screen, action.ticketId)) return state;
      return { ...state, screen: { name: 'thanks', ticket: screen.ticket, alreadyRated: false } };
    case 'ratingFailed':
      if (!isSavingRatingOf(screen, action.ticketId)) return state;
      // Already rated elsewhere (a second tablet, a repeated event): the visitor's answer exists, so thank them.
      return action.alreadyRated
        ? { ...state, screen: { name: 'thanks', ticket: screen.ticket, alreadyRated: true } }
        : { ...state, screen: { ...screen, saving: null, saveFailed: true } };
  }
}

/**
 * A rating interrupts whoever is choosing, since they lose nothing but a few taps. It waits while
 * a visitor's ticket is being printed or shown: that number may be all they have if printing failed.
 */
function visitEnded(state: FlowState, ticket: Ticket): FlowState {
  if (isKnownRating(state, ticket.id)) return state;
  const { screen } = state;
  if (screen.name === 'printing' || screen.name === 'ticket' || screen.name === 'rating') {
    return { ...state, waitingRatings: [...state.waitingRatings, ticket] };
  }
  return showRating(state, ticket);
}

/** After a visitor: the next waiting rating if there is one, else the start in the default language. */
function finishVisitor(state: FlowState): FlowState {
  const [next, ...rest] = state.waitingRatings;
  if (next) return showRating({ ...state, waitingRatings: rest }, next);
  return { ...state, screen: { name: 'attract' }, language: state.defaultLanguage };
}

/** The rating is asked in the language the visitor chose for their ticket. */
function showRating(state: FlowState, ticket: Ticket): FlowState {
  return { ...state, language: ticket.language, screen: { name: 'rating', ticket, saving: null, saveFailed: false } };
}

function isKnownRating(state: FlowState, ticketId: number): boolean {
  const { screen } = state;
  if ((screen.name === 'rating' || screen.name === 'thanks') && screen.ticket.id === ticketId) return true;
  return state.waitingRatings.some((waiting) => waiting.id === ticketId);
}

function isSavingRatingOf(screen: Screen, ticketId: number): screen is Extract<Screen, { name: 'rating' }> {
  return screen.name === 'rating' && screen.ticket.id === ticketId && screen.saving !== null;
}
