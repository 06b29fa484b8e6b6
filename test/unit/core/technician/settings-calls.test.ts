import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../main/contract';
import type { EventPayload } from '../../../../main/contract';
import { configFileSettings } from '../../../../main/boot/config-file';
import { catalogToCsv } from '../../../../main/core/catalog-csv';
import { KioskConfig } from '../../../../main/core/config';
import type { PrinterConfig } from '../../../../main/core/config';
import { createKioskCore } from '../../../../main/core/kiosk-core';
import type { TechnicianAuditEntry } from '../../../../main/core/ports';
import { hashPin, verifyPin } from '../../../../main/core/auth/pin';
import { SqliteStore } from '../../../../main/store/sqlite-store';
import { printerTestPage } from '../../../../native/printer/test-page';
import { loadCatalogFile } from '../../../../main/boot/read-files';
import { ManualClock, RecordingPrinterStandIn, SAMPLE_CATALOG, tempDir } from '../../../support/kiosk-fixture';

const PIN = '482916';
const PIN_HASH = hashPin(PIN);

/**
 * Technician settings calls over a real configuration file and SQLite database in a temporary
 * folder; the printer is a recording stand-in (printing itself is tested through a PTY in e2e).
 */
function kiosk(dir: string) {
  const configFile = join(dir, 'kiosk-config.json');
  const lastGood = join(dir, 'kiosk-config.last-good.json');
  writeFileSync(configFile, JSON.stringify({ centreName: 'Test centre', technician: { pinHash: PIN_HASH } }));
  const config = KioskConfig.parse(JSON.parse(readFileSync(configFile, 'utf8')));
  const opened: { settings: PrinterConfig; printer: RecordingPrinterStandIn }[] = [];
  const first = new RecordingPrinterStandIn();
  let closedFirst = false;
  first.close = async () => {
    closedFirst = true;
  };
  const audit: TechnicianAuditEntry[] = [];
  const store = new SqliteStore(join(dir, 'kiosk.sqlite'));
  const clock = new ManualClock(new Date('2026-11-20T08:00:00Z'));
  const core = createKioskCore({
    config,
    catalog: loadCatalogFile(SAMPLE_CATALOG),
    store,
    printer: first,
    clock,
    audit: { record: (entry) => audit.push(entry) },
    settings: configFileSettings(configFile, {
      lastGoodFile: lastGood,
      dataDir: dir,
      lastGoodCatalog: join(dir, 'catalog.last-good.json'),
    }),
    printers: {
      open: (settings) => {
        const printer = new RecordingPrinterStandIn();
        opened.push({ settings, printer });
        return printer;
      },
      testPage: printerTestPage,
    },
  });
  const events: EventPayload<'settingsChanged'>[] = [];
  core.subscribe((event, payload) => {
    if (event === 'settingsChanged') events.push(payload as EventPayload<'settingsChanged'>);
  });
  const readConfig = () => JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  return {
    service: core.handlers,
    store,
    clock,
    first,
    opened,
    audit,
    events,
    configFile,
    lastGood,
    readConfig,
    closedFirst: () => closedFirst,
  };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected a refusal');
  return error as Error & { code?: string };
};

describe('technician settings calls', () => {
  let dir: ReturnType<typeof tempDir>;
  let k: ReturnType<typeof kiosk>;
  let token: string;
  beforeEach(async () => {
    dir = tempDir('kiosk-technician-settings-');
    k = kiosk(dir.path);
    token = (await k.service.technicianUnlock({ pin: PIN })).token;
  });
  afterEach(() => {
    k.store.close();
    dir.remove();
  });

  it('apply a new default language at once, write the file and its last good copy, tell the screens, and audit the fields', async () => {
    const applied = await k.service.updateSettings({ token, patch: { defaultLanguage: 'ru', idle: { seconds: 90 } } });
    expect(applied).toEqual({ changed: ['defaultLanguage', 'idle.seconds'], restartRequired: [] });
    const info = await k.service.getKioskInfo({});
    expect(info.defaultLanguage).toBe('ru');
    expect(info.idle).toEqual({ seconds: 90, warningSeconds: 20 });
    expect(k.readConfig()).toMatchObject({ centreName: 'Test centre', defaultLanguage: 'ru', idle: { seconds: 90 } });
    expect(JSON.parse(readFileSync(k.lastGood, 'utf8'))).toEqual(k.readConfig());
    expect(k.events).toEqual([applied]);
    expect(k.audit.at(-1)).toMatchObject({
      action: 'settings-changed',
      outcome: 'ok',
      detail: { changed: applied.changed },
    });
  });

  it('refuse a bad patch naming every field, and change nothing', async () => {
    const before = readFileSync(k.configFile, 'utf8');
    const error = await refusal(
      k.service.updateSettings({ token, patch: { idle: { seconds: 2 }, timeZone: 'Mars/Olympus', languages: ['en'] } }),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('idle.seconds: Too small');
    expect(error.message).not.toContain('the changed settings');
    expect(error.message).toContain('timeZone');
    expect(error.message).toContain('defaultLanguage');
    expect(readFileSync(k.configFile, 'utf8')).toBe(before);
    expect((await k.service.getKioskInfo({})).languages).toEqual([...LANGUAGES]);
    expect(k.events).toEqual([]);
    expect(k.audit.at(-1)).toMatchObject({ action: 'settings-changed', outcome: 'refused' });
  });

  it('say that the API port waits for a restart, and refuse the PIN hash through a patch', async () => {
    await expect(k.service.updateSettings({ token, patch: { api: { port: 9999 } } })).resolves.toEqual({
      changed: ['api.port'],
      restartRequired: ['api.port'],
    });
    const error = await refusal(
      k.service.updateSettings({ token, patch: { technician: { pinHash: hashPin('1234') } } }),
    );
    expect(error.message).toContain('technician.pinHash');
    expect(verifyPin(PIN, (k.readConfig().technician as { pinHash: string }).pinHash)).toBe(true);
  });

  it('reopen the printer with new settings, closing the old one, and print the test page on the new one', async () => {
    await k.service.updateSettings({ token, patch: { printer: { port: '/dev/ttyUSB7', baudRate: 38400 } } });
    expect(k.closedFirst()).toBe(true);
    expect(k.opened).toHaveLength(1);
    expect(k.opened[0]!.settings).toMatchObject({ port: '/dev/ttyUSB7', baudRate: 38400, profile: 'epson-tm-t20iii' });
    await k.service.testPrint({ token });
    const page = k.opened[0]!.printer.reports[0]!;
    const rows = page.rows.map((row) => `${row.label}: ${row.value}`);
    expect(rows).toContain('Port: /dev/ttyUSB7');
    expect(rows).toContain('Baud: 38400');
    expect(rows).toContain('Model profile: epson-tm-t20iii');
    expect(rows.filter((row) => LANGUAGES.some((lng) => row.startsWith(`${lng}: `)))).toHaveLength(6);
    expect(k.first.reports).toEqual([]);
  });

  it('refuse a test print the printer fails, saying why', async () => {
    k.first.failWith = 'no paper';
    const error = await refusal(k.service.testPrint({ token }));
    expect(error.code).toBe('printer-unavailable');
    expect(error.message).toContain('no paper');
  });

  it('preview a bad catalog with every problem by entry and field, applying nothing', async () => {
    const sample = JSON.parse(readFileSync(SAMPLE_CATALOG, 'utf8'));
    sample.services[0].name.kk = '';
    sample.services[1].categoryId = 'no-such-category';
    const preview = await k.service.previewCatalogImport({ token, text: JSON.stringify(sample), format: 'json' });
    // The two problems made, and nothing else.
    expect(preview.problems.map((p) => [p.entry, p.field])).toEqual([
      [`services[0] (id "${sample.services[0].id}")`, 'name.kk'],
      [`services[1] (id "${sample.services[1].id}")`, 'categoryId'],
    ]);
    const error = await refusal(k.service.applyCatalogImport({ token, text: JSON.stringify(sample), format: 'json' }));
    expect(error.code).toBe('invalid-input');
    expect((await k.service.getCatalog({})).services[0]!.name.kk).not.toBe('');
  });

  it('apply a good CSV catalog at once, into the data folder, pointing the configuration to it', async () => {
    const catalog = loadCatalogFile(SAMPLE_CATALOG);
    const smaller = { ...catalog, services: catalog.services.slice(0, 3) };
    const preview = await k.service.applyCatalogImport({ token, text: catalogToCsv(smaller), format: 'csv' });
    expect(preview.problems).toEqual([]);
    expect(preview.totals.services).toBe(3);
    expect((await k.service.getCatalog({})).services.map((s) => s.id)).toEqual(smaller.services.map((s) => s.id));
    const saved = join(dir.path, 'catalog.json');
    expect(k.readConfig().catalogPath).toBe(saved);
    expect(loadCatalogFile(saved).services).toHaveLength(3);
    expect(existsSync(join(dir.path, 'catalog.last-good.json'))).toBe(true);
    expect(k.events.at(-1)).toEqual({ changed: ['catalog'], restartRequired: [] });
  });

  it('set a desk PIN as a scrypt hash only, and refuse an unknown desk by name', async () => {
    await k.service.setDeskPin({ token, deskId: '1', pin: '246813' });
    const desks = k.readConfig().desks as { id: string; pinHash: string }[];
    expect(verifyPin('246813', desks[0]!.pinHash)).toBe(true);
    expect(JSON.stringify(k.readConfig())).not.toContain('246813');
    // In effect at once: the desk signs in with it without a restart.
    await expect(k.service.deskSignIn({ deskId: '1', pin: '246813' })).resolves.toMatchObject({
      token: expect.any(String),
    });
    const error = await refusal(k.service.setDeskPin({ token, deskId: '9', pin: '246813' }));
    expect(error.code).toBe('unknown-desk');
    expect(error.message).toContain('deskId');
  });

  it('refuse a desk PIN shorter than 6 digits or one anyone would guess, and keep the old one', async () => {
    await k.service.setDeskPin({ token, deskId: '1', pin: '246813' });
    const before = readFileSync(k.configFile, 'utf8');
    for (const [pin, message] of [
      ['2468', 'pin: must be 6 to 12 digits'],
      ['111111', 'pin: must not be one digit repeated or a run such as 123456'],
      ['123456', 'pin: must not be one digit repeated or a run such as 123456'],
    ] as const) {
      const error = await refusal(k.service.setDeskPin({ token, deskId: '1', pin }));
      expect(error).toMatchObject({ code: 'invalid-input', message });
    }
    expect(readFileSync(k.configFile, 'utf8')).toBe(before);
  });

  it('export the configuration without PIN hashes and the API token unless asked, and keep them on import', async () => {
    await k.service.setDeskPin({ token, deskId: '1', pin: '246813' });
    await k.service.updateSettings({ token, patch: { api: { token: 'a-long-api-token-0123456789' } } });
    const plain = await k.service.exportConfiguration({ token });
    const text = JSON.stringify(plain.settings);
    expect(text).not.toMatch(/scrypt\$/);
    expect(text).not.toContain('a-long-api-token');
    expect(plain.withheld).toEqual(['technician.pinHash', 'api.token', 'desks[1].pinHash']);
    expect(plain.settings).toMatchObject({ centreName: 'Test centre', desks: [{ id: '1', serviceIds: ['*'] }] });
    const full = await k.service.exportConfiguration({ token, includeSecrets: true });
    expect(full).toMatchObject({
      withheld: [],
      settings: { technician: { pinHash: PIN_HASH }, api: { token: 'a-long-api-token-0123456789' } },
    });
    expect(JSON.stringify(full.settings)).toMatch(/"desks":\[\{"id":"1","serviceIds":\["\*"\],"pinHash":"scrypt\$/);
    expect(k.audit.filter((entry) => entry.action === 'config-exported').map((entry) => entry.detail)).toEqual([
      { includeSecrets: false, withheld: ['technician.pinHash', 'api.token', 'desks[1].pinHash'] },
      { includeSecrets: true },
    ]);

    // Imported here again (as a fleet's file would be), the file without secrets keeps this kiosk's PINs and token.
    await k.service.importConfiguration({ token, settings: { ...plain.settings, centreName: 'Fleet centre' } });
    const written = k.readConfig() as {
      centreName: string;
      technician: { pinHash: string };
      api: { token: string };
      desks: { pinHash: string }[];
    };
    expect(written.centreName).toBe('Fleet centre');
    expect(written.technician.pinHash).toBe(PIN_HASH);
    expect(written.api.token).toBe('a-long-api-token-0123456789');
    expect(verifyPin('246813', written.desks[0]!.pinHash)).toBe(true);
  });

  it('refuse every settings call without a session', async () => {
    for (const call of [
      () => k.service.getSettings({ token: 'nope' }),
      () => k.service.updateSettings({ token: 'nope', patch: {} }),
      () => k.service.testPrint({ token: 'nope' }),
      () => k.service.getDiagnostics({ token: 'nope' }),
    ]) {
      expect((await refusal(call())).code).toBe('technician-session-required');
    }
  });

  it('report diagnostics: the printer, the last errors, no speech where none is composed', async () => {
    const facts = await k.service.getDiagnostics({ token });
    expect(facts.printer.canPrint).toBe(true);
    expect(facts.lastErrors).toEqual([]);
    expect(facts.speechVoices).toBeNull();
  });

  it('refuse a patch that would drop the technician section and with it the PIN hash', async () => {
    const before = readFileSync(k.configFile, 'utf8');
    for (const technician of [null, { $unset: true }]) {
      const error = await refusal(k.service.updateSettings({ token, patch: { technician } }));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toContain('technician.pinHash');
    }
    expect(readFileSync(k.configFile, 'utf8')).toBe(before);
    // The first-run PIN still opens nothing: the PIN hash is where it was.
    expect((await refusal(k.service.technicianUnlock({ pin: '000000' }))).code).toBe('wrong-pin');
  });

  it('keep a null the patch gives: speech.fallbackLanguage null stays silent, it does not fall back to ru', async () => {
    await k.service.updateSettings({ token, patch: { speech: { fallbackLanguage: null } } });
    const { effective } = await k.service.getSettings({ token });
    expect((effective.speech as { fallbackLanguage: unknown }).fallbackLanguage).toBeNull();
    expect(k.readConfig().speech).toEqual({ fallbackLanguage: null });
  });

  it('say a restart is needed exactly for the settings read once at start: speech, updates, catalogPath, api', async () => {
    const applied = await k.service.updateSettings({
      token,
      patch: {
        speech: { rate: 120 },
        updates: { url: 'https://updates.example.org/kiosk/' },
        catalogPath: '/srv/kiosk/catalog.json',
        idle: { seconds: 120 },
      },
    });
    expect(applied.restartRequired).toEqual(['catalogPath', 'speech.rate', 'updates.url']);
    expect(applied.changed).toContain('idle.seconds');
    expect(applied.restartRequired).not.toContain('idle.seconds');
  });

  it('apply a new technician idle time to the open session at once', async () => {
    const applied = await k.service.updateSettings({ token, patch: { technician: { sessionIdleSeconds: 60 } } });
    expect(applied).toEqual({ changed: ['technician.sessionIdleSeconds'], restartRequired: [] });
    k.clock.set(new Date(k.clock.now().getTime() + 61_000));
    const error = await refusal(k.service.getSettings({ token }));
    expect(error.code).toBe('technician-session-required');
    expect(error.message).toContain('idle');
  });

  it('write no catalog when the configuration pointing to it is refused', async () => {
    // The file was edited by hand after the start into something the kiosk refuses.
    writeFileSync(k.configFile, JSON.stringify({ ...k.readConfig(), idle: { seconds: 1 } }));
    const catalog = loadCatalogFile(SAMPLE_CATALOG);
    const error = await refusal(k.service.applyCatalogImport({ token, text: JSON.stringify(catalog), format: 'json' }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('idle.seconds');
    expect(existsSync(join(dir.path, 'catalog.json'))).toBe(false);
    expect(existsSync(join(dir.path, 'catalog.last-good.json'))).toBe(false);
    expect(k.readConfig().catalogPath).toBeUndefined();
  });

  it('keep the last good copy of an imported configuration, with the kiosk id of this device', async () => {
    await k.service.updateSettings({ token, patch: { kioskId: 'kiosk-here' } });
    await k.service.importConfiguration({
      token,
      settings: { centreName: 'Imported centre', kioskId: 'kiosk-there', technician: { pinHash: PIN_HASH } },
    });
    expect(k.readConfig()).toMatchObject({ centreName: 'Imported centre', kioskId: 'kiosk-here' });
    expect(JSON.parse(readFileSync(k.lastGood, 'utf8'))).toEqual(k.readConfig());
  });
});
