import { useEffect, useMemo, useReducer, useRef, useState, type Dispatch } from 'react';
import { KioskApiError, type Catalog, type KioskApi, type KioskInfo, type PrinterReport } from '../../main/contract';
import { buildSearchIndex, searchServices, type SearchHit } from './search/service-search';
import { searchableServices } from './catalog-view';
import {
  initialFlowState,
  kioskFlow,
  type FlowAction,
  type FlowState,
  type LookupRefusal,
  type Screen,
} from './kiosk-flow';
import { useRatingControls, type RatingControls } from './rating/use-rating-controls';
import { idleWarningMs, screenTimeoutMs } from './screen-timeouts';
import { usePrinterReport } from './use-printer-report';
import { useServicePage, type ServicePage } from './use-service-page';
import { useSayPrompt, type SayPrompt } from './use-spoken-prompt';
import { useWedgeScanner } from './use-wedge-scanner';

/** "Need more time?" over the screen it was raised on, with the instant that screen resets. */
export interface IdleWarningState {
  screen: Screen;
  resetAt: number;
}

/** Everything the kiosk's screens show and every tap they report, with the calls and timers behind them. */
export interface KioskFlow {
  state: FlowState;
  /** Taps that only move between screens. */
  dispatch: Dispatch<FlowAction>;
  printerReport: PrinterReport | null;
  sayPrompt: SayPrompt;
  idleWarning: IdleWarningState | null;
  /** Any touch: restarts the idle clock and answers "Need more time?" with yes. */
  touched(): void;
  /** The search screen's results for its query, in the visitor's language. */
  searchHits: SearchHit[];
  /** Ticket groups, for the number pad of the rating lookup. */
  groups: string[];
  servicePage: ServicePage;
  reprinting: boolean;
  reprint(): void;
  ratingControls: RatingControls;
  /** Looks up the ticket to rate from a typed number. */
  findTicket(code: string): void;
  /** Whether the attract screen offers "Rate a visit" (every kiosk but a rating terminal). */
  ratesByNumber: boolean;
}

/**
 * Runs the kiosk flow (kiosk-flow.ts): owns its effects, timers, API calls and the wedge scanner,
 * and reports their outcome to the reducer as actions. Screens only display and report taps.
 */
export function useKioskFlow(api: KioskApi, info: KioskInfo, catalog: Catalog): KioskFlow {
  const [state, dispatch] = useReducer(kioskFlow, info, (kiosk) =>
    initialFlowState(kiosk.defaultLanguage, {
      highContrast: kiosk.accessibilityDefaults.highContrast,
      largeText: kiosk.accessibilityDefaults.largeText,
      lowReach: kiosk.accessibilityDefaults.lowReach,
      audioGuidance: kiosk.accessibilityDefaults.audioGuidance,
    }),
  );
  const { screen, language } = state;
  // Guards against a second call before the first one's screen has rendered (a fast double tap).
  const issuing = useRef(false);
  const [reprinting, setReprinting] = useState(false);
  const printerReport = usePrinterReport(api);
  const sayPrompt = useSayPrompt(api, state.access.audioGuidance);

  // A bus kiosk asks every visitor it served; a hall kiosk leaves that to the desks' rating tablets.
  const asksForRatings = info.role === 'bus';
  useEffect(
    () => (asksForRatings ? api.on('visitEnded', (ticket) => dispatch({ type: 'visitEnded', ticket })) : undefined),
    [api, asksForRatings],
  );

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // On the root element, so rem sizes and colour variables follow everywhere, overlays included.
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', state.access.largeText);
    document.documentElement.classList.toggle('high-contrast', state.access.highContrast);
  }, [state.access.largeText, state.access.highContrast]);

  // Built once per catalog; searching then costs well under a millisecond per key (npm run bench).
  const searchIndex = useMemo(() => buildSearchIndex(searchableServices(catalog)), [catalog]);
  const query = screen.name === 'search' ? screen.query : null;
  const searchHits = useMemo(
    () => (query === null ? [] : searchServices(searchIndex, query, language)),
    [searchIndex, query, language],
  );
  const groups = useMemo(() => [...new Set(catalog.services.map((service) => service.group))].sort(), [catalog]);

  const [activity, setActivity] = useState(0);
  const [idleWarning, setIdleWarning] = useState<IdleWarningState | null>(null);
  const touched = () => {
    setActivity((count) => count + 1);
    setIdleWarning(null);
  };

  useEffect(() => {
    const ms = screenTimeoutMs(screen, info);
    if (ms === null) return;
    const startedAt = Date.now();
    const timer = window.setTimeout(() => dispatch({ type: 'timeout' }), ms);
    const warnMs = idleWarningMs(screen, info);
    const warning =
      warnMs === null
        ? undefined
        : window.setTimeout(() => setIdleWarning({ screen, resetAt: startedAt + ms }), warnMs);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(warning);
    };
  }, [screen, info, activity]);

  const issueTicket = (serviceId: string, priority?: string) => {
    if (issuing.current || screen.name !== 'service') return;
    issuing.current = true;
    dispatch({ type: 'chooseService', serviceId });
    api
      .issueTicket({ serviceId, language, ...(priority ? { priority } : {}) })
      .then(
        (ticket) => dispatch({ type: 'ticketIssued', ticket }),
        (error: unknown) => {
          // Closed or at its daily limit since the page was shown: the service page says so and when to come back.
          if (
            error instanceof KioskApiError &&
            (error.code === 'service-closed' || error.code === 'daily-limit-reached')
          ) {
            dispatch({ type: 'issueRefused', serviceId });
            return;
          }
          const printerUnavailable = error instanceof KioskApiError && error.code === 'printer-unavailable';
          if (!printerUnavailable) console.error('kiosk: issueTicket failed', error);
          dispatch({ type: 'issueFailed', printerUnavailable });
        },
      )
      .finally(() => {
        issuing.current = false;
      });
  };
  const servicePage = useServicePage(api, screen.name === 'service' ? screen.serviceId : null, issueTicket);

  const reprint = () => {
    if (reprinting || screen.name !== 'ticket') return;
    setReprinting(true);
    api
      .reprintTicket({ ticketId: screen.ticket.id })
      .then(
        (ticket) => dispatch({ type: 'ticketReprinted', ticket }),
        (error: unknown) => console.error('kiosk: reprintTicket failed', error),
      )
      .finally(() => setReprinting(false));
  };

  const ratingControls = useRatingControls(api, info.rating, screen.name === 'rating' ? screen : null, dispatch);

  /** Finds the ticket to rate from a typed number or a scanned QR code; shows the number as the visitor knows it. */
  const findTicket = (code: string) => {
    if (screen.name !== 'attract' && !(screen.name === 'rate-lookup' && !screen.looking)) return;
    dispatch({ type: 'lookup', code: code.split(':').pop() ?? code });
    api.findTicketForRating({ code }).then(
      (ticket) => dispatch({ type: 'lookupFound', ticket }),
      (error: unknown) => dispatch({ type: 'lookupRefused', refusal: lookupRefusal(error) }),
    );
  };
  // A kiosk in the hall or a bus takes ratings by ticket number too; a rating terminal only asks for its desks.
  const ratesByNumber = info.role !== 'rating-terminal';
  const scanning = ratesByNumber && (screen.name === 'attract' || (screen.name === 'rate-lookup' && !screen.looking));
  useWedgeScanner(scanning, findTicket);

  return {
    state,
    dispatch,
    printerReport,
    sayPrompt,
    idleWarning: idleWarning && idleWarning.screen === screen ? idleWarning : null,
    touched,
    searchHits,
    groups,
    servicePage,
    reprinting,
    reprint,
    ratingControls,
    findTicket,
    ratesByNumber,
  };
}

/** The refusals a visitor is told about in their words; anything else is a failure to try again. */
function lookupRefusal(error: unknown): LookupRefusal {
  if (!(error instanceof KioskApiError)) return 'failed';
  switch (error.code) {
    case 'visit-not-ended':
    case 'already-rated':
    case 'rating-time-over':
    case 'ticket-not-found':
      return error.code;
    // Not a ticket number at all (a stray scan, a mistyped code): no such ticket, in the visitor's words.
    case 'invalid-input':
      return 'ticket-not-found';
    default:
      return 'failed';
  }
}
