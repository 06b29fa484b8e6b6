import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConfig } from '../../main/core/config';
import { verifyPin } from '../../main/core/auth/pin';
import { tempDir } from '../support/kiosk-fixture';

const SCRIPT = join(import.meta.dirname, '../../scripts/set-pin.ts');

/** Runs `npm run set-pin`'s script as a real process, the PIN on standard input. */
const setPin = (args: string[], pin: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { input: `${pin}\n`, encoding: 'utf8' });

describe('set-pin --desk writes a desk PIN hash into the configuration file', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir('kiosk-set-pin-');
    file = join(dir.path, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ centreName: 'Test', desks: [{ id: '2', serviceIds: ['passport'] }] }));
  });
  afterEach(() => dir.remove());

  it('sets the PIN of a listed desk and of a new one, and the file still loads', () => {
    expect(setPin(['--config', file, '--desk', '2'], '482613').status).toBe(0);
    const added = setPin(['--config', file, '--desk', '7'], '915724');
    expect(added.status).toBe(0);
    expect(added.stderr).toContain('desk 7 was not listed');
    const config = KioskConfig.parse(JSON.parse(readFileSync(file, 'utf8')));
    const [two, seven] = config.desks;
    expect(two).toMatchObject({ id: '2', serviceIds: ['passport'] });
    expect(verifyPin('482613', two!.pinHash!)).toBe(true);
    expect(seven).toMatchObject({ id: '7', serviceIds: ['*'] });
    expect(verifyPin('915724', seven!.pinHash!)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('482613');
  });

  it('refuses a bad desk id or PIN and leaves the file as it was', () => {
    const before = readFileSync(file, 'utf8');
    const badDesk = setPin(['--config', file, '--desk', 'desk two'], '482613');
    expect(badDesk.status).toBe(1);
    expect(badDesk.stderr).toContain('--desk');
    expect(setPin(['--config', file, '--desk', '2'], '12').status).toBe(1);
    // Every new PIN has 6 digits or more, and is none anyone would try first.
    for (const [pin, reason] of [
      ['4826', 'refused: the PIN must be 6 to 12 digits'],
      ['48261', 'refused: the PIN must be 6 to 12 digits'],
      ['222222', 'refused: the PIN must not be one digit repeated or a run such as 123456'],
    ]) {
      const refused = setPin(['--config', file, '--desk', '2'], pin!);
      expect(refused.status, pin).toBe(1);
      expect(refused.stderr, pin).toContain(reason);
    }
    expect(setPin(['--config', file], '4826').status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
