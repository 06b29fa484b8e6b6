import { homedir } from 'node:os';
import { join } from 'node:path';
import { startLocalPostgres, type LocalPostgres } from './local-postgres';

/** Where the central keeps its certificate and, for a try-out, its own PostgreSQL. */
export const centralDataDir = (env: NodeJS.ProcessEnv = process.env) =>
  env.CENTRAL_DATA_DIR ?? join(homedir(), '.local', 'share', 'kiosk-central');

/**
 * The database the central uses: DATABASE_URL when set (production), otherwise a cluster of its
 * own in the data folder, started if it is not running (a try-out; see README, "The network").
 */
export async function centralDatabase(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ url: string; local: LocalPostgres | null }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, local: null };
  const local = await startLocalPostgres(join(centralDataDir(env), 'postgres'));
  return { url: local.url, local };
}
