import { describe, expect, test } from 'vitest';
import { readLaunchOptions } from '../../../main/app/launch-options';

const electronArgv = ['/usr/lib/kiosk/kiosk', '.'];

describe('readLaunchOptions', () => {
  test('takes nothing when nothing is given', () => {
    expect(readLaunchOptions(electronArgv, {}, '/srv')).toEqual({});
  });

  test('reads --config= and --data-dir=, relative to the start folder', () => {
    const argv = [...electronArgv, '--config=kiosk.json', '--data-dir=/var/lib/kiosk'];
    expect(readLaunchOptions(argv, {}, '/srv')).toEqual({ configPath: '/srv/kiosk.json', dataDir: '/var/lib/kiosk' });
  });

  test('falls back to KIOSK_CONFIG and KIOSK_DATA_DIR, which the flags override', () => {
    const env = { KIOSK_CONFIG: '/etc/kiosk.json', KIOSK_DATA_DIR: 'data' };
    expect(readLaunchOptions(electronArgv, env, '/srv')).toEqual({
      configPath: '/etc/kiosk.json',
      dataDir: '/srv/data',
    });
    expect(readLaunchOptions([...electronArgv, '--config=/tmp/trial.json'], env, '/srv').configPath).toBe(
      '/tmp/trial.json',
    );
  });

  test('ignores empty values and look-alike flags', () => {
    const argv = [...electronArgv, '--config=', '--configuration=x.json', '--data-dir'];
    expect(readLaunchOptions(argv, { KIOSK_CONFIG: '' }, '/srv')).toEqual({});
  });
});
