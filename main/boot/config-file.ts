import { z } from 'zod';
import { KioskConfig } from '../core/config';
import { InvalidFileError, describeIssues, loadJsonFile } from '../core/validation-report';

export type KioskConfigInput = z.input<typeof KioskConfig>;

const JsonObject = z.record(z.string(), z.unknown());

/**
 * The device's configuration: the file's settings (if a file is given) with the command line's
 * overrides on top, then the embedded defaults for everything left unset. A bad file is refused
 * with every problem named by field.
 */
export function loadKioskConfig(file: string | undefined, overrides: KioskConfigInput = {}): KioskConfig {
  let fromFile: Record<string, unknown> = {};
  if (file) fromFile = loadJsonFile(file, JsonObject);
  const merged = {
    ...fromFile,
    ...overrides,
    printer: { ...(fromFile.printer as object | undefined), ...overrides.printer },
    api: { ...(fromFile.api as object | undefined), ...overrides.api },
  };
  const result = KioskConfig.safeParse(merged);
  const source = file ?? 'the command-line settings';
  if (!result.success) throw new InvalidFileError(source, describeIssues(source, merged, result.error.issues));
  return result.data;
}
