/**
 * How a technician's partial change of settings becomes the file's new settings, and which of the
 * changed fields only take effect at the next start.
 */

type Settings = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Settings =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Fields read once at start (main/boot/compose.ts, main/app/main.ts), so a change waits for the
 * next start: the API's address and token, the speech engine's settings, the updater's feed, and
 * the catalog file's path (an imported catalog applies at once through applyCatalogImport).
 */
const RESTART_PREFIXES = ['api', 'speech', 'updates', 'catalogPath'] as const;

/** Fields a patch may not touch: PINs change only through their own calls, which hash them. */
const PROTECTED_PATHS = ['technician.pinHash'] as const;

/**
 * The patch value that removes a setting from the file, so it falls back to its default. Null is
 * a value of its own (`speech.fallbackLanguage: null` means "say nothing"), so it cannot double as
 * "remove".
 */
export const UNSET = { $unset: true } as const;

const isUnset = (value: unknown): boolean =>
  isPlainObject(value) && value.$unset === true && Object.keys(value).length === 1;

/**
 * Keys that would reach an object's prototype rather than a setting: a patch parsed from JSON
 * holds `"__proto__"` as an own key, and assigning it would change what every object inherits.
 * No setting has these names, so they are skipped.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Objects are merged field by field; arrays and plain values (null among them) are replaced;
 * `UNSET` removes the setting, so it falls back to its default. Prototype keys are ignored.
 */
export function mergeSettings(base: Settings, patch: Settings): Settings {
  const merged: Settings = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (PROTOTYPE_KEYS.has(key)) continue;
    if (isUnset(value)) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(base[key])) merged[key] = mergeSettings(base[key], value);
    else merged[key] = value;
  }
  return merged;
}

/**
 * Paths of the patch that may not be patched, each with the reason, in the form of a validation
 * problem. Replacing or removing a section that holds a protected field (`technician: null`)
 * would change that field too, so it is refused as well.
 */
export function protectedFieldProblems(patch: Settings): string[] {
  return PROTECTED_PATHS.flatMap((path) => {
    const touched = touchedAt(patch, path.split('.'));
    if (touched === null) return [];
    if (touched === path) return [`${path}: is changed through the PIN change only`];
    return [`${touched}: would replace ${path}, which is changed through the PIN change only`];
  });
}

/** The patch's path that reaches or replaces the protected path, or null when the patch leaves it alone. */
function touchedAt(value: Settings, path: readonly string[], prefix = ''): string | null {
  const [head, ...rest] = path;
  if (head === undefined || !(head in value)) return null;
  const here = prefix ? `${prefix}.${head}` : head;
  const next = value[head];
  if (rest.length === 0 || !isPlainObject(next) || isUnset(next)) return here;
  return touchedAt(next, rest, here);
}

/** Dotted paths whose values differ; an array counts as one value (a changed list of desks is `desks`). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

export const needsRestart = (path: string): boolean =>
  RESTART_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
