/**
 * How a technician's partial change of settings becomes the file's new settings, and which of the
 * changed fields only take effect at the next start.
 */

type Settings = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Settings =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Fields the running kiosk cannot change under its clients' feet: the API's address and token. */
const RESTART_PREFIXES = ['api'] as const;

/** Fields a patch may not touch: PINs change only through their own calls, which hash them. */
const PROTECTED_PATHS = ['technician.pinHash'] as const;

/**
 * Objects are merged field by field; arrays and plain values are replaced; null removes the
 * setting, so it falls back to its default.
 */
export function mergeSettings(base: Settings, patch: Settings): Settings {
  const merged: Settings = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(base[key])) merged[key] = mergeSettings(base[key], value);
    else merged[key] = value;
  }
  return merged;
}

/** Paths of the patch that may not be patched, each with the reason, in the form of a validation problem. */
export function protectedFieldProblems(patch: Settings): string[] {
  return PROTECTED_PATHS.filter((path) => hasPath(patch, path.split('.'))).map(
    (path) => `${path}: is changed through the PIN change only`,
  );
}

function hasPath(value: unknown, path: string[]): boolean {
  if (path.length === 0) return true;
  return isPlainObject(value) && path[0]! in value && hasPath(value[path[0]!], path.slice(1));
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
