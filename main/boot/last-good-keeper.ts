import { existsSync } from 'node:fs';
import { InvalidFileError } from '../core/validation-report';
import { syncFileDurably, writeFileDurably, type DurableFs } from './durable-write';

export interface KeptFile<T> {
  value: T;
  /** Set when the given file was refused and the last good copy is in use instead. */
  refused?: InvalidFileError;
}

/**
 * Loads a file a technician edits (catalog, device configuration) and keeps a copy of each good
 * one in the data folder, so a bad edit later never takes the kiosk down: it carries on with the
 * last good copy and says what was refused. Only a refusal (InvalidFileError) falls back; any
 * other error is a fault of the kiosk and is thrown.
 */
export function loadKeepingLastGood<T>(
  file: string,
  lastGoodFile: string,
  load: (file: string) => T,
  /** What is written as the last good copy: JSON that `load` reads back to the same value. */
  toJson: (value: T) => unknown,
  fs?: DurableFs,
): KeptFile<T> {
  try {
    const value = load(file);
    // The file as loaded is made durable first (an editor may not have synced it), then the copy
    // is written durably: a power cut never leaves a last good copy newer than its file, or half of one.
    syncFileDurably(file, fs);
    writeFileDurably(lastGoodFile, `${JSON.stringify(toJson(value), null, 2)}\n`, fs);
    return { value };
  } catch (error) {
    if (!(error instanceof InvalidFileError) || !existsSync(lastGoodFile)) throw error;
    return { value: load(lastGoodFile), refused: error };
  }
}
