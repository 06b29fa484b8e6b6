import { CENTRAL_SETTINGS_KEYS } from '../contract/sync';

type Settings = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Settings =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The network's settings with a centre's over them: objects field by field, lists and values replaced. */
export function mergeSettingsPatches(network: Settings, centre: Settings): Settings {
  const merged: Settings = { ...network };
  for (const [key, value] of Object.entries(centre)) {
    merged[key] =
      isPlainObject(value) && isPlainObject(network[key]) ? mergeSettingsPatches(network[key], value) : value;
  }
  return merged;
}

/** Why a settings patch may not go to devices: fields that are each device's own, and PINs. */
export function settingsPatchProblems(patch: Settings): string[] {
  const managed = new Set<string>(CENTRAL_SETTINGS_KEYS);
  const problems = Object.keys(patch)
    .filter((key) => !managed.has(key))
    .map((key) => `${key}: is each device's own, not the centre's to set`);
  const desks = patch.desks;
  if (Array.isArray(desks)) {
    desks.forEach((desk, index) => {
      if (isPlainObject(desk) && desk.pinHash !== undefined && desk.pinHash !== null) {
        problems.push(`desks.${index}.pinHash: PINs are set on the device, never sent by the centre`);
      }
    });
  }
  return problems;
}

/** The version a centre's devices see: the network's revision and the centre's (0: none). */
export const settingsVersion = (centreId: string, networkRevision: number, centreRevision: number) =>
  `net.${networkRevision}+${centreId}.${centreRevision}`;
