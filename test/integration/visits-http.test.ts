import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApiServer } from '../../main/api/server';
import type { ApiServer } from '../../main/api/server';
import { apiPaths, parseEventFrame } from '../../main/contract';
import type { EventFrame, KioskCallName } from '../../main/contract';
import { DESK_PIN, makeDeskKiosk, type DeskKiosk } from '../support/desk-fixture';

describe('desk calls over the local HTTP + WebSocket API', () => {
  let kiosk: DeskKiosk;
  let server: ApiServer;

  beforeEach(async () => {
    kiosk = makeDeskKiosk();
    server = await startApiServer({ service: kiosk.core, host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await server.close();
    kiosk.close();
  });

  const call = async (name: KioskCallName, body: unknown) => {
    const response = await fetch(server.url + apiPaths.call(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
  };

  it('refuses every desk call without a desk session', async () => {
    await kiosk.issue('passport');
    for (const name of [
      'getDeskState',
      'callNext',
      'recallTicket',
      'startVisit',
      'finishVisit',
      'markNoShow',
      'deskSignOut',
    ] as const) {
      await expect(call(name, { token: 'not-a-session' }), name).resolves.toMatchObject({
        ok: false,
        error: { code: 'desk-session-required' },
      });
    }
    await expect(call('transferVisit', { token: 'not-a-session', serviceId: 'notary' })).resolves.toMatchObject({
      error: { code: 'desk-session-required' },
    });
    // A call without any token is refused at the boundary, naming the field.
    await expect(call('callNext', {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(kiosk.store.listTickets('2026-11-20')[0]?.state).toBe('waiting');
  });

  it('signs a desk in, calls a ticket and announces the call to the hall display', async () => {
    await kiosk.issue('passport');
    const socket = new WebSocket(server.url.replace('http', 'ws') + apiPaths.events);
    const frames: EventFrame[] = [];
    socket.on('message', (data) => frames.push(parseEventFrame(JSON.parse(String(data)))));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    const wrong = await call('deskSignIn', { deskId: '2', pin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-pin' } });
    const session = await call('deskSignIn', { deskId: '2', pin: DESK_PIN });
    const token = session.value?.token as string;
    await expect(call('callNext', { token })).resolves.toMatchObject({
      ok: true,
      value: { number: 'A-001', state: 'called' },
    });
    await expect(call('listHallCalls', {})).resolves.toMatchObject({
      ok: true,
      value: [{ number: 'A-001', deskId: '2', recall: false }],
    });
    await expect
      .poll(() => frames.find((frame) => frame.event === 'ticketCalled')?.payload)
      .toMatchObject({ call: { number: 'A-001', deskId: '2', language: 'ru' } });
    socket.close();
  });
});
