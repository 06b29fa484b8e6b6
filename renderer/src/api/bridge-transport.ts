import type { KioskBridge, KioskCallName } from '../../../main/contract';
import type { KioskTransport } from './transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    kioskBridge?: KioskBridge;
  }
}

/** Reaches main through the Electron preload's narrow functions. */
export function bridgeTransport(bridge: KioskBridge): KioskTransport {
  return {
    send: (name: KioskCallName, input: unknown) => bridge[name](input),
    listen: (onFrame) => {
      bridge.onEvent(onFrame);
    },
  };
}
