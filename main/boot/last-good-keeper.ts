import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidFileError } from '../core/validation-report';

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
): KeptFile<T> {
  try {
    const value = load(file);
    mkdirSync(dirname(lastGoodFile), { recursive: true });
    // Written then renamed, so a power cut never leaves a half-written last good copy.
    writeFileSync(`${lastGoodFile}.tmp`, `${JSON.stringify(toJson(value), null, 2)}\n`);
    renameSync(`${lastGoodFile}.tmp`, lastGoodFile);
    return { value };
  } catch (error) {
    if (!(error instanceof InvalidFileError) || !existsSync(lastGoodFile)) throw error;
    return { value: load(lastGoodFile), refused: error };
  }
}
