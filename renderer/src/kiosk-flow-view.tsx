import { useEffect, useReducer, useRef } from 'react';
import { KioskApiError, type Catalog, type KioskApi, type KioskInfo } from '../../main/contract';
import { serviceName } from './catalog-view';
import { initialFlowState, kioskFlow, type FlowState } from './kiosk-flow';
import type { Score } from './scores';
import { screenTimeoutMs } from './screen-timeouts';
import { AttractScreen } from './screens/attract-screen';
import { IssueFailedScreen } from './screens/issue-failed-screen';
import { LanguageScreen } from './screens/language-screen';
import { PrintingScreen } from './screens/printing-screen';
import { RatingScreen } from './screens/rating-screen';
import { ServicesScreen } from './screens/services-screen';
import { ThanksScreen } from './screens/thanks-screen';
import { TicketScreen } from './screens/ticket-screen';

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

  useEffect(() => api.on('visitEnded', (ticket) => dispatch({ type: 'visitEnded', ticket })), [api]);

  useEffect(() => {
    document.documentElement.lang = state.language;
  }, [state.language]);

  useEffect(() => {
    const ms = screenTimeoutMs(state.screen, info.resultScreenSeconds);
    if (ms === null) return;
    const timer = window.setTimeout(() => dispatch({ type: 'timeout' }), ms);
    return () => window.clearTimeout(timer);
  }, [state.screen, info.resultScreenSeconds]);

  const chooseService = (serviceId: string) => {
    if (issuing.current || state.screen.name !== 'services') return;
    issuing.current = true;
    dispatch({ type: 'chooseService', serviceId });
    api
      .issueTicket({ serviceId, language: state.language })
      .then(
        (ticket) => dispatch({ type: 'ticketIssued', ticket }),
        (error: unknown) => {
          console.error('kiosk: issueTicket failed', error);
          dispatch({ type: 'issueFailed' });
        },
      )
      .finally(() => {
        issuing.current = false;
      });
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
    <div className="kiosk" key={screenKey(state)}>
      {renderScreen()}
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
            onChoose={chooseService}
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
            onDone={() => dispatch({ type: 'done' })}
          />
        );
      case 'issue-failed':
        return <IssueFailedScreen language={language} onHome={() => dispatch({ type: 'home' })} />;
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
  return 'ticket' in screen ? `${screen.name}-${screen.ticket.id}` : screen.name;
}
