import { tokenFromFragment } from './lan-token';

/** Where a page keeps its device credential: localStorage is per origin, so one per hall server. */
export const CREDENTIAL_KEY = 'kiosk.hallCredential';

/**
 * Calls a hall server answers without a device credential (main/core/hall/device-roles.ts,
 * CALLS_WITHOUT_DEVICE; the renderer may not import core): enrolling, and the setup the enrol screen reads.
 */
export const CALLS_WITHOUT_CREDENTIAL: ReadonlySet<string> = new Set(['hallEnrol', 'getKioskInfo']);

// The parts of the browser this reads, by shape (tests give their own; Node's types have no DOM).
/** The page's localStorage. */
export interface KeptStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
export interface PageAddress {
  pathname: string;
  search: string;
  hash: string;
}
/** The page's window: its address, its history (to rewrite the address) and its localStorage. */
export interface PageWindow {
  location: PageAddress;
  history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  localStorage?: KeptStorage;
}

/**
 * A page's credential on a hall server (a console, a display, a rating tablet, the figures page),
 * and whether the server refused it. It comes from the address once (`…/hall.html#token=…`, as
 * `npm run hall -- page` prints it), is kept in localStorage and taken out of the address bar so it
 * never shows on screen; afterwards the page opens with the kept one. A refusal (HTTP 401: not
 * enrolled, or revoked) drops the kept credential and asks for enrolment, once: the pages then show
 * the enrol screen and the transport sends nothing more but what enrolling needs.
 */
export class HallCredential {
  private enrolNeeded = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    /** The credential this page sends, or null. */
    readonly token: string | null,
    private readonly storage: KeptStorage | null,
  ) {}

  /** The page's credential: from `#token=…` (kept, and removed from the address), else the kept one. */
  static ofPage(page: PageWindow): HallCredential {
    const storage = storageOf(page);
    const fromAddress = tokenFromFragment(page.location.hash);
    if (fromAddress) {
      write(storage, fromAddress);
      page.history.replaceState(page.history.state, '', addressWithoutToken(page.location));
    }
    return new HallCredential(fromAddress ?? read(storage), storage);
  }

  /** The hall server refused this page's credential (or its lack of one): enrolment is needed. */
  readonly refused = (): void => {
    if (this.enrolNeeded) return;
    // Dropped only if it is still the one refused: another tab may have enrolled since.
    if (this.token !== null && read(this.storage) === this.token) remove(this.storage);
    this.enrolNeeded = true;
    for (const listener of this.listeners) listener();
  };

  readonly needsEnrolment = (): boolean => this.enrolNeeded;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Keeps the credential hallEnrol gave; the page loads again to use it. */
  keep(token: string): void {
    write(this.storage, token);
  }
}

/** The page's address with `token` taken out of its fragment (and no `#` left when nothing else was in it). */
export const addressWithoutToken = (location: PageAddress): string => addressWithout(location, 'token');

/** The page's address with one parameter of its fragment taken out (the path, query and the rest kept). */
export function addressWithout(location: PageAddress, parameter: string): string {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  fragment.delete(parameter);
  const rest = fragment.toString();
  return `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`;
}

// Storage may be missing or refuse (a browser's private mode, a policy): the page then keeps the
// credential for as long as it is open, which is what the fragment gave before.
function storageOf(page: PageWindow): KeptStorage | null {
  try {
    return page.localStorage ?? null;
  } catch {
    return null;
  }
}

function read(storage: KeptStorage | null): string | null {
  try {
    return storage?.getItem(CREDENTIAL_KEY) || null;
  } catch {
    return null;
  }
}

function write(storage: KeptStorage | null, token: string): void {
  try {
    storage?.setItem(CREDENTIAL_KEY, token);
  } catch {
    // Kept for this page's life only.
  }
}

function remove(storage: KeptStorage | null): void {
  try {
    storage?.removeItem(CREDENTIAL_KEY);
  } catch {
    // Nothing kept to remove.
  }
}
