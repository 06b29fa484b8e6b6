import { type ApiError, type KioskCallName } from '../../../main/contract';
import { CALLS_WITHOUT_CREDENTIAL, type HallCredential } from './hall-credential';
import { callRequest, eventsUrl, tokenFromFragment } from './lan-token';
import { reconnectingSocket } from './reconnecting-socket';
import type { KioskTransport } from './transport';

/**
 * Reaches main through the local HTTP + WebSocket API of the page's own origin: how the browser
 * shell, desk tablets on the hall LAN and tests talk to a kiosk. Calls go as
 * `Content-Type: application/json` from the page's own origin (callRequest): the API refuses any
 * other type and any other origin (main/api/request-guard.ts), so that pages of other sites cannot call it.
 *
 * With a `credential` (the pages a hall's devices open: console, display, rating tablet, figures)
 * the page's token is the kept one, and a 401 (not enrolled, or revoked) is told to it; from then
 * on nothing is sent but what enrolling needs, and the events socket is closed for good, so a page
 * showing the enrol screen does not keep knocking. Without one, the token is the fragment's.
 */
export function httpTransport(
  /** The page's address (window.location). */
  location: { href: string; hash: string },
  onConnection?: (connected: boolean) => void,
  credential?: HallCredential,
): KioskTransport {
  const token = credential ? credential.token : tokenFromFragment(location.hash);
  const onUnauthorised = credential?.refused;
  return {
    send: (name, input) => {
      if (credential?.needsEnrolment() && !CALLS_WITHOUT_CREDENTIAL.has(name)) {
        return Promise.resolve(notEnrolled(name));
      }
      return postCall(location.href, name, input, token, onUnauthorised);
    },
    listen: (onFrame) => {
      const stop = reconnectingSocket(eventsUrl(location.href, token), (data) => onFrame(parseJson(data)), {
        onConnection,
        // A browser does not say why a socket was refused: one call tells a refused credential
        // (401) from a server that is away. It is how a display that makes no calls of its own
        // learns it was revoked (the server cuts its socket, and refuses the next one). The call
        // needs a credential (the catalog does not: phones read it); a role that may not make it
        // gets 403, which says the credential stands.
        onNeverOpened: credential && (() => void postCall(location.href, 'listHallCalls', {}, token, onUnauthorised)),
      });
      if (credential) {
        const stopOnRefusal = () => {
          if (credential.needsEnrolment()) stop();
        };
        credential.subscribe(stopOnRefusal);
        stopOnRefusal();
      }
    },
  };
}

/**
 * Calls alone, without the events socket: a visitor's phone on the hall's guest Wi-Fi holds no
 * credential, which the hall server's events need, and follows its ticket by asking now and then.
 */
export function httpCallsTransport(location: { href: string }): KioskTransport {
  return {
    send: (name, input) => postCall(location.href, name, input, null),
    listen: () => undefined,
  };
}

async function postCall(
  pageHref: string,
  name: KioskCallName,
  input: unknown,
  token: string | null,
  onUnauthorised?: () => void,
): Promise<unknown> {
  let response: Response;
  try {
    const request = callRequest(pageHref, name, input, token);
    response = await fetch(request.url, request.init);
  } catch (error) {
    return refusal(`${name}: the kiosk did not answer (${String(error)})`);
  }
  const text = await response.text();
  const body = parseJson(text);
  // Not enrolled or revoked; enrolling's own 401 (a kiosk's LAN token missing) is the enrol screen's to tell.
  if (response.status === 401 && name !== 'hallEnrol') onUnauthorised?.();
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
function refusal(message: string, code: ApiError['code'] = 'internal'): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

/** What the server would answer, said here without asking it again. */
function notEnrolled(name: KioskCallName) {
  return refusal(`${name}: this page is not enrolled with the hall server (enrol it with a code)`, 'unauthorised');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
