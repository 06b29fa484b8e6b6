import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_WEBSOCKET_PAYLOAD_BYTES, startApiServer } from '../../main/api/server';
import type { ApiRefusal, ApiServer } from '../../main/api/server';
import { apiPaths } from '../../main/contract';
import { hashPin } from '../../main/core/auth/pin';
import { ManualClock, makeKiosk, tempDir } from '../support/kiosk-fixture';

const PIN = '482916';
const PIN_HASH = hashPin(PIN);
const TOKEN = 'hall-lan-token-0123456789';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { ok?: boolean; error?: { code: string; message: string } } | null;
}

/** A raw HTTP request, so Host and every other header are exactly what a test says (fetch sets its own Host). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Answer['body'];
        try {
          body = JSON.parse(text) as Answer['body'];
        } catch {
          body = null;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The first IPv4 address of this machine that is not loopback: how a desk tablet on the LAN reaches the kiosk. */
function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

const TICKET = JSON.stringify({ serviceId: 'passport', language: 'az' });

describe('the local API answers only requests that name it (real HTTP on 127.0.0.1)', () => {
  let dir: ReturnType<typeof tempDir>;
  let kiosk: ReturnType<typeof makeKiosk>;
  let server: ApiServer;
  let refusals: ApiRefusal[];
  let dbFile: string;
  let issueUrl: string;
  let host: string;

  beforeEach(async () => {
    dir = tempDir();
    dbFile = join(dir.path, 'kiosk.sqlite');
    kiosk = makeKiosk({ dbFile, clock: new ManualClock(new Date('2026-11-22T09:00:00Z')) });
    refusals = [];
    server = await startApiServer({
      service: kiosk.core,
      host: '127.0.0.1',
      port: 0,
      onRefusal: (refusal) => refusals.push(refusal),
    });
    issueUrl = server.url + apiPaths.call('issueTicket');
    host = new URL(server.url).host;
  });
  afterEach(async () => {
    await server.close();
    kiosk.store.close();
    dir.remove();
  });

  /** Tickets in the SQLite file, read on a connection of its own. */
  const ticketsStored = () => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS count FROM tickets').get() as { count: number }).count;
    } finally {
      db.close();
    }
  };

  it('issues a ticket for a JSON call naming its own host, with or without its own Origin', async () => {
    const json = { 'Content-Type': 'application/json', Host: host };
    expect(await send(issueUrl, { headers: json, body: TICKET })).toMatchObject({ status: 200, body: { ok: true } });
    const withOrigin = { ...json, Origin: server.url, 'Content-Type': 'application/json; charset=utf-8' };
    expect(await send(issueUrl, { headers: withOrigin, body: TICKET })).toMatchObject({ status: 200 });
    const byName = { ...json, Host: host.replace('127.0.0.1', 'localhost') };
    expect(await send(issueUrl, { headers: byName, body: TICKET })).toMatchObject({ status: 200 });
    expect(ticketsStored()).toBe(3);
  });

  it('refuses a foreign Host (DNS rebinding), a Host with another port, and none, issuing nothing', async () => {
    const port = new URL(server.url).port;
    for (const foreign of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1:${Number(port) + 1}`,
      `127.0.0.2:${port}`,
    ]) {
      const answer = await send(issueUrl, {
        headers: { 'Content-Type': 'application/json', Host: foreign },
        body: TICKET,
      });
      expect(answer.status, foreign).toBe(421);
      expect(answer.body, foreign).toMatchObject({ ok: false, error: { code: 'request-refused' } });
    }
    // A foreign Host gets no page of the browser shell either.
    expect((await send(server.url + '/', { method: 'GET', headers: { Host: `evil.example:${port}` } })).status).toBe(
      421,
    );
    expect(ticketsStored()).toBe(0);
    expect(refusals[0]).toMatchObject({ code: 'request-refused', address: '127.0.0.1' });
  });

  it('refuses a foreign Origin, and Origin null, issuing nothing', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null', 'file://', 'app://kiosk']) {
      const headers = { 'Content-Type': 'application/json', Host: host, Origin: origin };
      const answer = await send(issueUrl, { headers, body: TICKET });
      expect(answer.status, origin).toBe(403);
      expect(answer.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
    expect(ticketsStored()).toBe(0);
  });

  it('answers a CORS preflight without permission', async () => {
    const answer = await send(issueUrl, {
      method: 'OPTIONS',
      headers: {
        Host: host,
        Origin: 'http://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(answer.status).toBe(403);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses text/plain, form bodies and no Content-Type with 415, and broken JSON with 400, issuing nothing', async () => {
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const answer = await send(issueUrl, { headers: { 'Content-Type': type, Host: host }, body: TICKET });
      expect(answer.status, type).toBe(415);
      expect(answer.body?.error?.message, type).toBe('calls are sent as Content-Type: application/json');
    }
    expect((await send(issueUrl, { headers: { Host: host }, body: TICKET })).status).toBe(415);
    const form = await send(issueUrl, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Host: host },
      body: 'serviceId=passport&language=az',
    });
    expect(form.status).toBe(415);
    for (const broken of ['{"serviceId": "passport",', 'serviceId=passport', '\u0000']) {
      const answer = await send(issueUrl, {
        headers: { 'Content-Type': 'application/json', Host: host },
        body: broken,
      });
      expect(answer, broken).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid-input' } } });
    }
    expect(ticketsStored()).toBe(0);
  });

  it('refuses a WebSocket from a foreign Origin and takes one from its own', async () => {
    const events = server.url.replace('http', 'ws') + apiPaths.events;
    const refused = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(events, { origin: 'http://evil.example' });
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('a foreign origin opened the events socket')));
    });
    expect(refused).toBe(403);
    const own = new WebSocket(events, { origin: server.url });
    await new Promise((resolve, reject) => own.once('open', resolve).once('error', reject));
    own.close();
  });

  it('closes a WebSocket that sends a frame over maxPayload (1009), and keeps the others', async () => {
    const events = server.url.replace('http', 'ws') + apiPaths.events;
    const open = async () => {
      const socket = new WebSocket(events);
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      return socket;
    };
    const sender = await open();
    const bystander = await open();
    const closed = new Promise<number>((resolve) => sender.once('close', (code) => resolve(code)));
    sender.send(Buffer.alloc(MAX_WEBSOCKET_PAYLOAD_BYTES + 1, 0x41));
    expect(await closed).toBe(1009);
    const frame = new Promise<string>((resolve) => bystander.once('message', (data) => resolve(String(data))));
    expect(
      (await send(issueUrl, { headers: { 'Content-Type': 'application/json', Host: host }, body: TICKET })).status,
    ).toBe(200);
    expect(JSON.parse(await frame)).toMatchObject({ event: 'ticketIssued' });
    bystander.close();
  });

  it('limits wrong PINs per client address across gates: after 10, PIN calls wait, even with the right PIN', async () => {
    await server.close();
    kiosk.store.close();
    kiosk = makeKiosk({
      dbFile,
      clock: new ManualClock(new Date('2026-11-22T09:00:00Z')),
      config: {
        technician: { pinHash: PIN_HASH },
        desks: ['1', '2', '3'].map((id) => ({ id, serviceIds: ['*'], pinHash: PIN_HASH })),
      },
    });
    server = await startApiServer({
      service: kiosk.core,
      host: '127.0.0.1',
      port: 0,
      onRefusal: (r) => refusals.push(r),
    });
    const call = (name: string, input: object) =>
      send(server.url + apiPaths.call(name as 'deskSignIn'), {
        headers: { 'Content-Type': 'application/json', Host: new URL(server.url).host },
        body: JSON.stringify(input),
      });
    // Four wrong PINs at each of desks 1 and 2 (under each desk's own lockout), two at technician mode.
    for (const deskId of ['1', '2']) {
      for (let i = 0; i < 4; i++)
        expect((await call('deskSignIn', { deskId, pin: '000001' })).body?.error?.code).toBe('wrong-pin');
    }
    for (let i = 0; i < 2; i++)
      expect((await call('technicianUnlock', { pin: '000001' })).body?.error?.code).toBe('wrong-pin');
    const limited = await call('deskSignIn', { deskId: '3', pin: PIN });
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: { code: 'pin-attempts-limited' } } });
    expect(refusals.at(-1)).toMatchObject({ code: 'pin-attempts-limited', address: '127.0.0.1' });
    // Other calls go on.
    expect((await call('getKioskInfo', {})).status).toBe(200);
  });
});

describe('the API opened to the LAN (real HTTP on this machine’s LAN address)', () => {
  const address = lanAddress();
  let dir: ReturnType<typeof tempDir>;
  let kiosk: ReturnType<typeof makeKiosk>;
  let servers: ApiServer[];
  let refusals: ApiRefusal[];

  beforeEach(() => {
    dir = tempDir();
    servers = [];
    refusals = [];
    kiosk = makeKiosk({
      dbFile: join(dir.path, 'kiosk.sqlite'),
      clock: new ManualClock(new Date('2026-11-22T09:00:00Z')),
      config: { technician: { pinHash: PIN_HASH }, desks: [{ id: '1', serviceIds: ['*'], pinHash: PIN_HASH }] },
    });
  });
  afterEach(async () => {
    for (const server of servers) await server.close();
    kiosk.store.close();
    dir.remove();
  });
  const start = async (
    options: { technicianFromLan?: boolean; firstRunPin?: boolean; allowedHosts?: string[] } = {},
  ) => {
    const server = await startApiServer({
      service: kiosk.core,
      host: '0.0.0.0',
      port: 0,
      token: TOKEN,
      onRefusal: (refusal) => refusals.push(refusal),
      ...options,
    });
    servers.push(server);
    return server;
  };
  const lanCall = (server: ApiServer, name: string, input: object, host?: string) => {
    const url = new URL(server.url);
    url.hostname = address!;
    return send(`${url.origin}${apiPaths.call(name as 'getKioskInfo')}`, {
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${TOKEN}`,
        Host: host ?? `${address}:${url.port}`,
      },
      body: JSON.stringify(input),
    });
  };

  it.skipIf(address === null)(
    'refuses technician calls from the LAN unless api.technicianFromLan says so',
    async () => {
      const closed = await start();
      const unlock = await lanCall(closed, 'technicianUnlock', { pin: PIN });
      expect(unlock).toMatchObject({ status: 403, body: { ok: false, error: { code: 'technician-not-from-lan' } } });
      expect(refusals).toEqual([expect.objectContaining({ code: 'technician-not-from-lan', address })]);
      // Desk and visitor calls are what the LAN is opened for.
      expect(await lanCall(closed, 'deskSignIn', { deskId: '1', pin: PIN })).toMatchObject({ status: 200 });
      const open = await start({ technicianFromLan: true });
      expect(await lanCall(open, 'technicianUnlock', { pin: PIN })).toMatchObject({ status: 200, body: { ok: true } });
    },
  );

  it.skipIf(address === null)(
    'answers for the interface addresses, its host name and api.allowedHosts, and no other name',
    async () => {
      const server = await start({ allowedHosts: ['kiosk-3.hall.lan', 'proxy.hall.lan:443'] });
      const port = new URL(server.url).port;
      expect((await lanCall(server, 'getKioskInfo', {})).status).toBe(200);
      expect((await lanCall(server, 'getKioskInfo', {}, `kiosk-3.hall.lan:${port}`)).status).toBe(200);
      expect((await lanCall(server, 'getKioskInfo', {}, 'proxy.hall.lan:443')).status).toBe(200);
      expect((await lanCall(server, 'getKioskInfo', {}, `proxy.hall.lan:${port}`)).status).toBe(421);
      expect((await lanCall(server, 'getKioskInfo', {}, `kiosk-4.hall.lan:${port}`)).status).toBe(421);
    },
  );

  it.skipIf(address === null)(
    'limits wrong PINs from all network clients together, but not the kiosk’s own loopback clients',
    async () => {
      const server = await start();
      // 30 refused PINs from the network overall; one address here, so its own limit (10) is lifted by a right PIN each time.
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 4; i++) await lanCall(server, 'deskSignIn', { deskId: '1', pin: '000001' });
        expect((await lanCall(server, 'deskSignIn', { deskId: '1', pin: PIN })).status).toBe(200);
      }
      for (let i = 0; i < 18; i++) {
        if (i % 4 === 0) expect((await lanCall(server, 'deskSignIn', { deskId: '1', pin: PIN })).status).toBe(200);
        await lanCall(server, 'deskSignIn', { deskId: '1', pin: '000001' });
      }
      const limited = await lanCall(server, 'deskSignIn', { deskId: '1', pin: PIN });
      expect(limited).toMatchObject({ status: 429, body: { error: { code: 'pin-attempts-limited' } } });
      // On this machine, through loopback, the desk still signs in.
      const local = await send(server.url.replace('0.0.0.0', '127.0.0.1') + apiPaths.call('deskSignIn'), {
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${TOKEN}`,
          Host: new URL(server.url.replace('0.0.0.0', '127.0.0.1')).host,
        },
        body: JSON.stringify({ deskId: '1', pin: PIN }),
      });
      expect(local).toMatchObject({ status: 200, body: { ok: true } });
    },
  );

  it('listens on loopback only while the technician PIN is the first-run PIN, and says why', async () => {
    const server = await start({ firstRunPin: true });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.lanRefused).toContain('first-run PIN');
    if (address === null) return;
    const url = new URL(server.url);
    const reached = await send(`http://${address}:${url.port}${apiPaths.call('getKioskInfo')}`, {
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    }).then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(reached).toBe('ECONNREFUSED');
  });
});
