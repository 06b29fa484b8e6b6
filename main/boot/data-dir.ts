import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The data folder outside Electron when neither `--data-dir` nor `KIOSK_DATA_DIR` names one:
 * `$XDG_DATA_HOME/kiosk` or `~/.local/share/kiosk` (Electron uses its user-data folder, `~/.config/Kiosk`).
 */
export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'kiosk');
}
