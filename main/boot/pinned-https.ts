import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { NetConnectOpts } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/*
 * HTTPS to the central server, trusting exactly one certificate: the one whose SHA-256 fingerprint
 * the device pinned at enrolment. The central server's certificate is self-signed, so Node's own
 * verification fails (DEPTH_ZERO_SELF_SIGNED_CERT) and, with that failure, never calls
 * `checkServerIdentity`. So the TLS connection is made first, without the CA check, and its peer
 * certificate compared with the pin; only a matching connection is handed to the HTTP request.
 * Nothing of the request (its headers with the bearer token, its body) is written before that.
 * A sync worker keeps its checked connection open between batches (PinnedAgent): on a link with
 * 200 ms of latency, a new TCP and TLS handshake per batch would cost more than the batch itself.
 */

/** A SHA-256 fingerprint as 64 lower-case hex digits; accepts `AB:CD:…` (openssl, Node) and bare hex. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.trim().replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Why a request to the central server did not get an answer. */
export type TransportFailureKind = 'certificate-refused' | 'timeout' | 'aborted' | 'network';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface PinnedRequest {
  /** The central server's base URL, `https://host:port` (a path prefix is kept). */
  url: string;
  path: string;
  /** 64 hex digits (normaliseFingerprint). */
  fingerprint: string;
  /** POST (the default) sends `body` as JSON; GET sends none. */
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Extra request headers (If-None-Match for the catalog). */
  headers?: Record<string, string>;
  /** Answers larger than this fail (1 MB: the sync API's answers are a few hundred bytes; a catalog is more). */
  maxResponseBytes?: number;
  /** Sent as `Authorization: Bearer …`; enrolment has none. */
  token?: string;
  /** The whole exchange (connect, handshake, request, answer) ends in a TransportError after this. */
  timeoutMs: number;
  /** Aborting it ends the exchange at once (the worker's stop()). */
  signal?: AbortSignal;
  /** Send the body gzip-compressed: a batch of facts shrinks about tenfold on a bus's mobile link. */
  gzip?: boolean;
  /** Keeps the checked connection for the next request; without one, each request has its own. */
  agent?: PinnedAgent;
}

export interface PinnedResponse {
  status: number;
  /** The parsed JSON body, or null when there was none or it was not JSON. */
  body: unknown;
  /** The answer's ETag header, if any. */
  etag: string | null;
}

/**
 * Opens a TLS connection to host:port and hands it to `oncreate` only if the peer's certificate is
 * the pinned one; otherwise (or on a network error) `oncreate` gets a TransportError and the
 * socket is destroyed before anything was written.
 */
function connectPinned(
  target: { host: string; port: number; fingerprint: string },
  oncreate: (error: Error | null, socket: TLSSocket) => void,
): TLSSocket {
  const { host, port } = target;
  const where = `${host}:${port}`;
  const socket = connect({
    host,
    port,
    ...(isIP(host) === 0 && { servername: host }),
    // The pin below is the check: the certificate is self-signed, so no CA can vouch for it.
    rejectUnauthorized: false,
  });
  const onError = (error: Error) => {
    socket.destroy();
    oncreate(new TransportError('network', networkMessage(where, error)), socket);
  };
  socket.once('error', onError);
  socket.once('secureConnect', () => {
    socket.off('error', onError);
    const seen = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
    if (seen !== target.fingerprint) {
      socket.destroy();
      oncreate(
        new TransportError(
          'certificate-refused',
          `the server at ${where} shows a certificate with SHA-256 fingerprint ${seen ?? 'none'}, ` +
            `not the pinned ${target.fingerprint}: nothing was sent`,
        ),
        socket,
      );
      return;
    }
    oncreate(null, socket);
  });
  return socket;
}

/**
 * One kept-alive connection to the central server, pin-checked when it is made: a worker's batches
 * follow each other on it. A cut connection is simply made again (and checked again) by the next request.
 */
export class PinnedAgent extends Agent {
  /** `connections`: kept at once (a kiosk of a hall asks for a ticket while it hands others over). */
  constructor(
    private readonly fingerprint: string,
    connections = 1,
  ) {
    super({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections, timeout: 60_000 });
  }

  override createConnection(options: NetConnectOpts, oncreate?: (error: Error | null, socket: Duplex) => void): Duplex {
    const { host, port } = options as { host?: string; port?: number };
    connectPinned({ host: host ?? 'localhost', port: port ?? 443, fingerprint: this.fingerprint }, (error, socket) =>
      oncreate?.(error, socket),
    );
    // Node's agent waits for `oncreate` when nothing is returned: the socket is handed over only once checked.
    return undefined as unknown as Duplex;
  }
}

/** The sync API's answers are a few hundred bytes: anything near this is not the central speaking. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

const gzipAsync = promisify(gzip);

/** POSTs JSON to the pinned server. Rejects only with a TransportError; any HTTP status resolves. */
export async function postPinnedJson(options: PinnedRequest): Promise<PinnedResponse> {
  if (options.method === 'GET') return exchange(options, null);
  const json = Buffer.from(JSON.stringify(options.body));
  // Compressed off the event loop (zlib's thread pool): the kiosk's taps and prints go on meanwhile.
  const payload = options.gzip ? await gzipAsync(json) : json;
  return exchange(options, payload);
}

function exchange(options: PinnedRequest, payload: Buffer | null): Promise<PinnedResponse> {
  return new Promise<PinnedResponse>((resolve, reject) => {
    const base = new URL(options.url);
    if (base.protocol !== 'https:') {
      reject(new TransportError('network', `${options.url} is not an https:// address`));
      return;
    }
    const host = base.hostname.replace(/^\[|\]$/g, '');
    const port = Number(base.port || 443);
    let tlsSocket: TLSSocket | undefined;
    let settled = false;

    const fail = (error: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      req.destroy(error);
      tlsSocket?.destroy();
      reject(error);
    };
    const onAbort = () => fail(new TransportError('aborted', 'the request was aborted (the sync worker stopped)'));
    const timer = setTimeout(
      () => fail(new TransportError('timeout', `no answer from ${base.host} within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );

    const req = request(
      {
        host,
        port,
        method: payload ? 'POST' : 'GET',
        path: `${base.pathname.replace(/\/$/, '')}${options.path}`,
        headers: {
          ...options.headers,
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
          ...(payload && options.gzip && { 'content-encoding': 'gzip' }),
          ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
        },
        ...(options.agent
          ? { agent: options.agent }
          : {
              // Without an agent, one connection per request, checked before it is handed over.
              createConnection: (_options: unknown, oncreate: (error: Error | null, socket: TLSSocket) => void) => {
                tlsSocket = connectPinned({ host, port, fingerprint: options.fingerprint }, (error, socket) => {
                  if (error)
                    fail(error instanceof TransportError ? error : new TransportError('network', error.message));
                  else oncreate(null, socket);
                });
                return undefined;
              },
            }),
      },
      (res) => {
        readBody(res, options.maxResponseBytes ?? MAX_RESPONSE_BYTES)
          .then((body) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            resolve({ status: res.statusCode ?? 0, body, etag: res.headers.etag ?? null });
          })
          .catch((error: unknown) => fail(new TransportError('network', networkMessage(base.host, error as Error))));
      },
    );
    req.on('error', (error) =>
      fail(error instanceof TransportError ? error : new TransportError('network', networkMessage(base.host, error))),
    );
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.end(payload ?? undefined);
  });
}

function networkMessage(host: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `${host}: ${code ? `${code} ` : ''}${error.message}`;
}

function readBody(res: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(new Error(`the answer is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.on('error', reject);
    // A connection cut while the answer arrives ends the response as aborted, not with 'error'.
    res.on('close', () => {
      if (!res.complete) reject(new Error('the connection closed before the whole answer arrived'));
    });
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? null : (JSON.parse(text) as unknown));
      } catch {
        resolve(null);
      }
    });
  });
}
