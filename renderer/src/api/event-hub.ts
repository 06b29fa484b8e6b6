import { parseEventFrame, type EventFrame, type EventPayload, type KioskEventName } from '../../../main/contract';

type AnyHandler = (payload: EventFrame['payload']) => void;

/** Fans validated event frames out to the handlers subscribed by name. */
export class EventHub {
  private readonly handlers = new Map<KioskEventName, Set<AnyHandler>>();

  on<E extends KioskEventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    const set = this.handlers.get(event) ?? new Set<AnyHandler>();
    this.handlers.set(event, set);
    // The hub only ever calls a handler with the payload of the event it subscribed to.
    const stored = handler as AnyHandler;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Validates a frame from the transport; a malformed one is logged and dropped, never delivered. */
  deliver(raw: unknown): void {
    let frame: EventFrame;
    try {
      frame = parseEventFrame(raw);
    } catch (error) {
      console.warn('kiosk: dropped a malformed event frame', error);
      return;
    }
    for (const handler of this.handlers.get(frame.event) ?? []) {
      handler(frame.payload);
    }
  }
}
