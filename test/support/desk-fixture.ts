import { join } from 'node:path';
import type { z } from 'zod';
import type { EventFrame } from '../../main/contract';
import type { KioskConfig } from '../../main/core/config';
import { hashPin } from '../../main/core/auth/pin';
import { ManualClock, makeKiosk, tempDir } from './kiosk-fixture';

/** Friday noon in Baku: the sample services are open, whatever day the tests run on. */
export const FRIDAY_NOON = '2026-11-20T08:00:00.000Z';
export const DESK_PIN = '4826';
/** scrypt is slow on purpose: one hash serves every desk of every test. */
export const DESK_PIN_HASH = hashPin(DESK_PIN);

/** Desk 1 calls passport and identity-card, desk 2 passport, desk 3 notary; desk 9 has no PIN yet. */
export const TEST_DESKS = [
  { id: '1', serviceIds: ['passport', 'identity-card'], pinHash: DESK_PIN_HASH },
  { id: '2', serviceIds: ['passport'], pinHash: DESK_PIN_HASH },
  { id: '3', serviceIds: ['notary'], pinHash: DESK_PIN_HASH },
  { id: '4', serviceIds: ['*'], pinHash: DESK_PIN_HASH },
  { id: '9', serviceIds: ['*'], pinHash: null },
];

/** A kiosk over a real SQLite file with the test desks, its clock at Friday noon, recording every event. */
export function makeDeskKiosk(config: Partial<z.input<typeof KioskConfig>> = {}) {
  const dir = tempDir('kiosk-visits-');
  const clock = new ManualClock(new Date(FRIDAY_NOON));
  const kiosk = makeKiosk({ dbFile: join(dir.path, 'kiosk.sqlite'), clock, config: { desks: TEST_DESKS, ...config } });
  const events: EventFrame[] = [];
  kiosk.core.subscribe((event, payload) => events.push({ event, payload } as EventFrame));
  const signIn = async (deskId: string) => (await kiosk.service.deskSignIn({ deskId, pin: DESK_PIN })).token;
  const issue = (serviceId: string, priority?: string) =>
    kiosk.service.issueTicket({ serviceId, language: 'ru', ...(priority && { priority }) });
  /** Moves the clock on by whole minutes. */
  const advance = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000));
  const close = () => {
    kiosk.store.close();
    dir.remove();
  };
  return { ...kiosk, clock, events, signIn, issue, advance, close, dbFile: join(dir.path, 'kiosk.sqlite') };
}
export type DeskKiosk = ReturnType<typeof makeDeskKiosk>;
