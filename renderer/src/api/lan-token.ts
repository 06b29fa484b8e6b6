import { apiPaths, type KioskCallName } from '../../../main/contract';

/**
 * A kiosk whose API is open to the hall LAN needs its token: a tablet's address carries it in the
 * fragment (console.html#token=…), which the browser never sends to a server or a proxy's log.
 */
export function tokenFromFragment(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') || null;
}

export function callRequest(pageHref: string, name: KioskCallName, input: unknown, token: string | null) {
  return {
    url: new URL(apiPaths.call(name), pageHref).href,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    },
  };
}

/** Browsers cannot set headers on a WebSocket, so the token goes in the events URL's query. */
export function eventsUrl(pageHref: string, token: string | null): string {
  const url = new URL(apiPaths.events, pageHref);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.href;
}
