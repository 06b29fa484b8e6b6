import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeKiosk, dataFiles } from '../../main/boot/compose';
import { readLogTail } from '../../main/boot/logging';
import { apiPaths } from '../../main/contract';
import type { CallInput, CallOutput, CallResult, KioskCallName } from '../../main/contract';
import { hashPin, verifyPin } from '../../main/core/auth/pin';
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
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: 'passport', language: 'uz' }),
      });
      expect(await response.json()).toMatchObject({ ok: true, value: { number: 'A-001', printStatus: 'printed' } });
    } finally {
      await kiosk.close();
    }
    const files = dataFiles(dir.path);
    expect(existsSync(files.database)).toBe(true);
    expect(existsSync(files.lastGoodCatalog)).toBe(true);
    expect(
      readLogTail(files.logs, 10).map((entry) => [entry.level, entry.details.event, entry.details.number]),
    ).toEqual([
      ['info', 'ticket-issued', 'A-001'],
      ['info', 'ticket-printed', 'A-001'],
    ]);
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

describe('composing the kiosk from a configuration file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-compose-config-')));
  afterEach(() => dir.remove());

  it('takes <data folder>/kiosk-config.json when no --config is given', async () => {
    const files = dataFiles(dir.path);
    writeFileSync(files.config, JSON.stringify({ kioskId: 'bus-7', api: { port: 0 } }));
    const kiosk = await composeKiosk({ dataDir: dir.path, log: () => {} });
    await kiosk.close();
    expect(kiosk.config.kioskId).toBe('bus-7');
    expect(existsSync(files.lastGoodConfig)).toBe(true);
  });

  it('prefers the given file to the one in the data folder', async () => {
    writeFileSync(dataFiles(dir.path).config, JSON.stringify({ kioskId: 'from-data-folder' }));
    const given = join(dir.path, 'given.json');
    writeFileSync(given, JSON.stringify({ kioskId: 'given', api: { port: 0 } }));
    const kiosk = await composeKiosk({ dataDir: dir.path, configPath: given, log: () => {} });
    await kiosk.close();
    expect(kiosk.config.kioskId).toBe('given');
  });

  it('keeps running on the last good configuration when the file turns bad, and logs the field', async () => {
    const file = join(dir.path, 'etc', 'kiosk.json');
    mkdirSync(join(dir.path, 'etc'));
    writeFileSync(file, JSON.stringify({ kioskId: 'hall-2', api: { port: 0 } }));
    await (await composeKiosk({ dataDir: dir.path, configPath: file, log: () => {} })).close();

    writeFileSync(file, JSON.stringify({ kioskId: 'hall-2', api: { port: 'any' } }));
    const logged: string[] = [];
    const kiosk = await composeKiosk({ dataDir: dir.path, configPath: file, log: (line) => logged.push(line) });
    await kiosk.close();
    expect(kiosk.config).toMatchObject({ kioskId: 'hall-2', api: { port: 0 } });
    expect(logged.join('\n')).toContain(`${file}: api.port: `);
    expect(logged.join('\n')).toContain('keeps its last good configuration');
    const [refusal] = readLogTail(dataFiles(dir.path).logs, 1, 'warn');
    expect(refusal?.details).toMatchObject({ event: 'config-refused', file, problems: [{ field: 'api.port' }] });
  });
});

describe('technician calls through the local API', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-compose-technician-')));
  afterEach(() => dir.remove());

  /** The API's envelope, read as the technician screens will read it. */
  const call = async <N extends KioskCallName>(apiUrl: string, name: N, input: CallInput<N>) =>
    (await (
      await fetch(apiUrl + apiPaths.call(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
    ).json()) as CallResult<N>;
  const valueOf = <N extends KioskCallName>(result: CallResult<N>): CallOutput<N> => {
    if (!result.ok) throw new Error(`refused: ${result.error.message}`);
    return result.value;
  };

  it('shows the log only to an unlocked technician, filtered by level', async () => {
    writeFileSync(
      dataFiles(dir.path).config,
      JSON.stringify({ api: { port: 0 }, technician: { pinHash: hashPin('582146') } }),
    );
    const kiosk = await composeKiosk({ dataDir: dir.path, clock: openingHours(), log: () => {} });
    try {
      await call(kiosk.apiUrl, 'issueTicket', { serviceId: 'passport', language: 'az' });
      expect(await call(kiosk.apiUrl, 'readLog', { token: 'guessed' })).toMatchObject({
        ok: false,
        error: { code: 'technician-session-required' },
      });
      expect(await call(kiosk.apiUrl, 'technicianUnlock', { pin: '0000' })).toMatchObject({
        ok: false,
        error: { code: 'wrong-pin', message: 'wrong PIN: 4 more wrong PINs lock technician mode' },
      });
      const unlocked = await call(kiosk.apiUrl, 'technicianUnlock', { pin: '582146' });
      expect(unlocked).toMatchObject({ ok: true, value: { mustChangePin: false } });

      const { token } = valueOf(unlocked);
      const all = valueOf(await call(kiosk.apiUrl, 'readLog', { token, limit: 10 }));
      expect(all.map(({ details }) => [details.event, details.action ?? details.number, details.outcome])).toEqual([
        ['ticket-issued', 'A-001', undefined],
        ['ticket-printed', 'A-001', undefined],
        ['technician', 'session-refused', 'refused'],
        ['technician', 'unlock', 'refused'],
        ['technician', 'unlock', 'ok'],
      ]);
      const warnings = valueOf(await call(kiosk.apiUrl, 'readLog', { token, minLevel: 'warn' }));
      expect(warnings.map(({ level, details }) => [level, details.action, details.reason])).toEqual([
        ['warn', 'session-refused', 'no-session'],
        ['warn', 'unlock', 'wrong-pin'],
      ]);
      // The machine's own ports (whatever this one has), offered only inside a session too.
      expect(await call(kiosk.apiUrl, 'listSerialPorts', { token: 'guessed' })).toMatchObject({ ok: false });
      expect(valueOf(await call(kiosk.apiUrl, 'listSerialPorts', { token }))).toBeInstanceOf(Array);
    } finally {
      await kiosk.close();
    }
  });

  it('forces the first-run PIN to be changed, saves the new hash to the config file, and audits each step', async () => {
    const files = dataFiles(dir.path);
    const first = await composeKiosk({ dataDir: dir.path, overrides: { api: { port: 0 } }, log: () => {} });
    try {
      const { token, mustChangePin } = valueOf(await call(first.apiUrl, 'technicianUnlock', { pin: '000000' }));
      expect(mustChangePin).toBe(true);
      expect(await call(first.apiUrl, 'readLog', { token })).toMatchObject({
        ok: false,
        error: { code: 'technician-session-required', message: expect.stringContaining('first-run PIN') },
      });
      expect(valueOf(await call(first.apiUrl, 'changeTechnicianPin', { token, newPin: '735146' }))).toEqual({
        mustChangePin: false,
      });
      expect(await call(first.apiUrl, 'readLog', { token })).toMatchObject({ ok: true });
    } finally {
      await first.close();
    }
    const saved = JSON.parse(readFileSync(files.config, 'utf8'));
    expect(verifyPin('735146', saved.technician.pinHash)).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('735146');
    const audit = readFileSync(files.technicianAudit, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(audit.map(({ action, outcome }) => `${action} ${outcome}`)).toEqual([
      'unlock ok',
      'session-refused refused',
      'pin-changed ok',
    ]);

    // The next start reads the new PIN from the data folder's file.
    const again = await composeKiosk({ dataDir: dir.path, overrides: { api: { port: 0 } }, log: () => {} });
    try {
      expect(await call(again.apiUrl, 'technicianUnlock', { pin: '000000' })).toMatchObject({
        error: { code: 'wrong-pin' },
      });
      expect(await call(again.apiUrl, 'technicianUnlock', { pin: '735146' })).toMatchObject({ ok: true });
    } finally {
      await again.close();
    }
  });

  it('exports the whole configuration and imports it on another device, which keeps its own kiosk id', async () => {
    const pinHash = hashPin('582146');
    const dirA = join(dir.path, 'a');
    const dirB = join(dir.path, 'b');
    mkdirSync(dirA);
    mkdirSync(dirB);
    const fleet = { centreName: 'Bus 3', printer: { baudRate: 19200, flowControl: 'rtscts' }, api: { port: 0 } };
    writeFileSync(
      dataFiles(dirA).config,
      JSON.stringify({ ...fleet, kioskId: 'bus-3-kiosk-1', technician: { pinHash } }),
    );
    writeFileSync(
      dataFiles(dirB).config,
      JSON.stringify({ kioskId: 'bus-3-kiosk-2', api: { port: 0 }, technician: { pinHash } }),
    );

    const a = await composeKiosk({ dataDir: dirA, log: () => {} });
    let exported: Record<string, unknown>;
    try {
      const { token } = valueOf(await call(a.apiUrl, 'technicianUnlock', { pin: '582146' }));
      exported = valueOf(await call(a.apiUrl, 'exportConfiguration', { token })).settings;
    } finally {
      await a.close();
    }
    expect(exported).toMatchObject({ ...fleet, kioskId: 'bus-3-kiosk-1' });

    const b = await composeKiosk({ dataDir: dirB, log: () => {} });
    try {
      const { token } = valueOf(await call(b.apiUrl, 'technicianUnlock', { pin: '582146' }));
      const before = readFileSync(dataFiles(dirB).config, 'utf8');
      const refused = await call(b.apiUrl, 'importConfiguration', {
        token,
        settings: { ...exported, printer: { baudRate: 'fast' } },
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', message: expect.stringContaining('printer.baudRate') },
      });
      expect(readFileSync(dataFiles(dirB).config, 'utf8')).toBe(before);
      expect(valueOf(await call(b.apiUrl, 'importConfiguration', { token, settings: exported }))).toEqual({
        restartRequired: true,
      });
    } finally {
      await b.close();
    }
    // At the next start device B runs on the fleet's settings under its own id.
    const restarted = await composeKiosk({ dataDir: dirB, log: () => {} });
    await restarted.close();
    expect(restarted.config).toMatchObject({
      centreName: 'Bus 3',
      kioskId: 'bus-3-kiosk-2',
      printer: { baudRate: 19200, flowControl: 'rtscts' },
    });
    const audit = readFileSync(dataFiles(dirB).technicianAudit, 'utf8');
    expect(audit).toMatch(/"action":"config-imported","outcome":"refused"/);
    expect(audit).toMatch(/"action":"config-imported","outcome":"ok"/);
  });
});
