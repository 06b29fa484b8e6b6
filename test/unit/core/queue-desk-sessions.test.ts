import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MS, MAX_WRONG_PINS } from '../../../main/core/technician/pin-attempts';
import { DESK_PIN, makeDeskKiosk, type DeskKiosk } from '../../support/desk-fixture';

describe('desk sign-in', () => {
  let kiosk: DeskKiosk;
  beforeEach(() => {
    kiosk = makeDeskKiosk();
  });
  afterEach(() => kiosk.close());

  it('opens a session with the desk PIN and names the services the desk calls for', async () => {
    const session = await kiosk.service.deskSignIn({ deskId: '1', pin: DESK_PIN });
    expect(session).toMatchObject({ deskId: '1', serviceIds: ['passport', 'identity-card'] });
    expect(session.token.length).toBeGreaterThan(20);
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
      code: 'desk-session-required',
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
      code: 'technician-locked',
      message: expect.stringContaining('desk 2'),
    });
    // Locked even for the right PIN, until the five minutes are over.
    await expect(kiosk.service.deskSignIn({ deskId: '2', pin: DESK_PIN })).rejects.toMatchObject({
      code: 'technician-locked',
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
