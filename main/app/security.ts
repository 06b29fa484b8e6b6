import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * The renderer may load and contact nothing but its own files. Inline scripts and styles are
 * refused too, so injected markup cannot run code with the bridge in reach.
 */
export const KIOSK_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The kiosk needs no camera, microphone, notifications, serial or HID from web content (the
 * printer is driven from the main process), so every request and every check is answered no.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`kiosk: refused the renderer's request for permission "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/**
 * Sets the policy on every response from the app origin. The protocol handler sends it as well;
 * this covers anything that reaches the renderer from the app origin another way.
 */
export function enforceContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [KIOSK_CONTENT_SECURITY_POLICY] } });
  });
}

/** Sessions whose downloads are already refused: many web contents share one session. */
const sessionsRefusingDownloads = new WeakSet<Session>();

/**
 * Cancels every download before it starts. The kiosk downloads nothing from web content (the
 * day's CSV is saved by the main process); a download would open a Save dialog, and with it a file
 * browser over the kiosk's disks, in front of a visitor.
 */
export function refuseDownloads(session: Session): void {
  if (sessionsRefusingDownloads.has(session)) return;
  sessionsRefusingDownloads.add(session);
  session.on('will-download', (event, item) => {
    console.warn(`kiosk: refused to download ${item.getURL()}`);
    event.preventDefault();
    item.cancel();
  });
}

/**
 * Keeps a web contents on the app origin: no navigation or redirect elsewhere, no new windows,
 * no <webview> (a webview could be given Node even though the window has none), no downloads.
 */
export function confineWebContents(contents: WebContents): void {
  refuseDownloads(contents.session);
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    console.warn(`kiosk: refused navigation to ${event.url}`);
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    console.warn(`kiosk: refused redirect to ${event.url}`);
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`kiosk: refused to open a window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    console.warn('kiosk: refused to attach a <webview>');
    event.preventDefault();
  });
}

/** Confines every web contents the app ever creates, not only the kiosk window's. */
export function confineEveryWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => confineWebContents(contents));
}
