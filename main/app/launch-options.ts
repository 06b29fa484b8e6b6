import { resolve } from 'node:path';

export interface LaunchOptions {
  /** Device configuration file; undefined runs on the embedded defaults. */
  configPath?: string;
  /** Replaces Electron's userData folder (database, logs, Chromium's own data); for tests and trials. */
  dataDir?: string;
}

/**
 * Reads `--config=<file>` and `--data-dir=<dir>` (Chromium-style, as Electron passes its own
 * switches), falling back to KIOSK_CONFIG and KIOSK_DATA_DIR as the browser shell does. Relative
 * paths are taken from the folder the kiosk was started in.
 */
export function readLaunchOptions(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): LaunchOptions {
  const configPath = flagValue(argv, 'config') ?? (env.KIOSK_CONFIG || undefined);
  const dataDir = flagValue(argv, 'data-dir') ?? (env.KIOSK_DATA_DIR || undefined);
  return {
    ...(configPath && { configPath: resolve(cwd, configPath) }),
    ...(dataDir && { dataDir: resolve(cwd, dataDir) }),
  };
}

function flagValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const arg = argv.findLast((candidate) => candidate.startsWith(prefix));
  return arg === undefined ? undefined : arg.slice(prefix.length) || undefined;
}
