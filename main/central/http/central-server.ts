import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import {
  EnrolRequest,
  SyncBatch,
  syncPaths,
  type EnrolResponse,
  type SyncAck,
  type SyncErrorCode,
} from '../../contract/sync';
import { sequenceProblems } from '../ingest';
import type { CentralStore } from '../ports';
import { enrolCodeHash, newToken, sha256 } from './credentials';

/*
 * The central server's HTTPS API for devices (main/contract/sync.ts): enrolment with a one-time
 * code, batches of facts, and the catalog released to the device's centre. Plain node:https; the
 * store decides, this translates to HTTP and back.
 */

const gunzipAsync = promisify(gunzip);
/** A batch of 1,000 records is well under 1 MB; a body larger than this is not a batch. */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

export interface CentralServerOptions {
  store: CentralStore;
  tls: { key: string | Buffer; cert: string | Buffer };
  host?: string;
  port?: number;
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', event: string, detail: Record<string, unknown>) => void;
}

export interface RunningCentral {
  url: string;
  port: number;
  close(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function startCentralServer(options: CentralServerOptions): Promise<RunningCentral> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/health') {
      await store.ping().then(
        () => send(res, 200, { ok: true }),
        () => send(res, 503, { ok: false }),
      );
      return;
    }
    if (req.method === 'POST' && path === syncPaths.enrol) return enrol(req, res);
    if (req.method === 'POST' && path === syncPaths.batch) return batch(req, res);
    if (req.method === 'GET' && path === syncPaths.catalog) return catalog(req, res);
    if (req.method === 'GET' && path === syncPaths.settings) return settings(req, res);
    send(res, 404, { error: 'bad-batch', message: `no ${req.method} ${path} here` });
  };

  const enrol = async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = EnrolRequest.safeParse(await readJson(req));
    if (!parsed.success) throw badRequest(parsed.error.issues);
    const token = newToken();
    const outcome = await store.enrol({
      codeHash: enrolCodeHash(parsed.data.code),
      deviceId: parsed.data.deviceId,
      appVersion: parsed.data.appVersion,
      tokenHash: sha256(token),
      at: now(),
    });
    if (!outcome.ok && outcome.reason === 'code-invalid') {
      throw new Refusal(403, 'enrol-code-invalid', 'this enrolment code is unknown, used or expired');
    }
    if (!outcome.ok) {
      throw new Refusal(
        409,
        'device-id-taken',
        `a device ${parsed.data.deviceId} is enrolled already: choose another id (each database is its own device)`,
      );
    }
    log('info', 'device-enrolled', { deviceId: parsed.data.deviceId, centreId: outcome.centreId, role: outcome.role });
    const answer: EnrolResponse = {
      deviceId: parsed.data.deviceId,
      centreId: outcome.centreId,
      role: outcome.role,
      token,
    };
    send(res, 200, answer);
  };

  /** The device whose credential the request carries, refused as the contract says when none. */
  const caller = async (req: IncomingMessage) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const device = token ? await store.deviceOfToken(sha256(token)) : null;
    if (!device) throw new Refusal(401, 'unknown-credential', 'no device holds this credential');
    if (device.revoked) throw new Refusal(403, 'device-revoked', `device ${device.deviceId} was revoked`);
    return device;
  };

  const batch = async (req: IncomingMessage, res: ServerResponse) => {
    const device = await caller(req);
    const parsed = SyncBatch.safeParse(await readJson(req));
    if (!parsed.success) throw badRequest(parsed.error.issues);
    const problems = sequenceProblems(parsed.data.records);
    if (problems.length > 0) throw new Refusal(400, 'bad-batch', 'the records are not in sequence', { problems });
    if (parsed.data.deviceId !== device.deviceId) {
      throw new Refusal(403, 'credential-of-another-device', `this credential is ${device.deviceId}'s`);
    }
    const outcome = await store.ingest(parsed.data, now());
    switch (outcome.kind) {
      case 'acknowledged': {
        const ack: SyncAck = { acknowledgedSeq: outcome.acknowledgedSeq };
        send(res, 200, ack);
        return;
      }
      case 'gap':
        throw new Refusal(409, 'sync-gap', `send the records after ${outcome.acknowledgedSeq} first`, {
          acknowledgedSeq: outcome.acknowledgedSeq,
        });
      case 'conflict':
        log('warn', 'sync-record-conflict', { deviceId: device.deviceId, conflictSeq: outcome.conflictSeq });
        throw new Refusal(409, 'record-conflict', `record ${outcome.conflictSeq} differs from the one held`, {
          conflictSeq: outcome.conflictSeq,
        });
      case 'revoked':
        throw new Refusal(403, 'device-revoked', `device ${device.deviceId} was revoked`);
    }
  };

  /** A release for the device's centre (catalog or settings), with its ETag; 304 when the device has it. */
  const release =
    (find: (centreId: string) => Promise<{ version: string } | null>, none: { code: SyncErrorCode; what: string }) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      const device = await caller(req);
      const found = await find(device.centreId);
      if (!found) throw new Refusal(404, none.code, `no ${none.what} for centre ${device.centreId}`);
      const etag = `"${found.version}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      send(res, 200, found, { etag });
    };
  const catalog = release((centreId) => store.catalogFor(centreId), {
    code: 'no-catalog',
    what: 'catalog is released',
  });
  const settings = release((centreId) => store.settingsFor(centreId), {
    code: 'no-settings',
    what: 'settings are held',
  });

  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Refusal) {
        send(res, error.status, { error: error.code, message: error.message, ...error.extra });
        return;
      }
      // The database is down or restarting: the device backs off and sends the batch again.
      log('error', 'storage-unavailable', { error: String(error) });
      send(res, 503, {
        error: 'storage-unavailable',
        message: 'the central database does not answer; try again later',
      });
    });
  });
  // Longer than a device's kept connection (60 s), so the device, not the server, closes it.
  server.keepAliveTimeout = 65_000;
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function badRequest(issues: Array<{ path: PropertyKey[]; message: string }>): Refusal {
  return new Refusal(400, 'bad-batch', 'the request does not follow the contract', {
    problems: issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`),
  });
}

/** The body as JSON, gunzipped when the device compressed it; refused past MAX_BATCH_BYTES. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BATCH_BYTES) throw new Refusal(413, 'too-large', `the body is larger than ${MAX_BATCH_BYTES} bytes`);
    chunks.push(chunk);
  }
  let body = Buffer.concat(chunks);
  if (req.headers['content-encoding'] === 'gzip') {
    try {
      body = await gunzipAsync(body, { maxOutputLength: MAX_BATCH_BYTES });
    } catch {
      throw new Refusal(413, 'too-large', `the body is not gzip, or larger than ${MAX_BATCH_BYTES} bytes unpacked`);
    }
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new Refusal(400, 'bad-batch', 'the body is not JSON', { problems: ['(body): not JSON'] });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
