import type { i18n as I18n } from 'i18next';
import type { HallCall, KioskApi, Language } from '../../../main/contract';
import { CHIME_SECONDS, playChime } from './chime';
import { speakingMillis, spokenNumber } from './spoken-call';

const wait = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));

/**
 * Chimes and speaks each call in turn, one after the other: calls arriving together queue up
 * rather than cut each other off. Sound is a help, never a requirement: when the audio context or
 * the speech call fails, the display goes on showing the numbers and the failure is logged.
 */
export class Announcer {
  private queue: Promise<void> = Promise.resolve();
  private context: AudioContext | null = null;

  constructor(
    private readonly api: KioskApi,
    private readonly i18n: I18n,
    private readonly languages: () => readonly Language[],
  ) {}

  announce(call: HallCall): void {
    this.queue = this.queue
      .then(() => this.say(call))
      .catch((error: unknown) => console.error('hall: announce', error));
  }

  /** Browsers start audio only after a gesture unless the kiosk's Chromium allows autoplay; a tap anywhere unlocks it. */
  unlockAudio(): void {
    void this.audio()?.resume();
  }

  private audio(): AudioContext | null {
    if (this.context) return this.context;
    try {
      this.context = new AudioContext();
    } catch (error) {
      console.error('hall: no audio context, calls are shown silently', error);
    }
    return this.context;
  }

  private async say(call: HallCall): Promise<void> {
    const context = this.audio();
    if (context) {
      try {
        playChime(context);
        await wait(CHIME_SECONDS * 1000);
      } catch (error) {
        console.error('hall: chime failed', error);
      }
    }
    for (const language of this.languages()) {
      const text = this.i18n.getFixedT(language, 'hall')('say', {
        number: spokenNumber(call.number),
        desk: call.deskId,
      });
      try {
        const answer = await this.api.speak({ text, language });
        if (!answer.spoken) {
          console.warn(`hall: not spoken in ${language}: ${answer.reason ?? 'no reason given'}`);
          continue;
        }
        await wait(speakingMillis(text));
      } catch (error) {
        console.error(`hall: speak failed in ${language}`, error);
      }
    }
  }
}
