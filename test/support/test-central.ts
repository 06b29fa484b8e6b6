import { X509Certificate, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import {
  EnrolRequest,
  SyncBatch,
  syncPaths,
  type EnrolResponse,
  type SyncErrorCode,
  type SyncRecord,
} from '../../main/contract/sync';

/*
 * A test central server: real HTTPS (the test-only self-signed pair in test/fixtures/tls/) serving
 * the sync contract's two endpoints, minimally, with its records in memory. It is the device's
 * counterpart in the sync worker's and enrol CLI's tests; the real central server, on PostgreSQL,
 * is tested in its own files. Like the contract asks, it stores each (device, seq) once, ignores
 * repeats, refuses a batch that starts past what it holds (sync-gap), and acknowledges the highest
 * sequence it holds.
 */

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);
export const TEST_TLS = {
  key: readFileSync(new URL('test-only-central.key.pem', TLS_DIR)),
  cert: readFileSync(new URL('test-only-central.cert.pem', TLS_DIR)),
};
/** The pair's SHA-256 fingerprint as openssl and Node print it (`AB:CD:…`): what a device pins. */
export const TEST_FINGERPRINT = new X509Certificate(TEST_TLS.cert).fingerprint256;

interface Device {
  centreId: string;
  role: EnrolResponse['role'];
  token: string;
  revoked: boolean;
  /** seq → record, 1…held without a hole. */
  records: Map<number, SyncRecord>;
}

export interface BatchSeen {
  deviceId: string;
  first: number;
  last: number;
  backlog: number;
  sentAt: string;
  appVersion: string | null;
  catalogVersion: string | null;
  settingsVersion: string | null;
  status: number;
}

export class TestCentral {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  readonly devices = new Map<string, Device>();
  /** One-time enrolment codes: code → the centre and role a device enrolled with it gets. */
  readonly codes = new Map<string, { centreId: string; role: EnrolResponse['role'] }>();
  /** Every batch request that got an answer, in order. */
  readonly batches: BatchSeen[] = [];
  /** The catalog released to each centre: what GET /sync/v1/catalog answers its devices. */
  readonly releases = new Map<string, { version: string; catalog: unknown }>();
  /** The settings released to each centre (GET /sync/v1/settings). */
  readonly settingsReleases = new Map<string, { version: string; settings: Record<string, unknown> }>();
  /** Every catalog request's answer status, in order. */
  readonly catalogAnswers: number[] = [];
  /** Every HTTP request that reached the server (answered or not), for "nothing was sent" checks. */
  requests = 0;
  /** Every record received, repeats included: deliveries ≥ stored, by at-least-once delivery. */
  recordsReceived = 0;
  enrolRequests: EnrolRequest[] = [];
  /** Statuses to answer the next batch requests with instead of handling them (503, 500, …). */
  readonly failNext: number[] = [];
  /** Requests that came gzip-compressed (Content-Encoding: gzip). */
  gzippedRequests = 0;
  /** Requests whose body never arrived whole (the connection was cut mid-request). */
  requestsCutShort = 0;
  /** Called when a batch request's headers arrive, before its body: lets a test act mid-request. */
  onBatchRequest: (() => void) | null = null;
  /** Called once a batch is stored, before the answer goes: lets a test lose the answer. */
  onBatchStored: (() => void) | null = null;

  async start(): Promise<string> {
    const server = createServer(TEST_TLS, (req, res) => this.handle(req, res));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // A TLS handshake cut by a test's proxy is not an error of the server.
    server.on('tlsClientError', () => {});
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${this.port}`;
  }

  get port(): number {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('the test central is not listening');
    return address.port;
  }

  /** Registers a device as enrolled, with a fresh token. */
  addDevice(deviceId: string, centreId = 'baku-1', role: EnrolResponse['role'] = 'bus'): string {
    const token = randomBytes(24).toString('hex');
    this.devices.set(deviceId, { centreId, role, token, revoked: false, records: new Map() });
    return token;
  }

  device(deviceId: string): Device {
    const device = this.devices.get(deviceId);
    if (!device) throw new Error(`no device ${deviceId}`);
    return device;
  }

  /** The highest sequence held without a hole (what is acknowledged). */
  held(deviceId: string): number {
    return heldFrom(this.device(deviceId).records);
  }

  /** As if restored from an old backup: forgets the device's records after `seq`. */
  loseRecordsAfter(deviceId: string, seq: number): void {
    const { records } = this.device(deviceId);
    for (const key of [...records.keys()]) if (key > seq) records.delete(key);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests += 1;
    if (req.method === 'POST' && req.url === syncPaths.batch) this.onBatchRequest?.();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => {});
    req.on('close', () => {
      if (!req.complete) this.requestsCutShort += 1;
    });
    req.on('end', () => {
      let body: unknown;
      try {
        const raw = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') this.gzippedRequests += 1;
        const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        body = JSON.parse(text.toString('utf8'));
      } catch {
        body = undefined;
      }
      if (req.method === 'POST' && req.url === syncPaths.batch) this.batch(req, body, res);
      else if (req.method === 'GET' && req.url === syncPaths.catalog) this.catalog(req, res);
      else if (req.method === 'GET' && req.url === syncPaths.settings) this.settings(req, res);
      else if (req.method === 'POST' && req.url === syncPaths.enrol) this.enrol(body, res);
      else send(res, 404, { error: 'bad-batch', message: `no ${req.method} ${req.url}` });
    });
  }

  /** The device a request's bearer credential names, or the refusal already sent. */
  private caller(req: IncomingMessage, res: ServerResponse): [string, Device] | null {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const owner = [...this.devices.entries()].find(([, device]) => device.token === token);
    if (!owner) {
      refuse(res, 401, 'unknown-credential', 'no device holds this credential');
      return null;
    }
    if (owner[1].revoked) {
      refuse(res, 403, 'device-revoked', `device ${owner[0]} was revoked`);
      return null;
    }
    return owner;
  }

  private catalog(req: IncomingMessage, res: ServerResponse): void {
    const owner = this.caller(req, res);
    if (!owner) return;
    this.catalogAnswers.push(this.release(req, res, this.releases.get(owner[1].centreId), 'no-catalog'));
  }

  private settings(req: IncomingMessage, res: ServerResponse): void {
    const owner = this.caller(req, res);
    if (!owner) return;
    this.release(req, res, this.settingsReleases.get(owner[1].centreId), 'no-settings');
  }

  /** Answers with a release and its ETag, 304 when the device has it, 404 when there is none; returns the status. */
  private release(
    req: IncomingMessage,
    res: ServerResponse,
    release: { version: string } | undefined,
    none: SyncErrorCode,
  ): number {
    if (!release) {
      refuse(res, 404, none, 'nothing is released to this centre');
      return 404;
    }
    const etag = `"${release.version}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return 304;
    }
    const text = JSON.stringify(release);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), etag });
    res.end(text);
    return 200;
  }

  private batch(req: IncomingMessage, body: unknown, res: ServerResponse): void {
    const failure = this.failNext.shift();
    if (failure !== undefined) {
      send(res, failure, { error: 'storage-unavailable', message: 'the test central was told to fail' });
      return;
    }
    const owner = this.caller(req, res);
    if (!owner) return;
    const [deviceId, device] = owner;
    const parsed = SyncBatch.safeParse(body);
    if (!parsed.success) {
      send(res, 400, {
        error: 'bad-batch',
        message: 'the batch does not follow the contract',
        problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      });
      return;
    }
    const batch = parsed.data;
    if (batch.deviceId !== deviceId) {
      return refuse(res, 403, 'credential-of-another-device', `this credential is ${deviceId}'s`);
    }
    const first = batch.records[0]!.seq;
    const last = batch.records[batch.records.length - 1]!.seq;
    const seen = {
      deviceId,
      first,
      last,
      backlog: batch.backlog,
      sentAt: batch.sentAt,
      appVersion: batch.appVersion ?? null,
      catalogVersion: batch.catalogVersion ?? null,
      settingsVersion: batch.settingsVersion ?? null,
    };
    const held = heldFrom(device.records);
    if (first > held + 1) {
      this.batches.push({ ...seen, status: 409 });
      send(res, 409, { error: 'sync-gap', message: `records after ${held} first`, acknowledgedSeq: held });
      return;
    }
    this.recordsReceived += batch.records.length;
    // Idempotent by (device, seq): a repeat is ignored, but only if it says what is held.
    const conflict = batch.records.find((record) => {
      const heldRecord = device.records.get(record.seq);
      return heldRecord !== undefined && !isDeepStrictEqual(heldRecord, record);
    });
    if (conflict) {
      this.batches.push({ ...seen, status: 409 });
      send(res, 409, {
        error: 'record-conflict',
        message: `record ${conflict.seq} differs from the one held`,
        conflictSeq: conflict.seq,
      });
      return;
    }
    for (const record of batch.records) if (!device.records.has(record.seq)) device.records.set(record.seq, record);
    this.batches.push({ ...seen, status: 200 });
    this.onBatchStored?.();
    send(res, 200, { acknowledgedSeq: heldFrom(device.records) });
  }

  private enrol(body: unknown, res: ServerResponse): void {
    const parsed = EnrolRequest.safeParse(body);
    if (!parsed.success) return refuse(res, 400, 'bad-batch', 'not an enrolment request');
    this.enrolRequests.push(parsed.data);
    const grant = this.codes.get(parsed.data.code);
    if (!grant) return refuse(res, 403, 'enrol-code-invalid', 'this enrolment code is unknown, used or expired');
    this.codes.delete(parsed.data.code);
    const token = this.addDevice(parsed.data.deviceId, grant.centreId, grant.role);
    const answer: EnrolResponse = { deviceId: parsed.data.deviceId, centreId: grant.centreId, role: grant.role, token };
    send(res, 200, answer);
  }
}

function heldFrom(records: Map<number, SyncRecord>): number {
  let seq = 0;
  while (records.has(seq + 1)) seq += 1;
  return seq;
}

function refuse(res: ServerResponse, status: number, error: SyncErrorCode, message: string): void {
  send(res, status, { error, message });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
