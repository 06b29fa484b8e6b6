import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApiServer } from '../../main/api/server';
import type { ApiServer } from '../../main/api/server';
import { tokenMatches } from '../../main/api/api-token';
import { callRequest, eventsUrl, tokenFromFragment } from '../../renderer/src/api/lan-token';
import { apiPaths } from '../../main/contract';
import { KioskConfig } from '../../main/core/config';
import { isLoopbackHost } from '../../main/core/loopback';
import { ManualClock, makeKiosk, tempDir } from '../support/kiosk-fixture';

const TOKEN = 'hall-lan-token-0123456789';

describe('the local API opened to the LAN needs its token', () => {
  let dir: ReturnType<typeof tempDir>;
  let kiosk: ReturnType<typeof makeKiosk>;
  let server: ApiServer;
  /** The server listens on every interface; the test reaches it through loopback. */
  let base: string;

  beforeEach(async () => {
    dir = tempDir();
    kiosk = makeKiosk({
      dbFile: join(dir.path, 'kiosk.sqlite'),
      clock: new ManualClock(new Date('2026-11-22T09:00:00Z')),
    });
    server = await startApiServer({ service: kiosk.core, host: '0.0.0.0', port: 0, token: TOKEN });
    base = server.url.replace('0.0.0.0', '127.0.0.1');
  });
  afterEach(async () => {
    await server.close();
    kiosk.store.close();
    dir.remove();
  });

  const call = (headers: Record<string, string>) =>
    fetch(base + apiPaths.call('getKioskInfo'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });

  it('answers 401 without the token or with a wrong one, and 200 with it', async () => {
    const none = await call({});
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    expect((await call({ Authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await call({ Authorization: `Bearer ${TOKEN.slice(0, -1)}` })).status).toBe(401);
    const right = await call({ Authorization: `Bearer ${TOKEN}` });
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ ok: true, value: { centreName: 'Test centre' } });
  });

  it('refuses a WebSocket without the token and sends events to one with it', async () => {
    const events = base.replace('http', 'ws') + apiPaths.events;
    const refusedStatus = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(events);
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('opened without a token')));
    });
    expect(refusedStatus).toBe(401);

    const socket = new WebSocket(`${events}?token=${encodeURIComponent(TOKEN)}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const frame = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    await kiosk.service.issueTicket({ serviceId: 'passport', language: 'az' });
    expect(JSON.parse(await frame)).toMatchObject({ event: 'ticketIssued', payload: { number: 'A-001' } });
    socket.close();
  });
});

describe('when the token applies', () => {
  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '192.168.1.20', '::', 'kiosk.local'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN.toUpperCase(), TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
  });

  it('refuses a config that opens the API to the LAN without a token, and a server asked to', async () => {
    const problem = KioskConfig.safeParse({ api: { host: '0.0.0.0' } }).error?.issues[0];
    expect(problem?.path).toEqual(['api', 'token']);
    expect(KioskConfig.safeParse({ api: { host: '0.0.0.0', token: TOKEN } }).success).toBe(true);
    expect(KioskConfig.safeParse({ api: { host: '127.0.0.1' } }).success).toBe(true);
    const dir = tempDir();
    const kiosk = makeKiosk({ dbFile: join(dir.path, 'kiosk.sqlite'), clock: new ManualClock(new Date()) });
    await expect(startApiServer({ service: kiosk.core, host: '0.0.0.0', port: 0 })).rejects.toThrow(/api\.token/);
    kiosk.store.close();
    dir.remove();
  });
});

describe('the renderer over HTTP with the token in its address', () => {
  it('sends the token from the page fragment with every call and on the events socket', async () => {
    const dir = tempDir();
    const kiosk = makeKiosk({ dbFile: join(dir.path, 'kiosk.sqlite'), clock: new ManualClock(new Date()) });
    const server = await startApiServer({ service: kiosk.core, host: '0.0.0.0', port: 0, token: TOKEN });
    const page = server.url.replace('0.0.0.0', '127.0.0.1') + '/console.html';
    try {
      const token = tokenFromFragment(`#token=${TOKEN}`);
      expect(token).toBe(TOKEN);
      expect(tokenFromFragment('')).toBeNull();
      const call = async (withToken: string | null) => {
        const request = callRequest(page, 'getKioskInfo', {}, withToken);
        return (await fetch(request.url, request.init)).json();
      };
      expect(await call(token)).toMatchObject({ ok: true, value: { centreName: 'Test centre' } });
      expect(await call(null)).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
      const socket = new WebSocket(eventsUrl(page, token));
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.close();
    } finally {
      await server.close();
      kiosk.store.close();
      dir.remove();
    }
  });
});
