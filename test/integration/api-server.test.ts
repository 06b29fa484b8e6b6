import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApiServer } from '../../main/api/server';
import type { ApiServer } from '../../main/api/server';
import { apiPaths, parseEventFrame } from '../../main/contract';
import type { EventFrame, KioskCallName } from '../../main/contract';
import { ManualClock, makeKiosk, tempDir } from '../support/kiosk-fixture';

describe('local HTTP + WebSocket API on 127.0.0.1', () => {
  let dir: ReturnType<typeof tempDir>;
  let kiosk: ReturnType<typeof makeKiosk>;
  let server: ApiServer;
  let clock: ManualClock;

  beforeEach(async () => {
    dir = tempDir();
    clock = new ManualClock(new Date('2026-11-22T09:00:00Z'));
    kiosk = makeKiosk({ dbFile: join(dir.path, 'kiosk.sqlite'), clock });
    server = await startApiServer({ service: kiosk.core, host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await server.close();
    kiosk.store.close();
    dir.remove();
  });

  const call = async (name: KioskCallName | string, body: unknown) => {
    const response = await fetch(server.url + apiPaths.call(name as KioskCallName), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const openEvents = async () => {
    const socket = new WebSocket(server.url.replace('http', 'ws') + apiPaths.events);
    const frames: EventFrame[] = [];
    socket.on('message', (data) => frames.push(parseEventFrame(JSON.parse(String(data)))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return { frames, socket };
  };

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('issues a ticket, ends its visit and stores a rating, announcing each on the WebSocket', async () => {
    const { frames, socket } = await openEvents();
    const issued = await call('issueTicket', { serviceId: 'passport', language: 'ru' });
    expect(issued).toMatchObject({
      status: 200,
      body: { ok: true, value: { number: 'A-001', printStatus: 'printed' } },
    });
    const ticketId = (issued.body.value as { id: number }).id;

    const ended = await call('endVisit', { number: 'A-001' });
    expect(ended.body).toMatchObject({ ok: true, value: { id: ticketId, language: 'ru' } });
    const rated = await call('submitRating', { ticketId, score: 5 });
    expect(rated.body).toMatchObject({ ok: true, value: { ticketId, score: 5, language: 'ru' } });
    expect(kiosk.store.getRating(ticketId)?.score).toBe(5);

    await expect
      .poll(() => frames.map((frame) => frame.event))
      .toEqual(['ticketIssued', 'visitChanged', 'visitEnded', 'ratingGiven']);
    expect(frames[1]?.payload).toMatchObject({ number: 'A-001', language: 'ru' });
    socket.close();
  });

  it('refuses bad input, unknown calls and repeated ratings with a stable code', async () => {
    expect(await call('issueTicket', { serviceId: 'passport', language: 'fr' })).toMatchObject({
      status: 400,
      body: { ok: false, error: { code: 'invalid-input' } },
    });
    expect(await call('issueTicket', '{not json')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid-input' } },
    });
    expect(await call('formatDisk', {})).toMatchObject({ status: 404, body: { error: { code: 'unknown-call' } } });
    expect(await call('endVisit', { number: 'A-404' })).toMatchObject({
      status: 404,
      body: { error: { code: 'ticket-not-found' } },
    });

    const issued = await call('issueTicket', { serviceId: 'notary', language: 'kk' });
    const ticketId = (issued.body.value as { id: number }).id;
    await call('endVisit', { number: 'B-001' });
    expect((await call('submitRating', { ticketId, score: 2 })).status).toBe(200);
    // A second tap at once changes nothing (repeat-tap filter); once the screen's time is over, it is refused.
    expect(await call('submitRating', { ticketId, score: 5 })).toMatchObject({
      status: 200,
      body: { value: { score: 2 } },
    });
    clock.set(new Date('2026-11-22T10:00:00Z'));
    expect(await call('submitRating', { ticketId, score: 5 })).toMatchObject({
      status: 409,
      body: { error: { code: 'already-rated' } },
    });
  });

  it('answers GET on a call with 405 and serves no files when no renderer folder is given', async () => {
    expect((await fetch(server.url + apiPaths.call('getKioskInfo'))).status).toBe(405);
    expect((await fetch(server.url + '/index.html')).status).toBe(404);
  });
});

describe('browser shell static files', () => {
  it("serves the renderer folder with a CSP, refuses paths that leave it and the central's own pages", async () => {
    const dir = tempDir();
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(dir.path, 'renderer'));
    writeFileSync(join(dir.path, 'renderer', 'index.html'), '<h1>kiosk</h1>');
    writeFileSync(join(dir.path, 'secret.txt'), 'secret');
    writeFileSync(join(dir.path, 'renderer', 'dashboard.html'), '<h1>dashboards</h1>');
    writeFileSync(join(dir.path, 'renderer', 'public.html'), '<h1>public</h1>');
    const kiosk = makeKiosk({ dbFile: join(dir.path, 'kiosk.sqlite'), clock: new ManualClock(new Date()) });
    const server = await startApiServer({
      service: kiosk.core,
      host: '127.0.0.1',
      port: 0,
      rendererDir: join(dir.path, 'renderer'),
    });
    try {
      const page = await fetch(server.url + '/');
      expect(await page.text()).toBe('<h1>kiosk</h1>');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      for (const escape of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
        const response = await fetch(server.url + escape);
        expect(await response.text()).not.toContain('secret');
      }
      // The central's own pages are built alongside but have no API behind them on a kiosk.
      for (const central of ['/dashboard.html', '/public.html', '/%64ashboard.html'])
        expect((await fetch(server.url + central)).status, central).toBe(404);
    } finally {
      await server.close();
      kiosk.store.close();
      dir.remove();
    }
  });
});
