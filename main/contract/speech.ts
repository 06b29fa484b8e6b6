import { z } from 'zod';
import { Language } from './languages';

/**
 * Audio guidance and the hall display's spoken numbers, through the device's speech synthesis
 * (on Linux, speech-dispatcher with espeak-ng). Spoken by the main process, so it works the same
 * in both shells and a missing voice is known to the technician diagnostics.
 */
export const SpeechVoice = z.object({
  language: Language,
  /** The synthesiser's voice for the language; null when the device has none. */
  voice: z.string().nullable(),
  /** The language spoken instead when there is no voice (configured fallback); null when the language has its own. */
  fallback: Language.nullable(),
});
export type SpeechVoice = z.infer<typeof SpeechVoice>;

export const speechCalls = {
  /** Speaks a text now, interrupting anything still being said; resolves once it has started. */
  speak: {
    input: z.object({ text: z.string().min(1).max(500), language: Language }).strict(),
    output: z.object({
      spoken: z.boolean(),
      /** The language actually spoken (the fallback when the visitor's has no voice). */
      language: Language.nullable(),
      /** Why nothing was spoken, for logs: no synthesiser, no voice and no fallback. */
      reason: z.string().nullable(),
    }),
  },
  /** Which of the kiosk's languages have a voice on this device. */
  listSpeechVoices: { input: z.object({}).strict(), output: z.array(SpeechVoice) },
} as const;
