import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeKiosk, dataFiles } from '../../main/boot/compose';
import { apiPaths } from '../../main/contract';
import { ManualClock, tempDir } from '../support/kiosk-fixture';

/** Friday noon in Baku: every sample service is open, whatever day the tests run. */
const openingHours = () => new ManualClock(new Date('2026-11-20T08:00:00Z'));

describe('composing the kiosk on its embedded defaults', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-compose-')));
  afterEach(() => dir.remove());

  it('keeps its database, last good catalog and virtual printer output in the data folder, and opens the API', async () => {
    const kiosk = await composeKiosk({
      dataDir: dir.path,
      overrides: { api: { port: 0 } },
      clock: openingHours(),
      log: () => {},
    });
    try {
      expect(kiosk.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(kiosk.apiUrl + apiPaths.call('issueTicket'), {
        method: 'POST',
        body: JSON.stringify({ serviceId: 'passport', language: 'uz' }),
      });
      expect(await response.json()).toMatchObject({ ok: true, value: { number: 'A-001', printStatus: 'printed' } });
    } finally {
      await kiosk.close();
    }
    const files = dataFiles(dir.path);
    expect(existsSync(files.database)).toBe(true);
    expect(existsSync(files.lastGoodCatalog)).toBe(true);
    expect(readdirSync(files.virtualPrinter).sort()).toEqual([
      expect.stringMatching(/-A-001\.bin$/),
      expect.stringMatching(/-A-001\.png$/),
    ]);
  });

  it('closes the API with the kiosk, so a restart can listen on the same port', async () => {
    const first = await composeKiosk({ dataDir: dir.path, overrides: { api: { port: 0 } }, log: () => {} });
    const port = Number(new URL(first.apiUrl).port);
    await first.close();
    const second = await composeKiosk({
      dataDir: join(dir.path, 'again'),
      overrides: { api: { port } },
      log: () => {},
    });
    expect(second.apiUrl).toBe(`http://127.0.0.1:${port}`);
    await second.close();
  });
});
