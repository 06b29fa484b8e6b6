import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskSessions } from '../../main/core/auth/desk-sessions';
import { hashPin } from '../../main/core/auth/pin';
import { LOCKOUT_MEMORY_MS, LOCKOUT_STEPS_MS, MAX_WRONG_PINS } from '../../main/core/auth/pin-attempts';
import { TechnicianAccess } from '../../main/core/auth/technician-access';
import { KioskConfig } from '../../main/core/config';
import { SqliteLockouts } from '../../main/store/sqlite-lockouts';
import { SqliteStore } from '../../main/store/sqlite-store';
import { ManualClock, tempDir } from '../support/kiosk-fixture';

const START = new Date('2026-11-20T08:00:00Z');
const PIN = '482916';
const PIN_HASH = hashPin(PIN);
const MINUTE = 60_000;

/** PIN lockouts kept in a real SQLite file, opened again as a restarted kiosk would. */
describe('PIN lockouts in the kiosk database', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let clock: ManualClock;
  const opened: SqliteLockouts[] = [];
  const open = () => {
    const lockouts = new SqliteLockouts(file);
    opened.push(lockouts);
    return lockouts;
  };
  const technician = () => new TechnicianAccess({ pinHash: PIN_HASH, clock, lockouts: open() });
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  const lockWith = (gate: { unlock(pin: string): unknown }) => {
    let last: unknown;
    for (let i = 0; i < MAX_WRONG_PINS; i++) last = gate.unlock('000001');
    return last;
  };

  beforeEach(() => {
    dir = tempDir('kiosk-lockouts-');
    file = join(dir.path, 'kiosk.sqlite');
    // The ticket store opens the file first, as composeKiosk does; the lockouts share it.
    new SqliteStore(file).close();
    clock = new ManualClock(START);
  });
  afterEach(() => {
    for (const lockouts of opened.splice(0)) lockouts.close();
    dir.remove();
  });

  it('keeps a technician lockout across a restart: a new process refuses the right PIN until it ends', () => {
    expect(lockWith(technician())).toEqual({
      ok: false,
      reason: 'locked',
      until: new Date(START.getTime() + 5 * MINUTE),
    });
    opened.pop()!.close();
    const restarted = technician();
    expect(restarted.unlock(PIN)).toEqual({
      ok: false,
      reason: 'locked',
      until: new Date(START.getTime() + 5 * MINUTE),
    });
    advance(5 * MINUTE);
    expect(restarted.unlock(PIN)).toMatchObject({ ok: true });
  });

  it('keeps the count of wrong PINs across a restart: three before and two after lock', () => {
    const before = technician();
    for (let i = 0; i < 3; i++) before.unlock('000001');
    const after = technician();
    expect(after.unlock('000001')).toEqual({ ok: false, reason: 'wrong-pin', attemptsLeft: 1 });
    expect(after.unlock('000001')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('escalates: 5 minutes, then 15, then an hour, and an hour for each lockout after', () => {
    expect(LOCKOUT_STEPS_MS).toEqual([5 * MINUTE, 15 * MINUTE, 60 * MINUTE]);
    const lengths: number[] = [];
    for (let round = 0; round < 5; round++) {
      const result = lockWith(technician()) as { until: Date };
      lengths.push((result.until.getTime() - clock.now().getTime()) / MINUTE);
      clock.set(result.until);
    }
    expect(lengths).toEqual([5, 15, 60, 60, 60]);
  });

  it('forgets earlier lockouts after the right PIN, or after a day without a wrong PIN', () => {
    const gate = technician();
    clock.set((lockWith(gate) as { until: Date }).until);
    expect(gate.unlock(PIN)).toMatchObject({ ok: true });
    expect(((lockWith(gate) as { until: Date }).until.getTime() - clock.now().getTime()) / MINUTE).toBe(5);

    clock.set((lockWith(gate) as { until: Date }).until); // that was the second lockout in a row
    advance(LOCKOUT_MEMORY_MS);
    expect(((lockWith(gate) as { until: Date }).until.getTime() - clock.now().getTime()) / MINUTE).toBe(5);
  });

  it('keeps each desk’s lockout apart and across a restart', () => {
    const config = KioskConfig.parse({
      desks: [
        { id: '3', serviceIds: ['*'], pinHash: PIN_HASH },
        { id: '4', serviceIds: ['*'], pinHash: PIN_HASH },
      ],
    });
    const desks = () => new DeskSessions(() => config.desks, clock, undefined, open());
    const first = desks();
    for (let i = 0; i < MAX_WRONG_PINS; i++) first.signIn('3', '000001');
    const restarted = desks();
    expect(restarted.signIn('3', PIN)).toMatchObject({ ok: false, reason: 'locked' });
    expect(restarted.signIn('4', PIN)).toMatchObject({ ok: true });
  });

  it('stores the lockouts in the table of the appended migration, and nothing of the PIN', () => {
    lockWith(technician());
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT key, wrong_pins, lockouts, locked_until FROM pin_lockouts').all();
      expect(rows).toEqual([
        { key: 'technician', wrong_pins: 0, lockouts: 1, locked_until: START.getTime() + 5 * MINUTE },
      ]);
    } finally {
      db.close();
    }
  });
});
