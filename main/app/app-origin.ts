/**
 * The one origin the kiosk's renderer is served from. Navigation, IPC senders and the protocol
 * handler are all checked against it, so it is named in one place.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** Shown, without any of the app's scripts, while the app keeps crashing. */
export const OUT_OF_ORDER_URL = `${APP_ORIGIN}/out-of-order.html`;

/**
 * Compares scheme and host rather than `URL.origin`: Node reports the origin of a custom scheme as
 * "null", so an origin comparison would either match nothing or, worse, match every such URL.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
}
