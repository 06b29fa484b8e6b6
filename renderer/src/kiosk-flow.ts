import type { Language, Ticket } from '../../main/contract';
import { afterVisitor, askRating, EMPTY_RATING_QUEUE, offerRating, type RatingQueue } from './rating/rating-queue';
import { isRatingAction, ratingStep, type RatingAction, type RatingScreenState } from './rating/rating-step';

/**
 * The kiosk's screens and how a visitor (or an event) moves between them. Pure: the component
 * that runs it performs the calls and the timers, and reports their outcome as actions.
 */

/**
 * The menu: providers at the top (no providerId), a provider's categories, a category's services.
 * `skippedCategories` marks a provider with one category, whose list is not shown, so Back skips it too.
 */
export type MenuScreen = { name: 'services'; providerId?: string; categoryId?: string; skippedCategories?: boolean };
/** Where a service page or search was opened from, so Back returns there. */
export type ReturnScreen = MenuScreen | { name: 'search'; query: string; from: MenuScreen };

export type Screen =
  | { name: 'attract' }
  /** `next: 'rate'`: the visitor came to rate a visit, and goes on to type its number in their language. */
  | { name: 'language'; next?: 'rate' }
  | MenuScreen
  | { name: 'search'; query: string; from: MenuScreen }
  /** A service's standard (documents, fee, term, hours) before "Take a ticket". */
  | { name: 'service'; serviceId: string; from: ReturnScreen }
  /** `from`: where the service page was opened from, kept so a refused ticket returns there. */
  | { name: 'printing'; serviceId: string; from: ReturnScreen }
  | { name: 'ticket'; ticket: Ticket }
  /** `printerUnavailable`: no number was issued because the printer cannot print (kiosk set to refer to staff). */
  | { name: 'issue-failed'; printerUnavailable?: true }
  /** Rating a visit by its ticket: the number typed, or a scanned QR code being looked up (`looking`). */
  | { name: 'rate-lookup'; code: string; looking: boolean; refusal: LookupRefusal | null }
  | RatingScreenState
  | { name: 'thanks'; ticket: Ticket; alreadyRated: boolean };

export type ScreenName = Screen['name'];

/** Why a ticket cannot be rated, as the visitor is told: the API's refusals, or no answer at all. */
export type LookupRefusal = 'visit-not-ended' | 'already-rated' | 'rating-time-over' | 'ticket-not-found' | 'failed';

export interface FlowState {
  screen: Screen;
  /** The language the screen is shown in now. */
  language: Language;
  /** What the kiosk returns to after each visitor, so the next one starts from the usual language. */
  defaultLanguage: Language;
  /** Visits that ended while a visitor was waiting for or reading their ticket (rated afterwards), and those shown. */
  ratings: RatingQueue;
  /** The visitor's accessibility choices; the next visitor starts with the kiosk's defaults again. */
  access: AccessChoices;
  /** What every visitor starts with (KioskInfo.accessibilityDefaults). */
  defaultAccess: AccessChoices;
}

export interface AccessChoices {
  highContrast: boolean;
  largeText: boolean;
  /** Every control in the lower part of the screen, within reach from a wheelchair. */
  lowReach: boolean;
  /** Each screen's prompt spoken in the visitor's language (use-spoken-prompt.ts). */
  audioGuidance: boolean;
}
export type AccessOption = keyof AccessChoices;
const NO_ACCESS_CHOICES: AccessChoices = {
  highContrast: false,
  largeText: false,
  lowReach: false,
  audioGuidance: false,
};

export type FlowAction =
  | { type: 'start' }
  | { type: 'chooseLanguage'; language: Language }
  /** In the menu: a provider; `onlyCategoryId` when it has one category, whose list is then skipped. */
  | { type: 'chooseProvider'; providerId: string; onlyCategoryId?: string }
  | { type: 'chooseCategory'; categoryId: string }
  /** Opens a service's page from the menu or from search results. */
  | { type: 'openService'; serviceId: string }
  | { type: 'openSearch' }
  | { type: 'search'; query: string }
  /** "Take a ticket" on a service page. */
  | { type: 'chooseService'; serviceId: string }
  /** The kiosk refused the ticket (closed, daily limit): back to the service page, which says why. */
  | { type: 'issueRefused'; serviceId: string }
  | { type: 'toggleAccess'; option: AccessOption }
  /** A tap on a step of the visible path: straight to that level of the menu. */
  | { type: 'jumpTo'; screen: MenuScreen }
  | { type: 'ticketIssued'; ticket: Ticket }
  | { type: 'issueFailed'; printerUnavailable?: boolean }
  /** A ticket whose printing failed was printed again (or failed again): its new print outcome. */
  | { type: 'ticketReprinted'; ticket: Ticket }
  | { type: 'back' }
  | { type: 'home' }
  | { type: 'done' }
  /** The current screen's time is up; the runner only sends it for screens that have a limit. */
  | { type: 'timeout' }
  | { type: 'visitEnded'; ticket: Ticket }
  /** "Rate a visit" on the attract screen: the language first, then the ticket number. */
  | { type: 'openRateLookup' }
  | { type: 'lookupCode'; code: string }
  /** Looks the code up: typed and confirmed, or scanned (from the attract screen too). */
  | { type: 'lookup'; code: string }
  | { type: 'lookupFound'; ticket: Ticket }
  | { type: 'lookupRefused'; refusal: LookupRefusal }
  | RatingAction;

export function initialFlowState(
  defaultLanguage: Language,
  defaultAccess: AccessChoices = NO_ACCESS_CHOICES,
): FlowState {
  return {
    screen: { name: 'attract' },
    language: defaultLanguage,
    defaultLanguage,
    ratings: EMPTY_RATING_QUEUE,
    access: defaultAccess,
    defaultAccess,
  };
}

export function kioskFlow(state: FlowState, action: FlowAction): FlowState {
  const { screen } = state;
  if (isRatingAction(action)) return rateStep(state, action);
  switch (action.type) {
    case 'start':
      return screen.name === 'attract' ? { ...state, screen: { name: 'language' } } : state;
    case 'chooseLanguage':
      if (screen.name !== 'language') return state;
      return {
        ...state,
        language: action.language,
        screen: screen.next === 'rate' ? lookupScreen('') : { name: 'services' },
      };
    case 'chooseProvider':
      if (screen.name !== 'services' || screen.providerId !== undefined) return state;
      return {
        ...state,
        screen:
          action.onlyCategoryId === undefined
            ? { name: 'services', providerId: action.providerId }
            : {
                name: 'services',
                providerId: action.providerId,
                categoryId: action.onlyCategoryId,
                skippedCategories: true,
              },
      };
    case 'chooseCategory':
      if (screen.name !== 'services' || screen.providerId === undefined || screen.categoryId !== undefined)
        return state;
      return { ...state, screen: { name: 'services', providerId: screen.providerId, categoryId: action.categoryId } };
    case 'openService':
      return screen.name === 'services' || screen.name === 'search'
        ? { ...state, screen: { name: 'service', serviceId: action.serviceId, from: screen } }
        : state;
    case 'openSearch':
      return screen.name === 'services' ? { ...state, screen: { name: 'search', query: '', from: screen } } : state;
    case 'search':
      return screen.name === 'search' ? { ...state, screen: { ...screen, query: action.query } } : state;
    case 'chooseService':
      return screen.name === 'service' && screen.serviceId === action.serviceId
        ? { ...state, screen: { name: 'printing', serviceId: action.serviceId, from: screen.from } }
        : state;
    case 'issueRefused':
      return screen.name === 'printing'
        ? { ...state, screen: { name: 'service', serviceId: action.serviceId, from: screen.from } }
        : state;
    case 'jumpTo':
      return screen.name === 'services' || screen.name === 'service' || screen.name === 'search'
        ? { ...state, screen: action.screen }
        : state;
    case 'toggleAccess':
      return { ...state, access: { ...state.access, [action.option]: !state.access[action.option] } };
    case 'ticketIssued':
      return screen.name === 'printing' ? { ...state, screen: { name: 'ticket', ticket: action.ticket } } : state;
    case 'issueFailed':
      if (screen.name !== 'printing') return state;
      return {
        ...state,
        screen: action.printerUnavailable
          ? { name: 'issue-failed', printerUnavailable: true }
          : { name: 'issue-failed' },
      };
    case 'ticketReprinted':
      return screen.name === 'ticket' && screen.ticket.id === action.ticket.id
        ? { ...state, screen: { name: 'ticket', ticket: action.ticket } }
        : state;
    case 'back':
      if (screen.name === 'services') return { ...state, screen: menuBack(screen) };
      if (screen.name === 'service' || screen.name === 'search') return { ...state, screen: screen.from };
      if (screen.name === 'language' || screen.name === 'rate-lookup') return finishVisitor(state);
      return state;
    case 'home':
      return screen.name === 'language' ||
        screen.name === 'services' ||
        screen.name === 'search' ||
        screen.name === 'service' ||
        screen.name === 'issue-failed' ||
        (screen.name === 'rate-lookup' && !screen.looking)
        ? finishVisitor(state)
        : state;
    case 'done':
      return screen.name === 'ticket' ? finishVisitor(state) : state;
    case 'timeout':
      // A ticket being printed is never abandoned, nor a rating being saved: their outcome is due.
      if (screen.name === 'attract' || screen.name === 'printing') return state;
      if (screen.name === 'rating' && screen.saving !== null) return state;
      if (screen.name === 'rate-lookup' && screen.looking) return state;
      return finishVisitor(state);
    case 'visitEnded':
      return visitEnded(state, action.ticket);
    case 'openRateLookup':
      return screen.name === 'attract' ? { ...state, screen: { name: 'language', next: 'rate' } } : state;
    case 'lookupCode':
      return screen.name === 'rate-lookup' && !screen.looking ? { ...state, screen: lookupScreen(action.code) } : state;
    case 'lookup':
      // A scan on the attract screen starts here too; a scan while the kiosk serves someone else is ignored.
      if (screen.name !== 'attract' && !(screen.name === 'rate-lookup' && !screen.looking)) return state;
      return { ...state, screen: { name: 'rate-lookup', code: action.code, looking: true, refusal: null } };
    case 'lookupFound':
      return screen.name === 'rate-lookup' && screen.looking ? showRating(state, action.ticket) : state;
    case 'lookupRefused':
      return screen.name === 'rate-lookup' && screen.looking
        ? { ...state, screen: { ...screen, looking: false, refusal: action.refusal } }
        : state;
  }
}

function lookupScreen(code: string): Screen {
  return { name: 'rate-lookup', code, looking: false, refusal: null };
}

/** The rating screen's own steps; once it is over, thanks (also when it was rated already: the answer exists). */
function rateStep(state: FlowState, action: RatingAction): FlowState {
  const { screen } = state;
  if (screen.name !== 'rating') return state;
  const next = ratingStep(screen, action);
  if (next === screen) return state;
  if ('done' in next)
    return { ...state, screen: { name: 'thanks', ticket: screen.ticket, alreadyRated: next.done === 'already-rated' } };
  return { ...state, screen: next };
}

/**
 * A rating interrupts whoever is choosing, since they lose nothing but a few taps. It waits while
 * a visitor's ticket is being printed or shown: that number may be all they have if printing failed.
 */
function visitEnded(state: FlowState, ticket: Ticket): FlowState {
  const { name } = state.screen;
  const offered = offerRating(state.ratings, ticket, name === 'printing' || name === 'ticket' || name === 'rating');
  return offered ? { ...state, ...offered } : state;
}

/** One level up the menu; from its top, back to the language choice. */
function menuBack(screen: MenuScreen): Screen {
  if (screen.categoryId !== undefined && screen.providerId !== undefined && !screen.skippedCategories)
    return { name: 'services', providerId: screen.providerId };
  if (screen.providerId !== undefined) return { name: 'services' };
  return { name: 'language' };
}

/** After a visitor: the next waiting rating if there is one, else the start (rating-queue.ts). */
function finishVisitor(state: FlowState): FlowState {
  return { ...state, ...afterVisitor(state, { name: 'attract' }) };
}

/** The rating is asked in the language the visitor chose for their ticket. */
function showRating(state: FlowState, ticket: Ticket): FlowState {
  return { ...state, ...askRating(state.ratings, ticket) };
}
