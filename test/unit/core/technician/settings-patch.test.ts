import { describe, expect, it } from 'vitest';
import {
  changedPaths,
  mergeSettings,
  needsRestart,
  protectedFieldProblems,
  UNSET,
} from '../../../../main/core/technician/settings-patch';

describe('a technician patch of the settings', () => {
  it('merges objects field by field, replaces arrays and values, and removes a setting given UNSET', () => {
    const file = {
      centreName: 'A',
      idle: { seconds: 70, warningSeconds: 20 },
      languages: ['az', 'ru'],
      kioskId: 'k-1',
    };
    expect(mergeSettings(file, { idle: { seconds: 90 }, languages: ['en'], kioskId: UNSET })).toEqual({
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

  it('keeps null as a value: a nullable setting such as speech.fallbackLanguage becomes null, not its default', () => {
    const merged = mergeSettings({ speech: { fallbackLanguage: 'az' } }, { speech: { fallbackLanguage: null } });
    expect(merged).toEqual({ speech: { fallbackLanguage: null } });
  });

  it('refuses a null, UNSET or replaced section that holds the PIN hash', () => {
    const reason = 'technician: would replace technician.pinHash, which is changed through the PIN change only';
    expect(protectedFieldProblems({ technician: null })).toEqual([reason]);
    expect(protectedFieldProblems({ technician: UNSET })).toEqual([reason]);
    expect(protectedFieldProblems({ technician: 'none' })).toEqual([reason]);
    expect(protectedFieldProblems({ technician: { pinHash: UNSET } })).toEqual([
      'technician.pinHash: is changed through the PIN change only',
    ]);
  });

  it('ignores __proto__, constructor and prototype keys, so Object.prototype stays clean', () => {
    // As a patch arrives: parsed from JSON, where "__proto__" is an own key, not the prototype.
    const patch = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "prototype": {"x": 1},' +
        ' "idle": {"__proto__": {"polluted": true}, "seconds": 90}}',
    ) as Record<string, unknown>;
    const merged = mergeSettings({ idle: { seconds: 70 }, centreName: 'A' }, patch);
    expect(merged).toEqual({ idle: { seconds: 90 }, centreName: 'A' });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(merged.idle)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.keys(merged)).toEqual(['idle', 'centreName']);
  });
});
