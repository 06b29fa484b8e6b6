import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SESSION_IDLE_MS,
  LOCKOUT_MS,
  MAX_WRONG_PINS,
  TechnicianAccess,
} from '../../../../main/core/auth/technician-access';
import { NewPin } from '../../../../main/contract';
import { FIRST_RUN_PIN, hashPin, isPinHash, newTechnicianPinProblem, verifyPin } from '../../../../main/core/auth/pin';
import { ManualClock } from '../../../support/kiosk-fixture';

const START = new Date('2026-11-20T08:00:00Z');
const PIN = '482916';
// One real scrypt hash for the file: each costs tens of milliseconds.
const PIN_HASH = hashPin(PIN);

function access(pinHash: string | null = PIN_HASH) {
  const clock = new ManualClock(START);
  const saved: string[] = [];
  const gate = new TechnicianAccess({ pinHash, clock, savePinHash: (hash) => saved.push(hash) });
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  return { gate, advance, saved };
}

describe('technician PIN hashes', () => {
  it('verify the PIN they were made from and no other, with a random salt each time', () => {
    expect(isPinHash(PIN_HASH)).toBe(true);
    expect(verifyPin(PIN, PIN_HASH)).toBe(true);
    expect(verifyPin('482917', PIN_HASH)).toBe(false);
    expect(hashPin(PIN)).not.toBe(PIN_HASH);
    expect(PIN_HASH).not.toContain(PIN);
  });

  it('refuse a malformed stored hash without throwing, and a PIN that is not 4–12 digits', () => {
    expect(verifyPin(PIN, 'plain-text-pin')).toBe(false);
    expect(verifyPin(PIN, 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
    // Hashes of 4-digit PINs set before the 6-digit rule stay valid, so hashing takes them.
    expect(verifyPin('5821', hashPin('5821'))).toBe(true);
    expect(() => hashPin('12a4')).toThrow('4 to 12 digits');
    expect(() => hashPin('123')).toThrow('4 to 12 digits');
  });
});

describe('technician access', () => {
  it('opens a session with the right PIN and refuses calls without its token', () => {
    const { gate } = access();
    const unlocked = gate.unlock(PIN);
    if (!unlocked.ok) throw new Error('the right PIN was refused');
    expect(unlocked.mustChangePin).toBe(false);
    expect(gate.check(unlocked.token)).toEqual({ ok: true, mustChangePin: false });
    expect(gate.check('forged')).toEqual({ ok: false, reason: 'no-session' });
  });

  it('locks for five minutes after five wrong PINs in a row, even for the right PIN', () => {
    const { gate, advance } = access();
    for (let attempt = 1; attempt < MAX_WRONG_PINS; attempt++) {
      expect(gate.unlock('000001')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: MAX_WRONG_PINS - attempt });
    }
    const until = new Date(START.getTime() + LOCKOUT_MS);
    expect(gate.unlock('000001')).toEqual({ ok: false, reason: 'locked', until });
    expect(gate.unlock(PIN)).toEqual({ ok: false, reason: 'locked', until });
    advance(LOCKOUT_MS - 1);
    expect(gate.unlock(PIN)).toMatchObject({ ok: false, reason: 'locked' });
    advance(1);
    expect(gate.unlock(PIN)).toMatchObject({ ok: true });
  });

  it('counts only wrong PINs in a row: a right one starts the count again', () => {
    const { gate } = access();
    for (let attempt = 1; attempt < MAX_WRONG_PINS; attempt++) gate.unlock('999999');
    expect(gate.unlock(PIN)).toMatchObject({ ok: true });
    expect(gate.unlock('999999')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: MAX_WRONG_PINS - 1 });
  });

  it('ends a session left idle, and keeps one in use alive', () => {
    const { gate, advance } = access();
    const unlocked = gate.unlock(PIN);
    if (!unlocked.ok) throw new Error('the right PIN was refused');
    advance(DEFAULT_SESSION_IDLE_MS - 1000);
    expect(gate.check(unlocked.token).ok).toBe(true);
    advance(DEFAULT_SESSION_IDLE_MS - 1000);
    expect(gate.check(unlocked.token).ok).toBe(true);
    advance(DEFAULT_SESSION_IDLE_MS);
    expect(gate.check(unlocked.token)).toEqual({ ok: false, reason: 'expired' });
    expect(gate.check(unlocked.token)).toEqual({ ok: false, reason: 'no-session' });
  });

  it('lets the first-run PIN do nothing but set a new PIN, which is saved as a hash', () => {
    const { gate, saved } = access(null);
    expect(gate.unlock(PIN)).toMatchObject({ ok: false, reason: 'wrong-pin' });
    const unlocked = gate.unlock(FIRST_RUN_PIN);
    if (!unlocked.ok) throw new Error('the first-run PIN was refused');
    expect(unlocked.mustChangePin).toBe(true);
    expect(gate.check(unlocked.token)).toEqual({ ok: false, reason: 'pin-change-required' });
    expect(() => gate.changePin(unlocked.token, FIRST_RUN_PIN)).toThrow(RangeError);

    expect(() => gate.changePin(unlocked.token, '7351')).toThrow('6 to 12 digits');
    expect(gate.changePin(unlocked.token, '735146')).toEqual({ ok: true, mustChangePin: false });
    expect(gate.check(unlocked.token)).toEqual({ ok: true, mustChangePin: false });
    expect(saved).toHaveLength(1);
    expect(verifyPin('735146', saved[0]!)).toBe(true);
    expect(gate.unlock(FIRST_RUN_PIN)).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(gate.unlock('735146')).toMatchObject({ ok: true });
  });

  it('opens a PIN of 4 or 5 digits set before the 6-digit rule only to change it', () => {
    const { gate } = access(hashPin('5821'));
    const unlocked = gate.unlock('5821');
    if (!unlocked.ok) throw new Error('the old PIN was refused');
    expect(unlocked.mustChangePin).toBe(true);
    expect(gate.check(unlocked.token)).toEqual({ ok: false, reason: 'pin-change-required' });
    expect(gate.changePin(unlocked.token, '582146')).toEqual({ ok: true, mustChangePin: false });
    expect(gate.unlock('582146')).toMatchObject({ ok: true, mustChangePin: false });
  });

  it('ends the other sessions when the PIN changes', () => {
    const { gate } = access();
    const first = gate.unlock(PIN);
    const second = gate.unlock(PIN);
    if (!first.ok || !second.ok) throw new Error('the right PIN was refused');
    gate.changePin(second.token, '582146');
    expect(gate.check(first.token)).toEqual({ ok: false, reason: 'no-session' });
    expect(gate.check(second.token).ok).toBe(true);
  });
});

describe('the PIN rule', () => {
  it('is one rule for the contract, the core and set-pin: 6 to 12 digits, never the first-run PIN', () => {
    for (const pin of ['123', '1234', '58214', '1234567890123', '12a456', ' 582146']) {
      expect(newTechnicianPinProblem(pin)).toBe('must be 6 to 12 digits');
      expect(NewPin.safeParse(pin).success).toBe(false);
    }
    for (const pin of ['582146', '271828182845']) {
      expect(newTechnicianPinProblem(pin)).toBeNull();
      expect(NewPin.safeParse(pin).success).toBe(true);
    }
    expect(newTechnicianPinProblem(FIRST_RUN_PIN)).toContain('first-run PIN');
  });

  it('refuses the PINs anyone tries first: one digit repeated, a run up or down', () => {
    for (const pin of ['111111', '999999999', '123456', '654321', '7890123', '123456789012']) {
      expect(newTechnicianPinProblem(pin), pin).toBe('must not be one digit repeated or a run such as 123456');
    }
    for (const pin of ['112233', '135791', '123457']) expect(newTechnicianPinProblem(pin), pin).toBeNull();
  });
});
