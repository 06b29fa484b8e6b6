import { useSyncExternalStore } from 'react';

/**
 * Whether the events socket is open, for pages that must tell staff when live updates stop (the
 * console's reconnect indicator) and catch up once they resume (the hall display reloads its calls).
 * Null until the first answer: a page just opened is neither live nor lost.
 */
export class ConnectionSignal {
  private connected: boolean | null = null;
  private readonly listeners = new Set<() => void>();

  /** Give this to createKioskClient. */
  readonly report = (connected: boolean): void => {
    if (connected === this.connected) return;
    this.connected = connected;
    for (const listener of this.listeners) listener();
  };

  readonly current = (): boolean | null => this.connected;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Calls `onReconnect` each time the socket opens again after a drop (not on the first open). */
  onReconnect(onReconnect: () => void): () => void {
    let dropped = false;
    return this.subscribe(() => {
      if (this.connected === false) dropped = true;
      else if (this.connected && dropped) {
        dropped = false;
        onReconnect();
      }
    });
  }
}

export function useConnected(signal: ConnectionSignal): boolean | null {
  return useSyncExternalStore(signal.subscribe, signal.current);
}
