import type { Catalog, KioskApi, KioskInfo } from '../../main/contract';
import { serviceName } from './catalog-view';
import type { FlowState } from './kiosk-flow';
import { AccessBar } from './screens/access-bar';
import { AttractScreen } from './screens/attract-screen';
import { IdleWarning } from './screens/idle-warning';
import { IssueFailedScreen } from './screens/issue-failed-screen';
import { LanguageScreen } from './screens/language-screen';
import { PrintingScreen } from './screens/printing-screen';
import { RateLookupScreen } from './screens/rate-lookup-screen';
import { RatingScreen } from './screens/rating-screen';
import { SearchScreen } from './screens/search-screen';
import { ServiceScreen } from './screens/service-screen';
import { ServicesScreen } from './screens/services-screen';
import { ThanksScreen } from './screens/thanks-screen';
import { TicketScreen } from './screens/ticket-screen';
import { useKioskFlow } from './use-kiosk-flow';
import { visitorPrinterProblem } from './use-printer-report';
import { SpokenPromptContext } from './use-spoken-prompt';

interface KioskFlowViewProps {
  api: KioskApi;
  info: KioskInfo;
  catalog: Catalog;
}

/** Renders the flow's screen; useKioskFlow owns its calls, timers and scanner. */
export function KioskFlowView({ api, info, catalog }: KioskFlowViewProps) {
  const flow = useKioskFlow(api, info, catalog);
  const { state, dispatch, touched } = flow;

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
      <SpokenPromptContext.Provider value={flow.sayPrompt}>
        {renderScreen()}
        {flow.idleWarning && (
          <IdleWarning language={state.language} resetAt={flow.idleWarning.resetAt} onMoreTime={touched} />
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
            onRate={flow.ratesByNumber ? () => dispatch({ type: 'openRateLookup' }) : undefined}
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
            hits={flow.searchHits}
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
            language={language}
            catalog={catalog}
            serviceId={screen.serviceId}
            page={flow.servicePage}
            priorityCategories={info.priorityCategories}
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
            phoneUrl={info.phoneUrl}
            printerProblem={visitorPrinterProblem(flow.printerReport)}
            reprinting={flow.reprinting}
            onReprint={flow.reprint}
            onDone={() => dispatch({ type: 'done' })}
          />
        );
      case 'issue-failed':
        return (
          <IssueFailedScreen
            language={language}
            printerUnavailable={
              screen.printerUnavailable ? { problem: visitorPrinterProblem(flow.printerReport) } : undefined
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
            groups={flow.groups}
            onCode={(code) => dispatch({ type: 'lookupCode', code })}
            onFind={() => flow.findTicket(screen.code)}
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
            controls={flow.ratingControls}
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
