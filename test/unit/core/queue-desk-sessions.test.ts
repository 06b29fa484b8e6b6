import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESK_SESSION_IDLE_MS, DeskSessions } from '../../../main/core/auth/desk-sessions';
import type { DeskConfig } from '../../../main/core/config';
import { hashPin } from '../../../main/core/auth/pin';
import { ManualClock } from '../../support/kiosk-fixture';
import { LOCKOUT_MS, MAX_WRONG_PINS } from '../../../main/core/auth/pin-attempts';
import { DESK_PIN, DESK_PIN_HASH, FRIDAY_NOON, makeDeskKiosk, type DeskKiosk } from '../../support/desk-fixture';

describe('desk sign-in', () => {
  let kiosk: DeskKiosk;
  beforeEach(() => {
    kiosk = makeDeskKiosk();
  });
  afterEach(() => kiosk.close());

  it('opens a session with the desk PIN and names the services the desk calls for', async () => {
    const session = await kiosk.service.deskSignIn({ deskId: '1', pin: DESK_PIN });
    expect(session).toMatchObject({ deskId: '1', serviceIds: ['passport', 'identity-card'] });
    // 24 random bytes in base64url.
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const all = await kiosk.service.deskSignIn({ deskId: '4', pin: DESK_PIN });
    expect(all.serviceIds).toContain('notary');
    expect(all.serviceIds).not.toContain('*');
  });

  it('refuses an unknown desk, a desk without a PIN, and desk calls without a session', async () => {
    await expect(kiosk.service.deskSignIn({ deskId: '77', pin: DESK_PIN })).rejects.toMatchObject({
      code: 'unknown-desk',
      message: expect.stringContaining('deskId'),
    });
    await expect(kiosk.service.deskSignIn({ deskId: '9', pin: DESK_PIN })).rejects.toMatchObject({
      code: 'desk-pin-not-set',
      message: expect.stringContaining('npm run set-pin -- --desk 9'),
    });
    for (const call of [
      () => kiosk.service.callNext({ token: 'made-up' }),
      () => kiosk.service.getDeskState({ token: 'made-up' }),
      () => kiosk.service.finishVisit({ token: 'made-up' }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'desk-session-required' });
    }
  });

  it('locks one desk for five minutes after five wrong PINs, leaving the other desks open', async () => {
    for (let attempt = 1; attempt < MAX_WRONG_PINS; attempt++) {
      await expect(kiosk.service.deskSignIn({ deskId: '2', pin: '0001' })).rejects.toMatchObject({
        code: 'wrong-pin',
        message: expect.stringContaining(`${MAX_WRONG_PINS - attempt} more`),
      });
    }
    await expect(kiosk.service.deskSignIn({ deskId: '2', pin: '0001' })).rejects.toMatchObject({
      code: 'desk-locked',
      message: expect.stringContaining('desk 2'),
    });
    // Locked even for the right PIN, until the five minutes are over.
    await expect(kiosk.service.deskSignIn({ deskId: '2', pin: DESK_PIN })).rejects.toMatchObject({
      code: 'desk-locked',
    });
    await expect(kiosk.service.deskSignIn({ deskId: '1', pin: DESK_PIN })).resolves.toMatchObject({ deskId: '1' });
    kiosk.clock.set(new Date(kiosk.clock.now().getTime() + LOCKOUT_MS));
    await expect(kiosk.service.deskSignIn({ deskId: '2', pin: DESK_PIN })).resolves.toMatchObject({ deskId: '2' });
  });

  it('ends the session at sign-out', async () => {
    const token = await kiosk.signIn('3');
    await expect(kiosk.service.getDeskState({ token })).resolves.toMatchObject({ deskId: '3', current: null });
    await kiosk.service.deskSignOut({ token });
    await expect(kiosk.service.getDeskState({ token })).rejects.toMatchObject({ code: 'desk-session-required' });
  });
});

describe('desk sessions', () => {
  let clock: ManualClock;
  let desks: DeskConfig[];
  let sessions: DeskSessions;
  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  const signIn = (deskId: string) => {
    const result = sessions.signIn(deskId, DESK_PIN);
    if (!result.ok) throw new Error(`desk ${deskId} did not sign in: ${result.reason}`);
    return result.token;
  };
  beforeEach(() => {
    clock = new ManualClock(new Date(FRIDAY_NOON));
    desks = [
      { id: '1', serviceIds: ['passport'], pinHash: DESK_PIN_HASH },
      { id: '2', serviceIds: ['notary'], pinHash: DESK_PIN_HASH },
    ];
    sessions = new DeskSessions(() => desks, clock);
  });

  it('end after being idle, while each desk call keeps them open', () => {
    const busy = signIn('1');
    const left = signIn('2');
    later(DESK_SESSION_IDLE_MS - 1000);
    expect(sessions.deskOf(busy)?.id).toBe('1');
    later(2000);
    expect(sessions.openDesks().map((desk) => desk.id)).toEqual(['1']);
    expect(sessions.deskOf(left)).toBeUndefined();
    expect(sessions.deskOf(busy)?.id).toBe('1');
  });

  it('keep a desk that only reads the day figures signed in, but not open for the wait estimate', () => {
    const figures = signIn('1');
    for (let minute = 1; minute <= 20; minute++) {
      later(60_000);
      expect(sessions.signedInDesk(figures)?.id).toBe('1');
    }
    expect(sessions.openDesks()).toEqual([]);
    expect(sessions.deskOf(figures)?.id).toBe('1');
    expect(sessions.openDesks().map((desk) => desk.id)).toEqual(['1']);
  });

  it('end when the desk gets a new PIN or is removed, and follow a change of its services', () => {
    const one = signIn('1');
    const two = signIn('2');
    desks = [
      { ...desks[0]!, serviceIds: ['passport', 'notary'] },
      { ...desks[1]!, pinHash: hashPin('9753') },
    ];
    expect(sessions.deskOf(one)?.serviceIds).toEqual(['passport', 'notary']);
    expect(sessions.deskOf(two)).toBeUndefined();
    desks = [desks[1]!];
    expect(sessions.deskOf(one)).toBeUndefined();
    expect(sessions.openDesks()).toEqual([]);
  });
});

describe('the wait estimate counts only desks still signed in', () => {
  let kiosk: DeskKiosk;
  beforeEach(() => {
    kiosk = makeDeskKiosk();
  });
  afterEach(() => kiosk.close());

  it('ends a desk session after the configured queue.deskSessionIdleMinutes', async () => {
    const shortIdle = makeDeskKiosk({ queue: { deskSessionIdleMinutes: 2 } });
    try {
      const token = await shortIdle.signIn('1');
      shortIdle.advance(1);
      await expect(shortIdle.service.getDeskState({ token })).resolves.toMatchObject({ deskId: '1' });
      shortIdle.advance(3);
      await expect(shortIdle.service.getDeskState({ token })).rejects.toMatchObject({
        code: 'desk-session-required',
      });
    } finally {
      shortIdle.close();
    }
  });

  it('promises the wait of one desk once the other desk has idled out', async () => {
    for (let n = 0; n < 4; n++) await kiosk.issue('passport');
    const one = await kiosk.signIn('1');
    await kiosk.signIn('2');
    const both = await kiosk.service.getWaitEstimate({ serviceId: 'passport' });
    kiosk.clock.set(new Date(kiosk.clock.now().getTime() + DESK_SESSION_IDLE_MS - 60_000));
    await kiosk.service.getDeskState({ token: one });
    kiosk.clock.set(new Date(kiosk.clock.now().getTime() + 120_000));
    const alone = await kiosk.service.getWaitEstimate({ serviceId: 'passport' });
    const passport = (await kiosk.service.getCatalog({})).services.find((service) => service.id === 'passport');
    if (!passport) throw new Error('the sample catalog has no passport service');
    // Four ahead at the catalog's standard minutes (no visit finished yet), shared by two desks, then by one.
    expect(both).toMatchObject({ peopleAhead: 4, minutes: Math.ceil((4 * passport.serviceMinutes) / 2) });
    expect(alone).toMatchObject({ peopleAhead: 4, minutes: 4 * passport.serviceMinutes });
  });
});
