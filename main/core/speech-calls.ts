import type { KioskHandlers } from './handlers';
import type { Speaker } from './ports';
import type { Settings } from './settings';

export const SPEECH_CALL_NAMES = ['speak', 'listSpeechVoices'] as const;

/** Audio guidance: what the speaker says, and the voices it has for the kiosk's languages. */
export function speechCalls(
  speaker: Speaker,
  settings: Settings,
): Pick<KioskHandlers, (typeof SPEECH_CALL_NAMES)[number]> {
  return {
    speak: ({ text, language }) => speaker.speak(text, language),
    listSpeechVoices: async () => {
      const voices = await speaker.voices();
      return voices.filter((voice) => settings.config().languages.includes(voice.language));
    },
  };
}
