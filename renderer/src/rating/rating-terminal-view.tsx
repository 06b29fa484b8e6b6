import { useEffect, useReducer } from 'react';
import type { Catalog, KioskApi, KioskInfo } from '../../../main/contract';
import { initialTerminalState, ratingTerminalFlow, terminalTimeoutMs } from './rating-terminal-flow';
import { RatingScreen } from '../screens/rating-screen';
import { RatingWaitingScreen } from '../screens/rating-waiting-screen';
import { ThanksScreen } from '../screens/thanks-screen';
import { AccessBar } from '../screens/access-bar';
import { useRatingControls } from './use-rating-controls';
import { SpokenPromptContext, useSayPrompt } from '../use-spoken-prompt';

interface RatingTerminalViewProps {
  api: KioskApi;
  info: KioskInfo;
  catalog: Catalog;
  /** The desks whose visitors this device asks: the configured ones, or the desk in a tablet's address. */
  deskIds: readonly string[];
}

/** Runs a rating terminal: waits for a visit at its desks to end, asks for the rating, thanks, waits again. */
export function RatingTerminalView({ api, info, catalog, deskIds }: RatingTerminalViewProps) {
  const [state, dispatch] = useReducer(ratingTerminalFlow, undefined, () =>
    initialTerminalState(info.defaultLanguage, deskIds, info.accessibilityDefaults),
  );
  const { screen, language, access } = state;
  const sayPrompt = useSayPrompt(api, access.audioGuidance);

  // On the root element, so rem sizes and colour variables follow everywhere.
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', access.largeText);
    document.documentElement.classList.toggle('high-contrast', access.highContrast);
  }, [access.largeText, access.highContrast]);

  useEffect(() => api.on('visitEnded', (ticket) => dispatch({ type: 'visitEnded', ticket })), [api]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    const ms = terminalTimeoutMs(screen, info);
    if (ms === null) return;
    const timer = window.setTimeout(() => dispatch({ type: 'timeout' }), ms);
    return () => window.clearTimeout(timer);
  }, [screen, info]);

  const controls = useRatingControls(api, info.rating, screen.name === 'rating' ? screen : null, dispatch);

  return (
    // A new key per screen restarts its settle-in pause (styles.css), which absorbs a double tap.
    <SpokenPromptContext.Provider value={sayPrompt}>
      <div
        className={access.lowReach ? 'kiosk kiosk--low-reach rating-terminal' : 'kiosk rating-terminal'}
        key={screen.name === 'rating' ? `rating-${screen.ticket.id}` : screen.name}
        data-testid="rating-terminal"
        data-desks={deskIds.join(',')}
      >
        <AccessBar
          language={language}
          access={access}
          onToggle={(option) => dispatch({ type: 'toggleAccess', option })}
        />
        {screen.name === 'waiting' && <RatingWaitingScreen language={language} />}
        {screen.name === 'rating' && (
          <RatingScreen
            language={language}
            screen={screen}
            catalog={catalog}
            rating={info.rating}
            controls={controls}
          />
        )}
        {screen.name === 'thanks' && <ThanksScreen language={language} alreadyRated={screen.alreadyRated} />}
      </div>
    </SpokenPromptContext.Provider>
  );
}
