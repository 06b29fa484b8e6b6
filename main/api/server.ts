import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { apiPaths, technicianCalls } from '../contract';
import type { EventFrame, KioskCallName } from '../contract';
import { memoryLockouts, type LockoutStore } from '../core/auth/lockout-store';
import type { Caller } from '../core/caller';
import { dispatchCall, isKioskCallName } from '../core/dispatch';
import { CALLS_WITHOUT_DEVICE, deviceMayCall } from '../core/hall/device-roles';
import type { HallDeviceRegistry } from '../core/ports';
import type { KioskCore } from '../core/kiosk-core';
import { isLoopbackHost } from '../core/loopback';
import { systemClock, type Clock } from '../core/ports';
import { tokenMatches, tokenOf } from './api-token';
import { PIN_CALLS, PinThrottle } from './pin-throttle';
import {
  clientAddress,
  hostOrOriginRefusal,
  hostRule,
  isJsonContentType,
  isLoopbackAddress,
  type HostRule,
} from './request-guard';
import { readStaticFile } from './static-files';

/** The same policy the Electron shell sets: nothing but the kiosk's own files and its own API. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MAX_BODY_BYTES = 64 * 1024;
const PHONE_LINK_PATH = /^\/t\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** Technician imports carry a whole catalog or configuration (catalogs inline their logos). */
const LARGE_BODY_CALLS: ReadonlySet<string> = new Set([
  'previewCatalogImport',
  'applyCatalogImport',
  'importConfiguration',
]);
const MAX_LARGE_BODY_BYTES = 12 * 1024 * 1024;

export interface ApiServerOptions {
  service: Pick<KioskCore, 'handlers' | 'subscribe'>;
  host: string;
  port: number;
  /**
   * Required of every call and event connection when `host` is not a loopback address (the API is
   * open to the hall LAN); the server refuses to start there without one.
   */
  token?: string | null;
  /** More names or addresses clients may reach the API by (`api.allowedHosts`; see request-guard.ts). */
  allowedHosts?: readonly string[];
  /** Whether technician calls are answered over a network connection (`api.technicianFromLan`); off by default. */
  technicianFromLan?: boolean;
  /**
   * The technician PIN is still the first-run PIN, which everyone knows: the API then listens on
   * loopback only, whatever `host` says, until a PIN is set and the kiosk restarts.
   */
  firstRunPin?: boolean;
  /**
   * A hall server's enrolled devices: every call but enrolling, the setup and technician calls then
   * needs a device credential whose role allows it (main/core/hall/device-roles.ts), from any
   * address, and `token` is not used. None: the kiosk's own API.
   */
  devices?: Pick<HallDeviceRegistry, 'authenticate'>;
  /** Where the limits of wrong PINs per client address and overall are kept; in memory when none. */
  lockouts?: LockoutStore;
  clock?: Clock;
  /** HTTPS with this certificate (a hall server on the hall LAN); none serves http. */
  tls?: { key: Buffer; cert: Buffer };
  /** Built renderer folder to serve (the browser shell); omitted, only the API is served. */
  rendererDir?: string;
  onError?: (error: unknown) => void;
  /** Told of each refused request worth a technician's attention, with the client's address. */
  onRefusal?: (refusal: ApiRefusal) => void;
}

export interface ApiRefusal {
  code: 'request-refused' | 'technician-not-from-lan' | 'pin-attempts-limited';
  address: string | null;
  message: string;
}

export interface ApiServer {
  url: string;
  /** Why the API listens on loopback only though `host` names the LAN; null when it listens where asked. */
  lanRefused: string | null;
  close(): Promise<void>;
}

/** The largest WebSocket message taken from a client: the events socket only sends, so a client has nothing to say. */
export const MAX_WEBSOCKET_PAYLOAD_BYTES = 4 * 1024;

const TECHNICIAN_CALLS: ReadonlySet<string> = new Set([
  ...Object.keys(technicianCalls),
  'hallNewEnrolCode',
  'hallListDevices',
  'hallRevokeDevice',
] satisfies string[]);

/**
 * The local HTTP + WebSocket API: calls as `POST /api/call/<name>` with a JSON body, events on
 * `/api/events`, and, for the browser shell, the renderer's files. Bound to 127.0.0.1 unless
 * configured otherwise. Only requests naming the API itself are answered (request-guard.ts), so
 * no web page open in a browser on the kiosk or a tablet can make calls.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { service, rendererDir, onError = () => {}, onRefusal = () => {} } = options;
  const lanRefused =
    !isLoopbackHost(options.host) && options.firstRunPin
      ? `the API listens on 127.0.0.1 only, not on ${options.host}, while the technician PIN is the first-run PIN: set a PIN (technician mode or npm run set-pin) and restart`
      : null;
  const host = lanRefused ? '127.0.0.1' : options.host;
  const { devices } = options;
  const requiredToken = isLoopbackHost(host) || devices ? null : (options.token ?? null);
  if (!isLoopbackHost(host) && !requiredToken && !devices) {
    throw new Error(`the API is not opened on ${host} without a token (api.token)`);
  }
  const authorised = (request: IncomingMessage): boolean => {
    if (requiredToken === null) return true;
    const given = tokenOf(request);
    return given !== undefined && tokenMatches(given, requiredToken);
  };
  const clock = options.clock ?? systemClock;
  /** On a hall server: why this call is refused to the device that made it (or to no device); null when it may. */
  const deviceRefusal = (request: IncomingMessage, name: KioskCallName): { status: number; message: string } | null => {
    if (!devices || CALLS_WITHOUT_DEVICE.has(name) || TECHNICIAN_CALLS.has(name)) return null;
    const token = tokenOf(request);
    const device = token === undefined ? undefined : devices.authenticate(token, clock.now());
    if (!device) {
      return {
        status: 401,
        message:
          'this hall server answers its enrolled devices only: enrol this device with a code from the technician',
      };
    }
    if (!deviceMayCall(device.role, name)) {
      return { status: 403, message: `a ${device.role}'s credential cannot call ${name}` };
    }
    return null;
  };
  const throttle = new PinThrottle(clock, options.lockouts ?? memoryLockouts());
  // Set once the server listens: the rule needs the port it got (port 0 picks one).
  let rule: HostRule | null = null;
  const callerOf = (request: IncomingMessage): Caller => {
    const address = clientAddress(request);
    return { transport: 'http', address, loopback: isLoopbackAddress(address) };
  };
  const refuse = (
    response: ServerResponse,
    status: number,
    code: ApiRefusal['code'],
    message: string,
    address: string | null,
  ) => {
    onRefusal({ code, address, message });
    sendJson(response, status, refusal(code, message));
  };

  const serve = (request: IncomingMessage, response: ServerResponse) => {
    handleRequest(request, response).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, serve) : createServer(serve);

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const caller = callerOf(request);
    const foreign = hostOrOriginRefusal(request, rule!);
    if (foreign) return refuse(response, foreign.status, 'request-refused', foreign.message, caller.address);
    const { pathname } = new URL(request.url ?? '/', 'http://kiosk.local');
    const callPrefix = apiPaths.call('getKioskInfo').replace('getKioskInfo', '');
    if (pathname.startsWith(callPrefix))
      return handleCall(request, response, pathname.slice(callPrefix.length), caller);
    // A ticket's phone link (/t/<ref>, its QR code) opens the phone page with the ref in the fragment,
    // where the page's relative assets load and the ref is sent on to no one.
    const phoneLink = PHONE_LINK_PATH.exec(pathname);
    if (phoneLink && request.method === 'GET') {
      response.writeHead(302, {
        Location: `/phone.html#t=${phoneLink[1]!.toLowerCase()}`,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    if (rendererDir && (request.method === 'GET' || request.method === 'HEAD')) {
      const file = await readStaticFile(rendererDir, pathname);
      if (file) {
        response.writeHead(200, {
          'Content-Type': file.contentType,
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'Cache-Control': 'no-cache',
        });
        response.end(request.method === 'HEAD' ? undefined : file.body);
        return;
      }
    }
    sendJson(response, 404, refusal('unknown-call', 'not found'));
  }

  /** One call: token, method, JSON type, name, where technician calls may come from, body, PIN limits. */
  async function handleCall(request: IncomingMessage, response: ServerResponse, name: string, caller: Caller) {
    if (!authorised(request)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return sendJson(response, 401, refusal('unauthorised', 'this API needs its token (api.token)'));
    }
    // A CORS preflight gets no Access-Control-Allow-* header: the browser then sends nothing.
    if (request.method === 'OPTIONS')
      return refuse(response, 403, 'request-refused', 'cross-origin calls are refused', caller.address);
    if (request.method !== 'POST') return sendJson(response, 405, refusal('invalid-input', 'calls are POST requests'));
    if (!isJsonContentType(request.headers['content-type'])) {
      const message = 'calls are sent as Content-Type: application/json';
      return refuse(response, 415, 'request-refused', message, caller.address);
    }
    if (!isKioskCallName(name)) return sendJson(response, 404, refusal('unknown-call', `no call is named "${name}"`));
    const notThisDevice = deviceRefusal(request, name);
    if (notThisDevice) {
      if (notThisDevice.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
      return sendJson(response, notThisDevice.status, refusal('unauthorised', notThisDevice.message));
    }
    if (TECHNICIAN_CALLS.has(name) && !caller.loopback && !options.technicianFromLan) {
      const message = 'technician mode is used at the kiosk itself (api.technicianFromLan is off)';
      return refuse(response, 403, 'technician-not-from-lan', message, caller.address);
    }
    const body = await readBody(request, LARGE_BODY_CALLS.has(name) ? MAX_LARGE_BODY_BYTES : MAX_BODY_BYTES);
    if (body === undefined) {
      // The rest of the body is still arriving; the connection closes once the answer is sent.
      response.setHeader('Connection', 'close');
      return sendJson(response, 413, refusal('invalid-input', 'the request body is too large'));
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendJson(response, 400, refusal('invalid-input', 'the request body is not JSON'));
    }
    const pinCall = PIN_CALLS.has(name);
    const until = pinCall ? throttle.lockedUntil(caller) : null;
    if (until) {
      const message = `too many wrong PINs from this address or the network: PINs are checked again at ${until.toISOString()}`;
      return refuse(response, 429, 'pin-attempts-limited', message, caller.address);
    }
    const result = await dispatchCall(service.handlers, name, input, onError, caller);
    if (pinCall) throttle.record(caller, result.ok ? null : result.error.code);
    sendJson(response, result.ok ? 200 : statusOf(result.error.code), result);
  }

  const sockets = new WebSocketServer({
    server,
    path: apiPaths.events,
    maxPayload: MAX_WEBSOCKET_PAYLOAD_BYTES,
    verifyClient: (info: { req: IncomingMessage }, accept: (ok: boolean, code?: number) => void) => {
      const foreign = hostOrOriginRefusal(info.req, rule!);
      if (foreign) {
        onRefusal({ code: 'request-refused', address: clientAddress(info.req), message: `events: ${foreign.message}` });
        return accept(false, 403);
      }
      if (devices) {
        const token = tokenOf(info.req);
        const device = token === undefined ? undefined : devices.authenticate(token, clock.now());
        if (device) socketTokens.set(info.req, token!);
        return accept(device !== undefined, 401);
      }
      accept(authorised(info.req), 401);
    },
  });
  // A hall server's event connections, by the credential they opened with: a device revoked since
  // is cut at the next event rather than left listening.
  const socketTokens = new WeakMap<IncomingMessage, string>();
  const tokenOfSocket = new WeakMap<object, string>();
  sockets.on('connection', (socket, request) => {
    const token = socketTokens.get(request);
    if (token !== undefined) tokenOfSocket.set(socket, token);
  });
  // A client's message is never read; one over maxPayload closes its socket (ws answers 1009).
  sockets.on('connection', (socket) => socket.on('error', () => socket.terminate()));
  const unsubscribe = service.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload } as EventFrame);
    for (const socket of sockets.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      const token = tokenOfSocket.get(socket);
      if (devices && (token === undefined || !devices.authenticate(token, clock.now()))) {
        socket.terminate();
        continue;
      }
      socket.send(frame);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  rule = hostRule({ boundHost: host, port, allowedHosts: options.allowedHosts ?? [] });
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    lanRefused,
    close: async () => {
      unsubscribe();
      for (const socket of sockets.clients) socket.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const refusal = (code: string, message: string) => ({ ok: false, error: { code, message } });

function statusOf(code: string): number {
  if (code === 'internal') return 500;
  // The kiosk is fine but cannot write (disk full, read-only data folder): a retry may succeed later.
  if (code === 'storage-unavailable') return 503;
  if (code === 'print-in-progress') return 409;
  if (code === 'technician-locked' || code === 'desk-locked') return 429;
  if (code === 'ticket-not-found' || code === 'unknown-service') return 404;
  // A hall call to a device that is not the hall's server: the kiosk asking treats it as no server.
  if (code === 'not-a-hall-server') return 403;
  if (code === 'already-rated' || code === 'visit-not-ended') return 409;
  return 400;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Past its limit, a body is read and dropped up to this much more before the socket is cut. */
const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/**
 * The body as text, or undefined when it passes the size limit. Past the limit the rest is read
 * and dropped (up to MAX_DRAINED_BYTES more), and only then is the caller told: a 413 sent while
 * the client is still sending would be lost to a reset when the connection closes.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
      if (size > limit + MAX_DRAINED_BYTES) {
        resolve(undefined);
        request.destroy();
      }
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
