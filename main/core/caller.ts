/**
 * Who made a call, as its transport knows it: passed with each call (dispatchCall's last argument,
 * each handler's second) for the few that need it, such as the technician audit's client address.
 */
export interface Caller {
  transport: 'ipc' | 'http';
  /** The client's IP address over HTTP; null over IPC (the kiosk's own screen). */
  address: string | null;
  /** Whether the call came from this machine (IPC, or HTTP over a loopback address). */
  loopback: boolean;
}

/** The kiosk's own screen through Electron IPC: the caller of a call that names none. */
export const KIOSK_SCREEN: Caller = { transport: 'ipc', address: null, loopback: true };
