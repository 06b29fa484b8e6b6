import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { apiPaths } from '../contract';
import type { EventFrame } from '../contract';
import { dispatchCall, isKioskCallName } from '../core/dispatch';
import type { KioskCore } from '../core/kiosk-core';
import { isLoopbackHost } from '../core/loopback';
import { tokenMatches, tokenOf } from './api-token';
import { readStaticFile } from './static-files';

/** The same policy the Electron shell sets: nothing but the kiosk's own files and its own API. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MAX_BODY_BYTES = 64 * 1024;
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
  /** Built renderer folder to serve (the browser shell); omitted, only the API is served. */
  rendererDir?: string;
  onError?: (error: unknown) => void;
}

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The local HTTP + WebSocket API: calls as `POST /api/call/<name>`, events on `/api/events`, and,
 * for the browser shell, the renderer's files. Bound to 127.0.0.1 unless configured otherwise.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { service, rendererDir, onError = () => {} } = options;
  const requiredToken = isLoopbackHost(options.host) ? null : (options.token ?? null);
  if (!isLoopbackHost(options.host) && !requiredToken) {
    throw new Error(`the API is not opened on ${options.host} without a token (api.token)`);
  }
  const authorised = (request: IncomingMessage): boolean => {
    if (requiredToken === null) return true;
    const given = tokenOf(request);
    return given !== undefined && tokenMatches(given, requiredToken);
  };

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://kiosk.local');
    const callPrefix = apiPaths.call('getKioskInfo').replace('getKioskInfo', '');
    if (pathname.startsWith(callPrefix)) {
      const name = pathname.slice(callPrefix.length);
      if (!authorised(request)) {
        response.setHeader('WWW-Authenticate', 'Bearer');
        return sendJson(response, 401, refusal('unauthorised', 'this API needs its token (api.token)'));
      }
      if (request.method !== 'POST')
        return sendJson(response, 405, refusal('invalid-input', 'calls are POST requests'));
      if (!isKioskCallName(name)) return sendJson(response, 404, refusal('unknown-call', `no call is named "${name}"`));
      const body = await readBody(request, LARGE_BODY_CALLS.has(name) ? MAX_LARGE_BODY_BYTES : MAX_BODY_BYTES);
      if (body === undefined) return sendJson(response, 413, refusal('invalid-input', 'the request body is too large'));
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return sendJson(response, 400, refusal('invalid-input', 'the request body is not JSON'));
      }
      const result = await dispatchCall(service.handlers, name, input, onError);
      return sendJson(response, result.ok ? 200 : statusOf(result.error.code), result);
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

  const sockets = new WebSocketServer({
    server,
    path: apiPaths.events,
    verifyClient: (info: { req: IncomingMessage }, accept: (ok: boolean, code?: number) => void) =>
      accept(authorised(info.req), 401),
  });
  const unsubscribe = service.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload } as EventFrame);
    for (const socket of sockets.clients) if (socket.readyState === socket.OPEN) socket.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
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
  if (code === 'ticket-not-found' || code === 'unknown-service') return 404;
  if (code === 'already-rated' || code === 'visit-not-ended') return 409;
  return 400;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** The body as text, or undefined once it passes the size limit. */
async function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
