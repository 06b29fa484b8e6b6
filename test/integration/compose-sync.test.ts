import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralCredentialFile, writeCentralCredential } from '../../main/boot/central-credential';
import { composeKiosk, dataFiles } from '../../main/boot/compose';
import { readLogTail } from '../../main/boot/logging';
import { normaliseFingerprint } from '../../main/boot/pinned-https';
import { apiPaths } from '../../main/contract';
import { ManualClock, tempDir } from '../support/kiosk-fixture';
import { TEST_FINGERPRINT, TestCentral } from '../support/test-central';

/** Friday noon in Baku: every sample service is open, whatever day the tests run. */
const openingHours = () => new ManualClock(new Date('2026-11-20T08:00:00Z'));

const issueTicket = (apiUrl: string) =>
  fetch(apiUrl + apiPaths.call('issueTicket'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ serviceId: 'passport', language: 'az' }),
  }).then((response) => response.json() as Promise<{ ok: boolean }>);

describe('the composed kiosk and its sync worker', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-compose-sync-')));
  afterEach(() => dir.remove());

  it('runs with sync off when central.json is bad, naming the file and the field', async () => {
    const file = centralCredentialFile(dir.path);
    writeFileSync(file, JSON.stringify({ url: 'https://central.example.org', deviceId: 'bus-7' }));
    const said: string[] = [];
    const kiosk = await composeKiosk({
      dataDir: dir.path,
      overrides: { api: { port: 0 } },
      clock: openingHours(),
      log: (message) => said.push(message),
    });
    try {
      expect(kiosk.syncStatus()).toBeNull();
      expect(await issueTicket(kiosk.apiUrl)).toMatchObject({ ok: true });
    } finally {
      await kiosk.close();
    }
    expect(said.join('\n')).toContain(`${file}: token: `);
    expect(said.join('\n')).toContain('Sync with the central server stays off');
    const refused = readLogTail(dataFiles(dir.path).logs, 20).find(
      (entry) => entry.details.event === 'central-credential-refused',
    );
    expect(refused?.level).toBe('warn');
    expect(refused?.details.file).toBe(file);
    expect(refused?.details.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^token: /)]));
  });

  it('when enrolled, sends a new ticket to the central at once and stops with the kiosk', async () => {
    const central = new TestCentral();
    const url = await central.start();
    const token = central.addDevice('bus-7');
    writeCentralCredential(dir.path, {
      url,
      deviceId: 'bus-7',
      centreId: 'baku-1',
      role: 'bus',
      token,
      fingerprint: normaliseFingerprint(TEST_FINGERPRINT)!,
    });
    const kiosk = await composeKiosk({
      dataDir: dir.path,
      overrides: { api: { port: 0 }, kioskId: 'bus-7' },
      clock: openingHours(),
      log: () => {},
    });
    try {
      expect(await issueTicket(kiosk.apiUrl)).toMatchObject({ ok: true });
      const deadline = Date.now() + 5_000;
      const issued = () =>
        [...central.device('bus-7').records.values()].some((record) => record.fact.kind === 'ticket-issued');
      while (!issued() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(issued()).toBe(true);
      expect(kiosk.syncStatus()?.lastError).toBeNull();
    } finally {
      await kiosk.close();
      await central.close();
    }
  });
});
