import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';

/** The file-system calls a durable write makes: node:fs, or in a test a wrapper that records or breaks them. */
export type DurableFs = Pick<
  typeof nodeFs,
  'mkdirSync' | 'openSync' | 'writeFileSync' | 'fsyncSync' | 'closeSync' | 'renameSync'
>;

/**
 * Replaces `file` with `text` so that a power cut at any instant leaves either the old file or the
 * new one, whole. The text goes to a temp file beside it, which is fsynced, and its folder too (so
 * the temp file's name is on disk); only then is it renamed over the file, and the folder fsynced
 * again, since a rename is durable only once its folder is. When this returns, the new file
 * survives a power cut: only then may anything that depends on it (a last good copy) be written.
 * `mode` is the new file's permissions (0o600 for a file holding a secret), set when the temp file
 * is made, so the secret is never readable by others, not even for an instant.
 */
export function writeFileDurably(file: string, text: string, fs: DurableFs = nodeFs, mode?: number): void {
  const folder = dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  const temp = `${file}.tmp`;
  const fd = mode === undefined ? fs.openSync(temp, 'w') : fs.openSync(temp, 'w', mode);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  syncFolder(folder, fs);
  fs.renameSync(temp, file);
  syncFolder(folder, fs);
}

/** Makes a file someone else wrote (a technician's edit) durable before a copy of it is kept. */
export function syncFileDurably(file: string, fs: DurableFs = nodeFs): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  syncFolder(dirname(file), fs);
}

function syncFolder(folder: string, fs: DurableFs): void {
  // Windows cannot open a folder to fsync it (and its renames need no folder sync); the kiosk runs on Linux.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
