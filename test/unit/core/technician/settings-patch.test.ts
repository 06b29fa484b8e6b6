import { describe, expect, it } from 'vitest';
import {
  changedPaths,
  mergeSettings,
  needsRestart,
  protectedFieldProblems,
} from '../../../../main/core/technician/settings-patch';

describe('a technician patch of the settings', () => {
  it('merges objects field by field, replaces arrays and values, and removes a setting given null', () => {
    const file = {
      centreName: 'A',
      idle: { seconds: 70, warningSeconds: 20 },
      languages: ['az', 'ru'],
      kioskId: 'k-1',
    };
    expect(mergeSettings(file, { idle: { seconds: 90 }, languages: ['en'], kioskId: null })).toEqual({
      centreName: 'A',
      idle: { seconds: 90, warningSeconds: 20 },
      languages: ['en'],
    });
    expect(file.idle.seconds).toBe(70);
  });

  it('names changed fields by path, an array as one field', () => {
    const before = { printer: { port: null, baudRate: 9600 }, desks: [{ id: '1' }], api: { port: 8787 } };
    const after = {
      printer: { port: '/dev/ttyUSB0', baudRate: 9600 },
      desks: [{ id: '1' }, { id: '2' }],
      api: { port: 9000 },
    };
    const changed = changedPaths(before, after);
    expect(changed).toEqual(['api.port', 'desks', 'printer.port']);
    expect(changed.filter(needsRestart)).toEqual(['api.port']);
  });

  it('refuses the technician PIN hash, which changes through the PIN change only', () => {
    expect(protectedFieldProblems({ technician: { pinHash: 'scrypt$…' } })).toEqual([
      'technician.pinHash: is changed through the PIN change only',
    ]);
    expect(protectedFieldProblems({ technician: { sessionIdleSeconds: 60 } })).toEqual([]);
  });
});
