/**
 * The secrets of a configuration file: the technician PIN hash, the desks' PIN hashes and the API
 * token. An exported file travels (USB sticks, e-mail, a ticket system), and a PIN hash of 6 digits
 * is found by trying all million PINs offline, so exports leave them out unless asked; an import
 * that has none keeps this device's own, so importing a fleet's file never resets a PIN.
 */

type Settings = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Settings =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const desksOf = (settings: Settings): Settings[] | null =>
  Array.isArray(settings.desks) ? settings.desks.filter(isPlainObject) : null;

/** The settings without their secrets, and the dotted paths of those left out. */
export function withoutSecrets(settings: Settings): { settings: Settings; withheld: string[] } {
  const withheld: string[] = [];
  const next: Settings = { ...settings };
  const drop = (section: string, key: string) => {
    const value = next[section];
    if (!isPlainObject(value) || !(key in value) || value[key] === null) return;
    const rest = { ...value };
    delete rest[key];
    next[section] = rest;
    withheld.push(`${section}.${key}`);
  };
  drop('technician', 'pinHash');
  drop('api', 'token');
  if (Array.isArray(settings.desks)) {
    next.desks = settings.desks.map((desk: unknown) => {
      if (!isPlainObject(desk) || desk.pinHash === undefined || desk.pinHash === null) return desk;
      const rest = { ...desk };
      delete rest.pinHash;
      withheld.push(`desks[${String(desk.id)}].pinHash`);
      return rest;
    });
  }
  return { settings: next, withheld };
}

/**
 * An imported file's settings with this device's secrets filled in where the file has none (it was
 * exported without them); a secret the file does carry is taken from the file.
 */
export function keepingOwnSecrets(imported: Settings, current: Settings): Settings {
  const next: Settings = { ...imported };
  const keep = (section: string, key: string) => {
    const own = current[section];
    if (!isPlainObject(own) || own[key] === undefined || own[key] === null) return;
    const theirs = next[section];
    if (theirs !== undefined && !isPlainObject(theirs)) return; // refused by the check that follows
    if (isPlainObject(theirs) && theirs[key] !== undefined) return;
    next[section] = { ...theirs, [key]: own[key] };
  };
  keep('technician', 'pinHash');
  keep('api', 'token');
  const ownDesks = desksOf(current);
  if (ownDesks && Array.isArray(next.desks)) {
    next.desks = next.desks.map((desk: unknown) => {
      if (!isPlainObject(desk) || desk.pinHash !== undefined) return desk;
      const own = ownDesks.find((candidate) => candidate.id === desk.id);
      return own && typeof own.pinHash === 'string' ? { ...desk, pinHash: own.pinHash } : desk;
    });
  }
  return next;
}
