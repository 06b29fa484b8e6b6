import type { KioskCallName } from './api';

/**
 * Paths of the local HTTP + WebSocket API. A call is `POST /api/call/<name>` with the input as
 * JSON; the answer is always a CallResult envelope (`{ ok: true, value }` or `{ ok: false, error }`).
 * Events arrive as EventFrame JSON on the WebSocket at `/api/events`.
 */
export const apiPaths = {
  call: (name: KioskCallName) => `/api/call/${name}`,
  events: '/api/events',
} as const;

/** What the Electron preload exposes on `window.kioskBridge`: one narrow function per call. */
export type KioskBridge = {
  [N in KioskCallName]: (input: unknown) => Promise<unknown>;
} & {
  /** Subscribes to event frames; returns the unsubscribe function. */
  onEvent(handler: (frame: unknown) => void): () => void;
};
