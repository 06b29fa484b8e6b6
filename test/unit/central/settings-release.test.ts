import { describe, expect, it } from 'vitest';
import { mergeSettingsPatches, settingsPatchProblems } from '../../../main/central/settings-release';

describe('the settings the central holds for devices', () => {
  it("lays a centre's settings over the network's: objects field by field, lists replaced", () => {
    expect(
      mergeSettingsPatches(
        { centreName: 'ASAN', rating: { faces: 5, changeSeconds: 60 }, desks: [{ id: '1' }, { id: '2' }] },
        { rating: { faces: 3 }, desks: [{ id: '7' }] },
      ),
    ).toEqual({ centreName: 'ASAN', rating: { faces: 3, changeSeconds: 60 }, desks: [{ id: '7' }] });
  });

  it("refuses each device's own fields and PINs, naming them", () => {
    expect(settingsPatchProblems({ centreName: 'x', rating: {}, desks: [{ id: '1' }] })).toEqual([]);
    expect(
      settingsPatchProblems({
        kioskId: 'k',
        printer: {},
        api: {},
        technician: {},
        desks: [{ id: '1' }, { id: '2', pinHash: 'scrypt$…' }],
      }),
    ).toEqual([
      "kioskId: is each device's own, not the centre's to set",
      "printer: is each device's own, not the centre's to set",
      "api: is each device's own, not the centre's to set",
      "technician: is each device's own, not the centre's to set",
      'desks.1.pinHash: PINs are set on the device, never sent by the centre',
    ]);
  });
});
