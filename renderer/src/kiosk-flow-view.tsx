import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { KioskApiError, type Catalog, type KioskApi, type KioskInfo } from '../../main/contract';
import { buildSearchIndex, searchServices } from './search/service-search';
import { searchableServices, serviceName } from './catalog-view';
import { initialFlowState, kioskFlow, type FlowState, type LookupRefusal, type Screen } from './kiosk-flow';
import { idleWarningMs, screenTimeoutMs } from './screen-timeouts';
import { RateLookupScreen } from './screens/rate-lookup-screen';
import { useRatingControls } from './rating/use-rating-controls';
import { useWedgeScanner } from './use-wedge-scanner';
import { AccessBar } from './screens/access-bar';
import { IdleWarning } from './screens/idle-warning';
import { SearchScreen } from './screens/search-screen';
import { ServiceScreen } from './screens/service-screen';
import { AttractScreen } from './screens/attract-screen';
import { IssueFailedScreen } from './screens/issue-failed-screen';
import { LanguageScreen } from './screens/language-screen';
import { PrintingScreen } from './screens/printing-screen';
import { RatingScreen } from './screens/rating-screen';
import { ServicesScreen } from './screens/services-screen';
import { ThanksScreen } from './screens/thanks-screen';
import { TicketScreen } from './screens/ticket-screen';
import { usePrinterReport, visitorPrinterProblem } from './use-printer-report';
import { SpokenPromptContext, useSayPrompt } from './use-spoken-prompt';

interface KioskFlowViewProps {
  api: KioskApi;
  info: KioskInfo;
  catalog: Catalog;
}

/** Runs the flow: renders its screen, performs the calls and timers it needs, reports their outcome. */
export function KioskFlowView({ api, info, catalog }: KioskFlowViewProps) {
  const [state, dispatch] = useReducer(kioskFlow, info, (kiosk) =>
    initialFlowState(kiosk.defaultLanguage, {
      highContrast: kiosk.accessibilityDefaults.highContrast,
      largeText: kiosk.accessibilityDefaults.largeText,
      lowReach: kiosk.accessibilityDefaults.lowReach,
      audioGuidance: kiosk.accessibilityDefaults.audioGuidance,
    }),
  );
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
    document.documentElement.lang = state.language;
  }, [state.language]);

  // On the root element, so rem sizes and colour variables follow everywhere, overlays included.
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', state.access.largeText);
    document.documentElement.classList.toggle('high-contrast', state.access.highContrast);
  }, [state.access.largeText, state.access.highContrast]);

  // Built once per catalog; searching then costs well under a millisecond per key (npm run bench).
  const searchIndex = useMemo(() => buildSearchIndex(searchableServices(catalog)), [catalog]);

  // Any touch restarts the idle clock and answers "Need more time?" with yes.
  const [activity, setActivity] = useState(0);
  const [idleWarning, setIdleWarning] = useState<{ screen: Screen; resetAt: number } | null>(null);
  const touched = () => {
    setActivity((count) => count + 1);
    setIdleWarning(null);
  };

  useEffect(() => {
    const ms = screenTimeoutMs(state.screen, info);
    if (ms === null) return;
    const startedAt = Date.now();
    const timer = window.setTimeout(() => dispatch({ type: 'timeout' }), ms);
    const warnMs = idleWarningMs(state.screen, info);
    const screen = state.screen;
    const warning =
      warnMs === null
        ? undefined
        : window.setTimeout(() => setIdleWarning({ screen, resetAt: startedAt + ms }), warnMs);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(warning);
    };
  }, [state.screen, info, activity]);

  const chooseService = (serviceId: string, priority?: string) => {
    if (issuing.current || state.screen.name !== 'service') return;
    issuing.current = true;
    dispatch({ type: 'chooseService', serviceId });
    api
      .issueTicket({ serviceId, language: state.language, ...(priority ? { priority } : {}) })
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

  const reprint = () => {
    const { screen } = state;
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

  const ratingControls = useRatingControls(
    api,
    info.rating,
    state.screen.name === 'rating' ? state.screen : null,
    dispatch,
  );
  const groups = useMemo(() => [...new Set(catalog.services.map((service) => service.group))].sort(), [catalog]);

  /** Finds the ticket to rate from a typed number or a scanned QR code; shows the number as the visitor knows it. */
  const findTicket = (code: string) => {
    const { screen } = state;
    if (screen.name !== 'attract' && !(screen.name === 'rate-lookup' && !screen.looking)) return;
    dispatch({ type: 'lookup', code: code.split(':').pop() ?? code });
    api.findTicketForRating({ code }).then(
      (ticket) => dispatch({ type: 'lookupFound', ticket }),
      (error: unknown) => dispatch({ type: 'lookupRefused', refusal: lookupRefusal(error) }),
    );
  };
  const scanning =
    asksForRatingsByNumber(info) &&
    (state.screen.name === 'attract' || (state.screen.name === 'rate-lookup' && !state.screen.looking));
  useWedgeScanner(scanning, findTicket);

  return (
    // A new key per screen restarts its settle-in pause (styles.css), which absorbs a double tap.
    <div
      className={state.access.lowReach ? 'kiosk kiosk--low-reach' : 'kiosk'}
      key={screenKey(state)}
      onPointerDownCapture={touched}
    >
      {state.screen.name !== 'printing' && (
        <AccessBar
          language={state.language}
          access={state.access}
          onToggle={(option) => dispatch({ type: 'toggleAccess', option })}
        />
      )}
      <SpokenPromptContext.Provider value={sayPrompt}>
        {renderScreen()}
        {idleWarning && idleWarning.screen === state.screen && (
          <IdleWarning language={state.language} resetAt={idleWarning.resetAt} onMoreTime={touched} />
        )}
      </SpokenPromptContext.Provider>
    </div>
  );

  function renderScreen() {
    const { screen, language } = state;
    switch (screen.name) {
      case 'attract':
        return (
          <AttractScreen
            centreName={info.centreName}
            languages={info.languages}
            onStart={() => dispatch({ type: 'start' })}
            onRate={asksForRatingsByNumber(info) ? () => dispatch({ type: 'openRateLookup' }) : undefined}
          />
        );
      case 'language':
        return (
          <LanguageScreen
            language={language}
            languages={info.languages}
            onChoose={(chosen) => dispatch({ type: 'chooseLanguage', language: chosen })}
            onBack={() => dispatch({ type: 'back' })}
          />
        );
      case 'services':
        return (
          <ServicesScreen
            language={language}
            catalog={catalog}
            screen={screen}
            onProvider={(providerId, onlyCategoryId) =>
              dispatch({ type: 'chooseProvider', providerId, onlyCategoryId })
            }
            onCategory={(categoryId) => dispatch({ type: 'chooseCategory', categoryId })}
            onService={(serviceId) => dispatch({ type: 'openService', serviceId })}
            onSearch={() => dispatch({ type: 'openSearch' })}
            onJump={(to) => dispatch({ type: 'jumpTo', screen: to })}
            onBack={() => dispatch({ type: 'back' })}
            onHome={() => dispatch({ type: 'home' })}
          />
        );
      case 'search':
        return (
          <SearchScreen
            language={language}
            catalog={catalog}
            query={screen.query}
            hits={searchServices(searchIndex, screen.query, language)}
            onQuery={(query) => dispatch({ type: 'search', query })}
            onService={(serviceId) => dispatch({ type: 'openService', serviceId })}
            onJump={(to) => dispatch({ type: 'jumpTo', screen: to })}
            onBack={() => dispatch({ type: 'back' })}
            onHome={() => dispatch({ type: 'home' })}
          />
        );
      case 'service':
        return (
          <ServiceScreen
            api={api}
            language={language}
            catalog={catalog}
            serviceId={screen.serviceId}
            from={screen.from}
            priorityCategories={info.priorityCategories}
            onTakeTicket={(priority) => chooseService(screen.serviceId, priority)}
            onJump={(to) => dispatch({ type: 'jumpTo', screen: to })}
            onBack={() => dispatch({ type: 'back' })}
            onHome={() => dispatch({ type: 'home' })}
          />
        );
      case 'printing':
        return <PrintingScreen language={language} serviceName={serviceName(catalog, screen.serviceId, language)} />;
      case 'ticket':
        return (
          <TicketScreen
            language={language}
            ticket={screen.ticket}
            serviceName={serviceName(catalog, screen.ticket.serviceId, language)}
            kioskId={info.kioskId}
            printerProblem={visitorPrinterProblem(printerReport)}
            reprinting={reprinting}
            onReprint={reprint}
            onDone={() => dispatch({ type: 'done' })}
          />
        );
      case 'issue-failed':
        return (
          <IssueFailedScreen
            language={language}
            printerUnavailable={
              screen.printerUnavailable ? { problem: visitorPrinterProblem(printerReport) } : undefined
            }
            onHome={() => dispatch({ type: 'home' })}
          />
        );
      case 'rate-lookup':
        return (
          <RateLookupScreen
            language={language}
            code={screen.code}
            looking={screen.looking}
            refusal={screen.refusal}
            groups={groups}
            onCode={(code) => dispatch({ type: 'lookupCode', code })}
            onFind={() => findTicket(screen.code)}
            onBack={() => dispatch({ type: 'back' })}
            onHome={() => dispatch({ type: 'home' })}
          />
        );
      case 'rating':
        return (
          <RatingScreen
            language={language}
            screen={screen}
            catalog={catalog}
            rating={info.rating}
            controls={ratingControls}
          />
        );
      case 'thanks':
        return <ThanksScreen language={language} alreadyRated={screen.alreadyRated} />;
    }
  }
}

/** A kiosk in the hall or a bus takes ratings by ticket number too; a rating terminal only asks for its desks. */
function asksForRatingsByNumber(info: KioskInfo): boolean {
  return info.role !== 'rating-terminal';
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

function screenKey({ screen }: FlowState): string {
  // Each menu level and service page is a new screen (its settle-in pause absorbs a double tap);
  // a search stays one screen while its query changes, so typing fast is never ignored.
  if (screen.name === 'services') return `services-${screen.providerId ?? ''}-${screen.categoryId ?? ''}`;
  if (screen.name === 'service') return `service-${screen.serviceId}`;
  return 'ticket' in screen ? `${screen.name}-${screen.ticket.id}` : screen.name;
}
