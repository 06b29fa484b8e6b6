import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../../main/boot/config-file';
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
    expect(problems).toEqual(expect.arrayContaining([`${file} timeZone`, `${file} defaultLanguage`, `${file} `]));
    expect((error as InvalidFileError).message).toContain('is not a known IANA time zone');
  });
});
