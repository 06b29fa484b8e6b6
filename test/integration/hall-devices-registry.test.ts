import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteHallDevices } from '../../main/store/sqlite-hall-devices';
import { tempDir } from '../support/kiosk-fixture';

/*
 * The hall server's device registry on a real SQLite file: what the technician screen lists. The
 * technician's name for a code wins over the one the device gives itself; a code made without a
 * name lets the device name itself; enrolling counts as the device's first contact; a code works once.
 */
describe('the hall server’s device registry (SQLite file)', () => {
  let dir: ReturnType<typeof tempDir>;
  let devices: SqliteHallDevices;
  // Relative to now: making a code prunes the codes expired by the real clock.
  const at = new Date();
  const later = new Date(at.getTime() + 10 * 60_000);
  const expires = new Date(at.getTime() + 15 * 60_000);

  beforeEach(() => {
    dir = tempDir('kiosk-hall-devices-');
    devices = new SqliteHallDevices(join(dir.path, 'kiosk.sqlite'));
  });
  afterEach(() => {
    devices.close();
    dir.remove();
  });

  const enrol = (code: string, name: string | undefined, when = at) => devices.enrol(code.replace('-', ''), name, when);

  it('the technician’s name wins; without one the device names itself; enrolling is its first contact', () => {
    const named = devices.newEnrolCode('display', 'Screen by the door', expires);
    const unnamed = devices.newEnrolCode('rating-tablet', null, expires);
    expect(named.name).toBe('Screen by the door');
    expect(unnamed.name).toBeNull();
    const display = enrol(named.code, 'Hall display');
    const tablet = enrol(unnamed.code, 'Rating tablet, desk 2');
    expect(display?.role).toBe('display');
    expect(tablet?.role).toBe('rating-tablet');
    expect(devices.list().map(({ name, role, lastContactAt }) => ({ name, role, lastContactAt }))).toEqual([
      { name: 'Screen by the door', role: 'display', lastContactAt: at.toISOString() },
      { name: 'Rating tablet, desk 2', role: 'rating-tablet', lastContactAt: at.toISOString() },
    ]);
  });

  it('a code works once and not after it expires; a revoked device is listed as revoked and not let in', () => {
    const code = devices.newEnrolCode('console', 'Desk 3', expires);
    const enrolled = enrol(code.code, undefined);
    expect(enrolled).toBeDefined();
    expect(enrol(code.code, undefined)).toBeUndefined();
    const late = devices.newEnrolCode('console', 'Desk 4', expires);
    expect(enrol(late.code, undefined, new Date(expires.getTime() + 1))).toBeUndefined();

    expect(devices.authenticate(enrolled!.token, later)?.deviceId).toBe(enrolled!.deviceId);
    expect(devices.revoke(enrolled!.deviceId, later)?.revokedAt).toBe(later.toISOString());
    expect(devices.authenticate(enrolled!.token, later)).toBeUndefined();
    expect(devices.list()).toHaveLength(1);
  });
});
