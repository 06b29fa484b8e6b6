import type { KioskApi } from '../../../main/contract';
import { bridgeTransport } from './bridge-transport';
import { createClientOver } from './create-client';
import type { HallCredential } from './hall-credential';
import { httpTransport } from './http-transport';

/**
 * The renderer's one way to main. Inside Electron the preload has put `window.kioskBridge` there;
 * in any other browser (browser shell, desk tablet, tests) the page talks HTTP + WebSocket to the
 * origin it was served from.
 */
export function createKioskClient(
  /** Told when the events socket opens or drops (HTTP only: the Electron bridge does not drop). */
  onConnection?: (connected: boolean) => void,
  /** A hall device's page: its kept credential, told when the hall server refuses it (HTTP only). */
  credential?: HallCredential,
): KioskApi {
  const bridge = window.kioskBridge;
  return createClientOver(bridge ? bridgeTransport(bridge) : httpTransport(window.location, onConnection, credential));
}
