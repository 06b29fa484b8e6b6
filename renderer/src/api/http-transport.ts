import { apiPaths, type ApiError, type KioskCallName } from '../../../main/contract';
import { reconnectingSocket } from './reconnecting-socket';
import type { KioskTransport } from './transport';

/**
 * Reaches main through the local HTTP + WebSocket API of the page's own origin: how the browser
 * shell, desk tablets on the hall LAN and tests talk to a kiosk.
 */
export function httpTransport(location: Location): KioskTransport {
  return {
    send: (name, input) => postCall(name, input),
    listen: (onFrame) => {
      const url = new URL(apiPaths.events, location.href);
      url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
      reconnectingSocket(url.href, (data) => onFrame(parseJson(data)));
    },
  };
}

async function postCall(name: KioskCallName, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(apiPaths.call(name), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
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
