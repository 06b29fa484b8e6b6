import { type ApiError, type KioskCallName } from '../../../main/contract';
import { callRequest, eventsUrl, tokenFromFragment } from './lan-token';
import { reconnectingSocket } from './reconnecting-socket';
import type { KioskTransport } from './transport';

/**
 * Reaches main through the local HTTP + WebSocket API of the page's own origin: how the browser
 * shell, desk tablets on the hall LAN and tests talk to a kiosk. Calls go as
 * `Content-Type: application/json` from the page's own origin (callRequest): the API refuses any
 * other type and any other origin (main/api/request-guard.ts), so that pages of other sites cannot call it.
 */
export function httpTransport(location: Location, onConnection?: (connected: boolean) => void): KioskTransport {
  const token = tokenFromFragment(location.hash);
  return {
    send: (name, input) => postCall(location.href, name, input, token),
    listen: (onFrame) =>
      reconnectingSocket(eventsUrl(location.href, token), (data) => onFrame(parseJson(data)), onConnection),
  };
}

/**
 * Calls alone, without the events socket: a visitor's phone on the hall's guest Wi-Fi holds no
 * credential, which the hall server's events need, and follows its ticket by asking now and then.
 */
export function httpCallsTransport(location: Location): KioskTransport {
  return {
    send: (name, input) => postCall(location.href, name, input, null),
    listen: () => undefined,
  };
}

async function postCall(pageHref: string, name: KioskCallName, input: unknown, token: string | null): Promise<unknown> {
  let response: Response;
  try {
    const request = callRequest(pageHref, name, input, token);
    response = await fetch(request.url, request.init);
  } catch (error) {
    return refusal(`${name}: the kiosk did not answer (${String(error)})`);
  }
  const text = await response.text();
  const body = parseJson(text);
  // A refusal comes as an envelope whatever the status; anything else from a failed status is
  // a proxy's or a server's fault page, not an answer of the API.
  if (!response.ok && !looksLikeEnvelope(body)) {
    return refusal(`${name}: HTTP ${response.status} ${response.statusText}`);
  }
  return body;
}

function looksLikeEnvelope(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'ok' in body;
}

/** Network faults are reported the way the API reports its own, so callers handle one shape. */
function refusal(message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'internal', message } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
