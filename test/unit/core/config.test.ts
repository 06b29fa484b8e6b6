import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKioskConfig, loadKioskConfigKeepingLastGood } from '../../../main/boot/config-file';
import { configJsonSchemaText } from '../../../main/core/json-schemas';
import { hashPin, verifyPin } from '../../../main/core/auth/pin';
import { InvalidFileError } from '../../../main/core/validation-report';
import { tempDir } from '../../support/kiosk-fixture';

describe('device configuration', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('runs on embedded defaults: virtual printer, loopback API, six languages', () => {
    const config = loadKioskConfig(undefined);
    expect(config.printer.port).toBeNull();
    expect(config.api.host).toBe('127.0.0.1');
    expect(config.languages).toEqual(['az', 'ru', 'en', 'kk', 'ky', 'uz']);
  });

  it('takes the file, then the command line on top', () => {
    const file = join(dir.path, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ centreName: 'Bus 3', timeZone: 'Asia/Almaty', printer: { baudRate: 19200 } }));
    const config = loadKioskConfig(file, { printer: { port: '/dev/ttyUSB0' } });
    expect(config).toMatchObject({ centreName: 'Bus 3', timeZone: 'Asia/Almaty' });
    expect(config.printer).toMatchObject({ port: '/dev/ttyUSB0', baudRate: 19200 });
  });

  it('names the file and the field of each problem', () => {
    const file = join(dir.path, 'bad.json');
    writeFileSync(file, JSON.stringify({ timeZone: 'Mars/Olympus', defaultLanguage: 'fr', colour: 'red' }));
    let error: unknown;
    try {
      loadKioskConfig(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidFileError);
    const problems = (error as InvalidFileError).problems.map((problem) => `${problem.file} ${problem.field}`);
    expect(problems).toEqual(expect.arrayContaining([`${file} timeZone`, `${file} defaultLanguage`, `${file} colour`]));
    expect((error as InvalidFileError).message).toContain('is not a known IANA time zone');
  });

  it('takes a technician PIN only as a hash, refusing a PIN written in plain', () => {
    const file = join(dir.path, 'pin.json');
    writeFileSync(file, JSON.stringify({ technician: { pinHash: hashPin('5821') } }));
    expect(verifyPin('5821', loadKioskConfig(file).technician.pinHash ?? '')).toBe(true);
    writeFileSync(file, JSON.stringify({ technician: { pinHash: '5821' } }));
    expect(() => loadKioskConfig(file)).toThrow(
      `${file}: technician.pinHash: must be a hash made by \`npm run set-pin\``,
    );
    expect(loadKioskConfig(undefined).technician).toEqual({ pinHash: null, sessionIdleSeconds: 300 });
  });

  it('refuses an http:// update feed with a clear error, and takes https://', () => {
    const file = join(dir.path, 'updates.json');
    writeFileSync(file, JSON.stringify({ updates: { url: 'http://updates.example.org/kiosk/' } }));
    expect(() => loadKioskConfig(file)).toThrow(`${file}: updates.url: must be an https:// URL`);
    writeFileSync(file, JSON.stringify({ updates: { url: 'https://updates.example.org/kiosk/' } }));
    expect(loadKioskConfig(file).updates.url).toBe('https://updates.example.org/kiosk/');
  });

  it('keeps technician calls off the LAN and no extra API host names unless the file says so', () => {
    expect(loadKioskConfig(undefined).api).toMatchObject({ allowedHosts: [], technicianFromLan: false });
    const file = join(dir.path, 'api.json');
    writeFileSync(file, JSON.stringify({ api: { allowedHosts: ['kiosk-3.hall.lan', '[fd00::2]:8443', 'http://x'] } }));
    expect(() => loadKioskConfig(file)).toThrow(
      `${file}: api.allowedHosts[2]: must be a host name or address, with an optional :port`,
    );
    writeFileSync(file, JSON.stringify({ api: { allowedHosts: ['kiosk-3.hall.lan', '[fd00::2]:8443'] } }));
    expect(loadKioskConfig(file).api.allowedHosts).toEqual(['kiosk-3.hall.lan', '[fd00::2]:8443']);
  });

  it('refuses a file that is not one JSON object, saying so', () => {
    const file = join(dir.path, 'list.json');
    writeFileSync(file, '[1, 2]');
    expect(() => loadKioskConfig(file)).toThrow(`${file}: must hold one JSON object of settings`);
  });

  it('names a section that is not an object instead of spreading it into fields', () => {
    const file = join(dir.path, 'printer-text.json');
    writeFileSync(file, JSON.stringify({ printer: '/dev/ttyUSB0' }));
    expect(() => loadKioskConfig(file, { printer: { baudRate: 19200 } })).toThrow(`${file}: printer: `);
  });

  it('keeps the last good configuration when the file turns bad, and says why', () => {
    const file = join(dir.path, 'kiosk-config.json');
    const lastGood = join(dir.path, 'data', 'kiosk-config.last-good.json');
    writeFileSync(file, JSON.stringify({ centreName: 'Bus 3', printer: { baudRate: 19200 } }));
    expect(loadKioskConfigKeepingLastGood(file, lastGood).refused).toBeUndefined();
    // The copy is the file's own settings, not the defaults, so later default changes still apply.
    expect(JSON.parse(readFileSync(lastGood, 'utf8'))).toEqual({ centreName: 'Bus 3', printer: { baudRate: 19200 } });

    writeFileSync(file, JSON.stringify({ centreName: 'Bus 4', printer: { baudRate: 'fast' } }));
    const kept = loadKioskConfigKeepingLastGood(file, lastGood, { api: { port: 0 } });
    expect(kept.refused?.problems).toEqual([expect.objectContaining({ file, field: 'printer.baudRate' })]);
    expect(kept.config).toMatchObject({ centreName: 'Bus 3', printer: { baudRate: 19200 }, api: { port: 0 } });
  });

  it('refuses a bad file outright when there is no last good one', () => {
    const file = join(dir.path, 'kiosk-config.json');
    const lastGood = join(dir.path, 'none.json');
    writeFileSync(file, '{"kioskId": "has spaces"}');
    expect(() => loadKioskConfigKeepingLastGood(file, lastGood)).toThrow(InvalidFileError);
    expect(existsSync(lastGood)).toBe(false);
  });
});

describe('configuration JSON Schema', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());
  const schemaFile = join(import.meta.dirname, '../../../config/kiosk-config.schema.json');

  it('is the one generated from the zod schema (run `npx tsx scripts/json-schemas.ts` after changing it)', () => {
    // Compared as data, so formatting the file (prettier) does not make it stale.
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(JSON.parse(configJsonSchemaText()));
  });

  it('lets a file name it for editors and still be accepted', () => {
    const file = join(dir.path, 'with-schema.json');
    writeFileSync(file, JSON.stringify({ $schema: '../config/kiosk-config.schema.json', kioskId: 'bus-3' }));
    expect(loadKioskConfig(file).kioskId).toBe('bus-3');
  });
});
