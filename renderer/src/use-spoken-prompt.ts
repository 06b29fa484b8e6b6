import { createContext, useContext, useEffect, useMemo } from 'react';
import type { KioskApi, Language } from '../../main/contract';

/** Says a screen's prompt aloud, or null while the visitor has audio guidance off. */
export type SayPrompt = ((text: string, language: Language) => void) | null;

/** Set by the kiosk flow (kiosk-flow-view.tsx) from the visitor's audio guidance choice. */
export const SpokenPromptContext = createContext<SayPrompt>(null);

/** The contract's limit for one utterance. */
const MAX_SPOKEN_CHARS = 500;

/**
 * Speaks through the main process (`api.speak`), so the technician diagnostics know which voices
 * exist. A prompt that could not be spoken is logged with the kiosk's reason; the screen works on.
 */
export function useSayPrompt(api: KioskApi, audioGuidance: boolean): SayPrompt {
  return useMemo(() => {
    if (!audioGuidance) return null;
    return (text: string, language: Language) => {
      api.speak({ text: text.slice(0, MAX_SPOKEN_CHARS), language }).then(
        (outcome) => {
          if (!outcome.spoken) console.warn(`kiosk: prompt not spoken: ${outcome.reason ?? 'no reason given'}`);
        },
        (error: unknown) => console.warn('kiosk: speak failed', error),
      );
    };
  }, [api, audioGuidance]);
}

/**
 * A screen calls this once with its prompt: spoken in the visitor's language when the screen
 * appears, when the text changes, and when the visitor turns audio guidance on while on it.
 */
export function useSpokenPrompt(language: Language, text: string | null | undefined): void {
  const say = useContext(SpokenPromptContext);
  useEffect(() => {
    if (say && text) say(text, language);
  }, [say, text, language]);
}

/** "A-001" as "A 0 0 1": digit by digit, so every voice reads the number the way it is printed. */
export function spokenTicketNumber(number: string): string {
  return number.replace(/-/g, ' ').replace(/\d/g, ' $&').replace(/\s+/g, ' ').trim();
}
