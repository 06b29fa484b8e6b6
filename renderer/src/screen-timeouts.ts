import type { Screen } from './kiosk-flow';

/**
 * How long a screen waits for a touch before the kiosk gives up on the visitor. Generous: many
 * visitors read slowly and have never used a touch screen. A "need more time?" warning is to come.
 */
export const IDLE_SECONDS = 90;

/** Milliseconds until the `timeout` action for this screen, or null when it waits for ever. */
export function screenTimeoutMs(screen: Screen, resultScreenSeconds: number): number | null {
  switch (screen.name) {
    case 'attract':
    case 'printing':
      return null;
    case 'rating':
      return screen.saving === null ? IDLE_SECONDS * 1000 : null;
    case 'language':
    case 'services':
      return IDLE_SECONDS * 1000;
    case 'ticket':
    case 'issue-failed':
    case 'thanks':
      return resultScreenSeconds * 1000;
  }
}
