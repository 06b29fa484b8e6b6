import type { EventPayload, KioskEventName } from '../contract';
import type { KioskEventListener } from './handlers';

/**
 * The kiosk's events for every transport. A listener that throws (a log line, a closed socket)
 * is reported and skipped: what the kiosk did has happened and is stored, so nobody's failure to
 * hear of it may turn it into a failure of the call that did it.
 */
export class KioskEvents {
  private readonly listeners = new Set<KioskEventListener>();

  constructor(private readonly onListenerError: (error: unknown, event: KioskEventName) => void = () => {}) {}

  /** Returns the unsubscribe function. */
  subscribe(listener: KioskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit = <E extends KioskEventName>(event: E, payload: EventPayload<E>): void => {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        try {
          this.onListenerError(error, event);
        } catch {
          // The report of a failed listener failed too (the log is broken): nothing more can be told.
        }
      }
    }
  };
}
