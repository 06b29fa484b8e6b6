import { readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeKiosk, dataFiles } from '../../main/boot/compose';
import { apiPaths } from '../../main/contract';
import { hashPin } from '../../main/core/auth/pin';
import { ManualClock, tempDir } from '../support/kiosk-fixture';

const PIN = '482916';
const TOKEN = 'hall-lan-token-0123456789';

/** The first IPv4 address of this machine that is not loopback, or null on a machine without one. */
function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

/** The composed kiosk (real SQLite file, real audit file, real HTTP) as its network sees it. */
describe('the composed kiosk on the network', () => {
  let dir: ReturnType<typeof tempDir>;
  let messages: string[];
  beforeEach(() => {
    dir = tempDir('kiosk-compose-network-');
    messages = [];
  });
  afterEach(() => dir.remove());

  const writeConfig = (settings: object) => writeFileSync(dataFiles(dir.path).config, JSON.stringify(settings));
  const compose = () =>
    composeKiosk({
      dataDir: dir.path,
      clock: new ManualClock(new Date('2026-11-20T08:00:00Z')),
      log: (message) => messages.push(message),
    });
  const call = async (url: string, name: string, input: object, headers: Record<string, string> = {}) =>
    (await (
      await fetch(url + apiPaths.call(name as 'getKioskInfo'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(input),
      })
    ).json()) as { ok: boolean; error?: { code: string } };
  const audit = () =>
    readFileSync(dataFiles(dir.path).technicianAudit, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes the client address of each unlock over HTTP into the technician audit', async () => {
    writeConfig({ api: { port: 0 }, technician: { pinHash: hashPin(PIN) } });
    const kiosk = await compose();
    try {
      await call(kiosk.apiUrl, 'technicianUnlock', { pin: '000001' });
      await call(kiosk.apiUrl, 'technicianUnlock', { pin: PIN });
    } finally {
      await kiosk.close();
    }
    expect(audit()).toEqual([
      expect.objectContaining({
        action: 'unlock',
        outcome: 'refused',
        reason: 'wrong-pin',
        transport: 'http',
        address: '127.0.0.1',
      }),
      expect.objectContaining({
        action: 'unlock',
        outcome: 'ok',
        transport: 'http',
        address: '127.0.0.1',
        mustChangePin: false,
      }),
    ]);
  });

  it('keeps technician mode locked across a restart of the whole kiosk', async () => {
    writeConfig({ api: { port: 0 }, technician: { pinHash: hashPin(PIN) } });
    const first = await compose();
    try {
      for (let i = 0; i < 5; i++) await call(first.apiUrl, 'technicianUnlock', { pin: '000001' });
    } finally {
      await first.close();
    }
    const again = await compose();
    try {
      expect(await call(again.apiUrl, 'technicianUnlock', { pin: PIN })).toMatchObject({
        ok: false,
        error: { code: 'technician-locked' },
      });
    } finally {
      await again.close();
    }
  });

  it('stays on 127.0.0.1 while the technician PIN is the first-run PIN, whatever api.host says, and says why', async () => {
    writeConfig({ api: { host: '0.0.0.0', port: 0, token: TOKEN } });
    const kiosk = await compose();
    try {
      expect(kiosk.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(messages.join('\n')).toContain('while the technician PIN is the first-run PIN');
    } finally {
      await kiosk.close();
    }
  });

  it.skipIf(lanAddress() === null)(
    'refuses a technician unlock from the LAN and audits the refusal with the address',
    async () => {
      const address = lanAddress()!;
      writeConfig({ api: { host: '0.0.0.0', port: 0, token: TOKEN }, technician: { pinHash: hashPin(PIN) } });
      const kiosk = await compose();
      try {
        const port = new URL(kiosk.apiUrl).port;
        const refused = await call(
          `http://${address}:${port}`,
          'technicianUnlock',
          { pin: PIN },
          {
            authorization: `Bearer ${TOKEN}`,
          },
        );
        expect(refused).toMatchObject({ ok: false, error: { code: 'technician-not-from-lan' } });
      } finally {
        await kiosk.close();
      }
      expect(audit()).toEqual([
        expect.objectContaining({
          action: 'api-refused',
          outcome: 'refused',
          code: 'technician-not-from-lan',
          address,
        }),
      ]);
    },
  );
});
