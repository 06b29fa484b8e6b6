import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBinDir, startLocalPostgres, type LocalPostgres } from '../../main/central/boot/local-postgres';

/** Why the central's tests cannot run here, or null when PostgreSQL is installed. */
export const postgresMissing = (): string | null =>
  postgresBinDir() ? null : 'PostgreSQL is not installed (apt-get install -y postgresql; .ci/run does)';

/**
 * A real PostgreSQL server of the test's own, in a temp folder (the same launcher as
 * `npm run start:central`'s try-out), thrown away with its data by `remove()`.
 */
export async function throwawayPostgres(): Promise<LocalPostgres & { remove(): void }> {
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-central-pg-'));
  const cluster = await startLocalPostgres(folder, { throwaway: true });
  return {
    ...cluster,
    start: cluster.start,
    stop: cluster.stop,
    remove: () => {
      cluster.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
