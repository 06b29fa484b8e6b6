import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import {
  buildSearchIndex,
  KioskApiError,
  searchServices,
  type Catalog,
  type KioskApi,
  type KioskInfo,
} from '../../main/contract';
import { searchableServices, serviceName } from './catalog-view';
import { initialFlowState, kioskFlow, type FlowState, type Screen } from './kiosk-flow';
import type { Score } from './scores';
import { idleWarningMs, screenTimeoutMs } from './screen-timeouts';
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

interface KioskFlowViewProps {
  api: KioskApi;
  info: KioskInfo;
  catalog: Catalog;
}

/** Runs the flow: renders its screen, performs the calls and timers it needs, reports their outcome. */
export function KioskFlowView({ api, info, catalog }: KioskFlowViewProps) {
  const [state, dispatch] = useReducer(kioskFlow, info.defaultLanguage, initialFlowState);
  // Guards against a second call before the first one's screen has rendered (a fast double tap).
  const issuing = useRef(false);
  const rating = useRef(false);
  const [reprinting, setReprinting] = useState(false);
  const printerReport = usePrinterReport(api);

  useEffect(() => api.on('visitEnded', (ticket) => dispatch({ type: 'visitEnded', ticket })), [api]);

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
    const ms = screenTimeoutMs(state.screen, info.resultScreenSeconds);
    if (ms === null) return;
    const startedAt = Date.now();
    const timer = window.setTimeout(() => dispatch({ type: 'timeout' }), ms);
    const warnMs = idleWarningMs(state.screen, info.resultScreenSeconds);
    const screen = state.screen;
    const warning =
      warnMs === null
        ? undefined
        : window.setTimeout(() => setIdleWarning({ screen, resetAt: startedAt + ms }), warnMs);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(warning);
    };
  }, [state.screen, info.resultScreenSeconds, activity]);

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

  const rate = (score: Score) => {
    const { screen } = state;
    if (rating.current || screen.name !== 'rating' || screen.saving !== null) return;
    rating.current = true;
    const ticketId = screen.ticket.id;
    dispatch({ type: 'rate', score });
    api
      .submitRating({ ticketId, score })
      .then(
        () => dispatch({ type: 'ratingSaved', ticketId }),
        (error: unknown) => {
          const alreadyRated = error instanceof KioskApiError && error.code === 'already-rated';
          if (!alreadyRated) console.error('kiosk: submitRating failed', error);
          dispatch({ type: 'ratingFailed', ticketId, alreadyRated });
        },
      )
      .finally(() => {
        rating.current = false;
      });
  };

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
      {renderScreen()}
      {idleWarning && idleWarning.screen === state.screen && (
        <IdleWarning language={state.language} resetAt={idleWarning.resetAt} onMoreTime={touched} />
      )}
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
      case 'rating':
        return (
          <RatingScreen
            language={language}
            ticket={screen.ticket}
            serviceName={serviceName(catalog, screen.ticket.serviceId, language)}
            saving={screen.saving}
            saveFailed={screen.saveFailed}
            onRate={rate}
          />
        );
      case 'thanks':
        return <ThanksScreen language={language} alreadyRated={screen.alreadyRated} />;
    }
  }
}

function screenKey({ screen }: FlowState): string {
  // Each menu level and service page is a new screen (its settle-in pause absorbs a double tap);
  // a search stays one screen while its query changes, so typing fast is never ignored.
  if (screen.name === 'services') return `services-${screen.providerId ?? ''}-${screen.categoryId ?? ''}`;
  if (screen.name === 'service') return `service-${screen.serviceId}`;
  return 'ticket' in screen ? `${screen.name}-${screen.ticket.id}` : screen.name;
}
