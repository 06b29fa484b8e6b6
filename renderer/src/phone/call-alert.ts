import { playChime } from '../hall/chime';
import { CALL_VIBRATION, vibrate } from './vibration';

/**
 * What the phone does when the visitor's number is called: vibrates, and plays the hall display's
 * chime once the visitor turned sound on. Browsers start audio only after a gesture on the page, so
 * sound waits for the "Turn on sound" button (which plays the chime once, so they know it works).
 */
export class CallAlert {
  private context: AudioContext | null = null;

  /** Whether this browser can play the chime at all (the button is offered only then). */
  readonly canSound = typeof window !== 'undefined' && typeof window.AudioContext === 'function';

  get soundOn(): boolean {
    return this.context?.state === 'running';
  }

  /** From the button's tap: makes and starts the audio, and plays the chime once. */
  async turnOnSound(): Promise<boolean> {
    if (!this.canSound) return false;
    try {
      this.context ??= new AudioContext();
      await this.context.resume();
      playChime(this.context);
    } catch (error) {
      console.error('phone: sound could not be turned on', error);
    }
    return this.soundOn;
  }

  alert(): void {
    vibrate(typeof navigator === 'undefined' ? undefined : navigator, CALL_VIBRATION);
    const context = this.context;
    if (!context) return;
    // A phone may have suspended the audio while its screen was off; a page once tapped may resume it.
    context
      .resume()
      .then(() => playChime(context))
      .catch((error: unknown) => console.error('phone: chime failed', error));
  }
}
