import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolInHall } from '../../main/boot/hall-credential';
import { SqliteHallDevices } from '../../main/store/sqlite-hall-devices';
import { HallOnThisMachine, until } from '../support/hall-processes';
import { tempDir } from '../support/kiosk-fixture';

/*
 * The hall LAN over TLS: the hall server serves HTTPS with a self-signed certificate made on its
 * first start (openssl); a kiosk pins its fingerprint at enrolment and trusts nothing else. Real
 * processes; the kiosk's requests go through pinned-https.ts as the central sync's do.
 */

describe('a hall server on HTTPS, its certificate pinned by its kiosks at enrolment (real processes, openssl)', () => {
  let hall: HallOnThisMachine;
  beforeEach(async () => {
    hall = new HallOnThisMachine();
    await hall.startServer({ tls: true });
  }, 60_000);
  afterEach(() => hall.close());

  it('serves https only, shows its fingerprint, and numbers the tickets of a kiosk that pinned it', async () => {
    expect(hall.serverUrl()).toMatch(/^https:\/\//);
    expect(hall.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await expect(fetch(hall.serverUrl().replace('https', 'http') + '/api/call/getKioskInfo')).rejects.toThrow();
    await hall.startKiosk('kiosk-1', hall.serverUrl());
    await until(() => hall.knowsItsBlock('kiosk-1'), 'the kiosk has its block over HTTPS');
    const ticket = await hall.issue('kiosk-1', 'passport', 'ky');
    expect(ticket).toMatchObject({ number: 'A-001', issuedOffline: false, printStatus: 'printed' });
  }, 60_000);

  it('refuses to enrol with a server whose certificate is not the one pinned, and writes nothing', async () => {
    const registry = new SqliteHallDevices(join(hall.serverDir(), 'kiosk.sqlite'));
    const { code } = registry.newEnrolCode('kiosk', 'kiosk-9', new Date(Date.now() + 60_000));
    registry.close();
    const dir = tempDir('kiosk-hall-pin-');
    try {
      const wrong = hall.fingerprint!.replace(/^../, hall.fingerprint!.startsWith('00') ? '11' : '00');
      const refused = await enrolInHall({
        server: hall.serverUrl(),
        code,
        name: 'kiosk-9',
        dataDir: dir.path,
        fingerprint: wrong,
      });
      expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/not the pinned/) });
      expect(existsSync(join(dir.path, 'hall-credential.json'))).toBe(false);
      // Without a fingerprint an https server is not trusted at all.
      const unpinned = await enrolInHall({ server: hall.serverUrl(), code, name: 'kiosk-9', dataDir: dir.path });
      expect(unpinned).toMatchObject({ ok: false, message: expect.stringMatching(/fingerprint is needed/) });
      // The code was never used: the right pin enrols with it.
      const right = await enrolInHall({
        server: hall.serverUrl(),
        code,
        name: 'kiosk-9',
        dataDir: dir.path,
        fingerprint: hall.fingerprint,
      });
      expect(right).toMatchObject({ ok: true, credential: { role: 'kiosk' } });
    } finally {
      dir.remove();
    }
  }, 60_000);
});
