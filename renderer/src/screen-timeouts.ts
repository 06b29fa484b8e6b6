import type { KioskInfo } from '../../main/contract';
import type { Screen } from './kiosk-flow';

/**
 * How long screens wait, from the kiosk's configuration: `idle.seconds` without a touch before the
 * "Need more time?" warning, which then stands `idle.warningSeconds` before the kiosk gives up on
 * the visitor. Generous by default: many visitors read slowly and have never used a touch screen.
 */
export type ScreenTiming = Pick<KioskInfo, 'resultScreenSeconds' | 'idle'>;

/**
 * Milliseconds until the "Need more time?" warning on this screen, or null when it has none: the
 * ticket and thank-you screens end by themselves and lose the visitor nothing.
 */
export function idleWarningMs(screen: Screen, timing: ScreenTiming): number | null {
  if (!waitsForVisitor(screen)) return null;
  return timing.idle.seconds * 1000;
}

/** Milliseconds until the `timeout` action for this screen, or null when it waits for ever. */
export function screenTimeoutMs(screen: Screen, timing: ScreenTiming): number | null {
  const idleMs = (timing.idle.seconds + timing.idle.warningSeconds) * 1000;
  switch (screen.name) {
    case 'attract':
    case 'printing':
      return null;
    case 'rating':
      return screen.saving === null ? idleMs : null;
    case 'rate-lookup':
      return screen.looking ? null : idleMs;
    case 'language':
    case 'services':
    case 'search':
    case 'service':
      return idleMs;
    case 'ticket':
      // A number shown instead of printed needs time: to read it, copy it or photograph its QR code.
      return screen.ticket.printStatus === 'failed' ? idleMs : timing.resultScreenSeconds * 1000;
    case 'issue-failed':
    case 'thanks':
      return timing.resultScreenSeconds * 1000;
  }
}

/** Screens where the visitor is choosing or typing, so an unasked reset would lose their work. */
function waitsForVisitor(screen: Screen): boolean {
  if (screenTimeoutMs(screen, { resultScreenSeconds: 1, idle: { seconds: 1, warningSeconds: 1 } }) === null)
    return false;
  return screen.name !== 'ticket' && screen.name !== 'thanks' && screen.name !== 'issue-failed';
}
