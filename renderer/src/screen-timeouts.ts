import type { Screen } from './kiosk-flow';

/**
 * How long a screen waits for a touch before the kiosk gives up on the visitor. Generous: many
 * visitors read slowly and have never used a touch screen. A "Need more time?" warning comes first.
 */
export const IDLE_SECONDS = 90;

/** How long the "Need more time?" warning stands before the reset: long enough to read and reach. */
export const IDLE_WARNING_SECONDS = 20;

/**
 * Milliseconds until the "Need more time?" warning on this screen, or null when it has none: the
 * ticket and thank-you screens end by themselves and lose the visitor nothing.
 */
export function idleWarningMs(screen: Screen, resultScreenSeconds: number): number | null {
  const timeout = screenTimeoutMs(screen, resultScreenSeconds);
  if (timeout === null || screen.name === 'ticket' || screen.name === 'thanks' || screen.name === 'issue-failed')
    return null;
  return Math.max(0, timeout - IDLE_WARNING_SECONDS * 1000);
}

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
    case 'search':
    case 'service':
      return IDLE_SECONDS * 1000;
    case 'ticket':
      // A number shown instead of printed needs time: to read it, copy it or photograph its QR code.
      return (screen.ticket.printStatus === 'failed' ? IDLE_SECONDS : resultScreenSeconds) * 1000;
    case 'issue-failed':
    case 'thanks':
      return resultScreenSeconds * 1000;
  }
}
