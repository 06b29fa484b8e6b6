import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralCatalogFile } from '../../main/boot/release-follower';
import { writeCentralCredential } from '../../main/boot/central-credential';
import { composeKiosk, dataFiles, type ComposedKiosk } from '../../main/boot/compose';
import { readLogTail } from '../../main/boot/logging';
import { normaliseFingerprint } from '../../main/boot/pinned-https';
import { loadCatalogFile } from '../../main/boot/read-files';
import { apiPaths, type Catalog } from '../../main/contract';
import { hashPin } from '../../main/core/auth/pin';
import { ManualClock, SAMPLE_CATALOG, tempDir } from '../support/kiosk-fixture';
import { TEST_FINGERPRINT, TestCentral } from '../support/test-central';

/*
 * A catalog released centrally reaches an enrolled kiosk (composed in this process, real HTTPS to a
 * test central; the real central server on PostgreSQL is tested with devices in its own files): it
 * is checked as a technician's import, applied keeping the last good one, reported upstream, and a
 * bad one is refused with the kiosk keeping what it has.
 */

const openingHours = () => new ManualClock(new Date('2026-11-20T08:00:00Z'));

/** The sample catalog with the passport service renamed in every language: a visible change. */
function renamedPassport(label: string): Catalog {
  const catalog = loadCatalogFile(SAMPLE_CATALOG);
  return {
    ...catalog,
    services: catalog.services.map((service) =>
      service.id === 'passport'
        ? {
            ...service,
            name: Object.fromEntries(
              Object.entries(service.name).map(([language, name]) => [language, `${name} (${label})`]),
            ) as typeof service.name,
          }
        : service,
    ),
  };
}

const getCatalog = (kiosk: ComposedKiosk) =>
  fetch(kiosk.apiUrl + apiPaths.call('getCatalog'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).then((response) => response.json() as Promise<{ ok: true; value: Catalog }>);

const passportName = async (kiosk: ComposedKiosk, language: 'en' | 'ru') =>
  (await getCatalog(kiosk)).value.services.find((service) => service.id === 'passport')?.name[language];

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the catalog from the central server, on an enrolled kiosk (test central: in-memory, real HTTPS)', () => {
  let dir: ReturnType<typeof tempDir>;
  let central: TestCentral;
  let kiosk: ComposedKiosk | null;

  const start = async () => {
    kiosk = await composeKiosk({
      dataDir: dir.path,
      overrides: { api: { port: 0 }, kioskId: 'bus-7' },
      clock: openingHours(),
      log: () => {},
    });
    return kiosk;
  };

  beforeEach(async () => {
    dir = tempDir('kiosk-central-catalog-');
    central = new TestCentral();
    const url = await central.start();
    const token = central.addDevice('bus-7', 'baku-1');
    writeCentralCredential(dir.path, {
      url,
      deviceId: 'bus-7',
      centreId: 'baku-1',
      role: 'bus',
      token,
      fingerprint: normaliseFingerprint(TEST_FINGERPRINT)!,
    });
    kiosk = null;
  });
  afterEach(async () => {
    await kiosk?.close();
    await central.close();
    dir.remove();
  });

  it('applies the released catalog at start, keeps it as the last good one, and reports its version upstream', async () => {
    central.releases.set('baku-1', { version: '2026-12-v2', catalog: renamedPassport('v2') });
    central.releases.set('ganja-2', { version: 'other-centre', catalog: renamedPassport('not ours') });
    const running = await start();
    await until(() => running.centralCatalogVersion() === '2026-12-v2', 'the catalog applied');
    expect(await passportName(running, 'en')).toBe('Issue of a passport (v2)');
    expect(await passportName(running, 'ru')).toBe('Выдача общегражданского паспорта (v2)');
    const lastGood = JSON.parse(readFileSync(dataFiles(dir.path).lastGoodCatalog, 'utf8')) as Catalog;
    expect(lastGood.services.find((service) => service.id === 'passport')?.name.en).toBe('Issue of a passport (v2)');
    expect(JSON.parse(readFileSync(centralCatalogFile(dir.path), 'utf8'))).toMatchObject({ version: '2026-12-v2' });
    const audit = readFileSync(dataFiles(dir.path).technicianAudit, 'utf8');
    expect(audit).toContain('"action":"catalog-from-central"');

    // The next batch carries the version applied, for the fleet screen.
    await fetch(running.apiUrl + apiPaths.call('issueTicket'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'passport', language: 'az' }),
    });
    await until(() => central.batches.some((batch) => batch.status === 200), 'a batch stored');
    expect(central.batches.at(-1)).toMatchObject({ catalogVersion: '2026-12-v2', appVersion: '0.1.0' });

    // Asked again with nothing new: one small 304, nothing applied again.
    expect(await running.checkCentralCatalog()).toBe('unchanged');
    expect(central.catalogAnswers.at(-1)).toBe(304);
    expect(readFileSync(dataFiles(dir.path).technicianAudit, 'utf8').match(/catalog-from-central/g)).toHaveLength(1);
  });

  it('refuses a bad release naming the service and field, keeps the catalog in use, and does not try it again', async () => {
    central.releases.set('baku-1', { version: 'v2', catalog: renamedPassport('v2') });
    const running = await start();
    await until(() => running.centralCatalogVersion() === 'v2', 'v2 applied');

    const bad = renamedPassport('v3') as unknown as { services: Array<{ id: string; name: Record<string, string> }> };
    delete bad.services.find((service) => service.id === 'passport')!.name.kk;
    central.releases.set('baku-1', { version: 'v3', catalog: bad });
    expect(await running.checkCentralCatalog()).toBe('refused');
    expect(running.centralCatalogVersion()).toBe('v2');
    expect(await passportName(running, 'en')).toBe('Issue of a passport (v2)');
    const refused = readLogTail(dataFiles(dir.path).logs, 50).find(
      (entry) => entry.details.event === 'central-catalog-refused',
    );
    expect(refused?.level).toBe('error');
    expect(refused?.message).toContain('v3');
    expect(refused?.message).toContain('passport');
    expect(refused?.message).toMatch(/name/);

    // Polled again, the same refused version is not applied again (one refusal in the audit).
    expect(await running.checkCentralCatalog()).toBe('unchanged');
    const audit = readFileSync(dataFiles(dir.path).technicianAudit, 'utf8');
    expect(audit.match(/"action":"catalog-from-central","outcome":"refused"/g)).toHaveLength(1);

    // A corrected release goes in.
    central.releases.set('baku-1', { version: 'v4', catalog: renamedPassport('v4') });
    expect(await running.checkCentralCatalog()).toBe('applied');
    expect(await passportName(running, 'en')).toBe('Issue of a passport (v4)');
  });

  it('keeps the applied version across a restart and asks with it (304), and runs on its catalog when none is released', async () => {
    const running = await start();
    expect(await running.checkCentralCatalog()).toBe('none-released');
    expect(await passportName(running, 'en')).toBe('Issue of a passport');
    central.releases.set('baku-1', { version: 'v2', catalog: renamedPassport('v2') });
    expect(await running.checkCentralCatalog()).toBe('applied');
    await running.close();
    kiosk = null;

    const again = await start();
    await until(() => central.catalogAnswers.length >= 3, 'the restarted kiosk asked');
    expect(central.catalogAnswers).toEqual([404, 200, 304]);
    expect(again.centralCatalogVersion()).toBe('v2');
    expect(await passportName(again, 'en')).toBe('Issue of a passport (v2)');
  });

  it("applies the centre's settings (its fields only), keeps the device's own and its desk PINs, and refuses the rest", async () => {
    const deskPin = hashPin('482915');
    writeFileSync(
      dataFiles(dir.path).config,
      JSON.stringify({ kioskId: 'bus-7', desks: [{ id: '1', serviceIds: ['*'], pinHash: deskPin }] }),
    );
    central.settingsReleases.set('baku-1', {
      version: 's1',
      settings: {
        centreName: 'ASAN Bus 7',
        desks: [
          { id: '1', serviceIds: ['*'] },
          { id: '2', serviceIds: ['passport'] },
        ],
      },
    });
    const running = await start();
    await until(() => running.centralSettingsVersion() === 's1', 'the settings applied');
    const info = await fetch(running.apiUrl + apiPaths.call('getKioskInfo'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).then((response) => response.json() as Promise<{ value: { centreName: string; kioskId: string } }>);
    expect(info.value).toMatchObject({ centreName: 'ASAN Bus 7', kioskId: 'bus-7' });
    const saved = JSON.parse(readFileSync(dataFiles(dir.path).config, 'utf8')) as {
      desks: Array<{ id: string; pinHash?: string | null }>;
    };
    expect(saved.desks.map((desk) => desk.id)).toEqual(['1', '2']);
    expect(saved.desks[0]!.pinHash).toBe(deskPin);

    // The device's own fields and PINs are not the centre's to set: refused, nothing changes.
    central.settingsReleases.set('baku-1', {
      version: 's2',
      settings: {
        centreName: 'Elsewhere',
        printer: { port: '/dev/ttyS9' },
        desks: [{ id: '1', serviceIds: ['*'], pinHash: 'x' }],
      },
    });
    expect(await running.checkCentralSettings()).toBe('refused');
    expect(running.centralSettingsVersion()).toBe('s1');
    const refused = readLogTail(dataFiles(dir.path).logs, 50).find(
      (entry) => entry.details.event === 'central-settings-refused',
    );
    expect(refused?.message).toContain("printer: is this device's own");
    expect(refused?.message).toContain('desks[1].pinHash: PINs are set on the device');
    expect(JSON.parse(readFileSync(dataFiles(dir.path).config, 'utf8'))).toMatchObject({ centreName: 'ASAN Bus 7' });
  });
});
