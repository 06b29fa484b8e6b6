import { existsSync, readFileSync, statSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { SystemFacts } from '../core/ports';

/** The app's version from its package.json; "unknown" when it cannot be read (a broken install says so). */
export function appVersion(appRoot: string): string {
  try {
    const { version } = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** What technician diagnostics read from this machine: versions, uptime, disk and database sizes. */
export function systemFacts(options: {
  appRoot: string;
  dataDir: string;
  databaseFile: string;
  centralLink: SystemFacts['centralLink'];
  hallLink: SystemFacts['hallLink'];
}): SystemFacts {
  const startedAt = Date.now();
  const app = appVersion(options.appRoot);
  return {
    dataDir: options.dataDir,
    centralLink: options.centralLink,
    hallLink: options.hallLink,
    versions: () => ({
      app,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chromium: process.versions.chrome ?? null,
    }),
    uptimeSeconds: () => Math.round((Date.now() - startedAt) / 1000),
    freeDiskBytes: async () => {
      try {
        const stats = await statfs(options.dataDir);
        return stats.bavail * stats.bsize;
      } catch {
        return null;
      }
    },
    databaseBytes: () => {
      if (!existsSync(options.databaseFile)) return null;
      // The write-ahead log holds recent tickets until a checkpoint: it is part of the database's size.
      const wal = `${options.databaseFile}-wal`;
      return statSync(options.databaseFile).size + (existsSync(wal) ? statSync(wal).size : 0);
    },
  };
}
