import { DeskId } from '../../contract';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The one place PIN hashes are written into a configuration file's settings (technician mode, the
 * set-pin script and the technician PIN change all come here), so each keeps the rest as written.
 */

/** A configuration file's settings with the technician PIN hash set, the section's other settings kept. */
export function withTechnicianPinHash(settings: Record<string, unknown>, pinHash: string): Record<string, unknown> {
  const technician = isPlainObject(settings.technician) ? settings.technician : {};
  return { ...settings, technician: { ...technician, pinHash } };
}

/**
 * A configuration file's settings with one desk's PIN hash set: the desk's other settings are
 * kept, and a desk the file does not list yet is added calling for every service.
 */
export function withDeskPinHash(
  settings: Record<string, unknown>,
  deskId: string,
  pinHash: string,
): { settings: Record<string, unknown>; added: boolean } {
  const id = DeskId.safeParse(deskId);
  if (!id.success) throw new Error(`--desk: "${deskId}" ${id.error.issues[0]?.message ?? 'is not a desk id'}`);
  const listed = settings.desks;
  if (listed !== undefined && !Array.isArray(listed))
    throw new Error('desks: must be a list in the configuration file');
  const desks = (listed ?? []) as Record<string, unknown>[];
  const added = !desks.some((desk) => desk.id === deskId);
  const next = added
    ? [...desks, { id: deskId, serviceIds: ['*'], pinHash }]
    : desks.map((desk) => (desk.id === deskId ? { ...desk, pinHash } : desk));
  return { settings: { ...settings, desks: next }, added };
}
