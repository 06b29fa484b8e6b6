import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import {
  KIOSK_CONTENT_SECURITY_POLICY,
  confineEveryWebContents,
  confineWebContents,
  denyAllPermissions,
  enforceContentSecurityPolicy,
  refuseDownloads,
} from '../../../main/app/security';
import { fakeEmitter, fakeEvent } from './fake-emitter';

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type WindowOpenHandler = (details: { url: string }) => { action: string };

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

function fakeSession() {
  const session = {
    setPermissionRequestHandler: vi.fn<(handler: PermissionRequestHandler) => void>(),
    setPermissionCheckHandler: vi.fn<(handler: PermissionCheckHandler) => void>(),
    webRequest: { onHeadersReceived: vi.fn<(listener: HeadersListener) => void>() },
  };
  return { session, asSession: session as unknown as Session };
}

/** The fake electron module's session: only its events matter here (will-download). */
const fakeSessionEmitter = () => fakeEmitter();

function fakeContents(session = fakeSessionEmitter()) {
  const contents = {
    ...fakeEmitter(),
    session,
    setWindowOpenHandler: vi.fn<(handler: WindowOpenHandler) => void>(),
  };
  confineWebContents(contents as unknown as WebContents);
  return contents;
}

/** A DownloadItem of the fake electron module. */
const fakeDownload = (url: string) => ({ getURL: () => url, cancel: vi.fn() });

describe('denyAllPermissions', () => {
  test('answers every permission request no', () => {
    const { session, asSession } = fakeSession();
    denyAllPermissions(asSession);
    const handler = session.setPermissionRequestHandler.mock.calls[0]![0];
    for (const permission of ['media', 'geolocation', 'notifications', 'serial', 'hid', 'fullscreen', 'unknown']) {
      const callback = vi.fn();
      handler({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  test('answers every permission check no, even from the app origin', () => {
    const { session, asSession } = fakeSession();
    denyAllPermissions(asSession);
    const handler = session.setPermissionCheckHandler.mock.calls[0]![0];
    expect(handler({}, 'media', 'app://kiosk')).toBe(false);
    expect(handler(null, 'clipboard-read', 'https://example.com')).toBe(false);
  });
});

describe('enforceContentSecurityPolicy', () => {
  function headersFor(url: string, responseHeaders?: Record<string, string[]>) {
    const { session, asSession } = fakeSession();
    enforceContentSecurityPolicy(asSession);
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]![0];
    const callback = vi.fn();
    listener({ url, ...(responseHeaders && { responseHeaders }) }, callback);
    expect(callback).toHaveBeenCalledOnce();
    return callback.mock.calls[0]![0] as { responseHeaders?: Record<string, string[]> };
  }

  test('the policy allows only the app itself', () => {
    expect(KIOSK_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  test("sets the policy on the app's responses, replacing any other one", () => {
    const response = headersFor('app://kiosk/index.html', {
      'content-security-policy': ["script-src 'unsafe-inline'"],
      'Content-Type': ['text/html'],
    });
    expect(response.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [KIOSK_CONTENT_SECURITY_POLICY],
    });
  });

  test('leaves responses of other origins unchanged', () => {
    expect(headersFor('devtools://devtools/bundled/inspector.html', {})).toEqual({});
  });
});

describe('confineWebContents', () => {
  test.each(['will-navigate', 'will-redirect'])('%s: refuses every other origin', (eventName) => {
    const contents = fakeContents();
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'app://other/index.html',
      'http://127.0.0.1:8787/',
    ]) {
      const event = fakeEvent({ url });
      contents.emit(eventName, event, url);
      expect(event.preventDefault, url).toHaveBeenCalledOnce();
    }
  });

  test.each(['will-navigate', 'will-redirect'])('%s: lets the app move within its own origin', (eventName) => {
    const contents = fakeContents();
    for (const url of ['app://kiosk/index.html', 'app://kiosk/desk.html']) {
      const event = fakeEvent({ url });
      contents.emit(eventName, event, url);
      expect(event.preventDefault, url).not.toHaveBeenCalled();
    }
  });

  test('denies every new window, the app origin included', () => {
    const contents = fakeContents();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0];
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  test('refuses to attach a <webview>', () => {
    const contents = fakeContents();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'app://kiosk/index.html' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('downloads (fake electron session)', () => {
  test('will-download: every download is cancelled before a Save dialog can open, whatever its origin', () => {
    const contents = fakeContents();
    for (const url of ['https://example.com/setup.exe', 'app://kiosk/visits.csv', 'blob:app://kiosk/1234']) {
      const event = fakeEvent();
      const item = fakeDownload(url);
      contents.session.emit('will-download', event, item, contents);
      expect(event.preventDefault, url).toHaveBeenCalledOnce();
      expect(item.cancel, url).toHaveBeenCalledOnce();
    }
  });

  test('a session shared by many web contents refuses each download once', () => {
    const session = fakeSessionEmitter();
    fakeContents(session);
    fakeContents(session);
    refuseDownloads(session as unknown as Session);
    expect(session.listenerCount('will-download')).toBe(1);
  });
});

describe('confineEveryWebContents', () => {
  test('confines each web contents the app creates', () => {
    const app = fakeEmitter();
    confineEveryWebContents(app as unknown as App);
    const contents = { ...fakeEmitter(), session: fakeSessionEmitter(), setWindowOpenHandler: vi.fn() };
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.session.listenerCount('will-download')).toBe(1);
  });
});
