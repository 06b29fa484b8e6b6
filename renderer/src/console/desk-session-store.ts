import { DeskSession } from '../../../main/contract';

const KEY = 'console.deskSession';

/**
 * The desk session survives a reload of the tablet's page (sessionStorage: gone when the tab
 * closes), so a crew member does not retype the PIN after an accidental refresh.
 */
export function loadDeskSession(storage: Storage): DeskSession | null {
  const raw = storage.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = DeskSession.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveDeskSession(storage: Storage, session: DeskSession | null): void {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}
