import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/*
 * A PostgreSQL cluster of the central's own, from Debian's `postgresql` package: for trying the
 * central out without a database server (`npm run start:central` with no DATABASE_URL) and for the
 * tests, which each start one in a temp folder and throw it away. PostgreSQL refuses to run as
 * root, so on a root shell (CI, containers) the cluster belongs to the `postgres` user.
 */

/** The newest installed server's programs (PG_BIN overrides). */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program as the cluster's owner: the `postgres` user when we are root. */
function run(bin: string, program: string, args: string[]): { ok: boolean; output: string } {
  const command = asRoot() ? 'runuser' : join(bin, program);
  const fullArgs = asRoot() ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** Starts the stopped server again on the same port and data. */
  start(): void;
  /** Stops it, waiting for it to end (`fast`: sessions are cut, as a restart does). */
  stop(): void;
  /** Whether this call started it (false: it was running already, another process's to stop). */
  startedNow: boolean;
}

/**
 * Starts (creating it first if need be) the cluster in `folder`. `throwaway` tunes it for tests
 * (no fsync: a test's data need not survive a power cut of the test machine).
 */
export async function startLocalPostgres(
  folder: string,
  options: { throwaway?: boolean; port?: number } = {},
): Promise<LocalPostgres> {
  const bin = postgresBinDir();
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed (looked in /usr/lib/postgresql/*/bin; set PG_BIN to use another): ' +
        'sudo apt-get install -y postgresql, or set DATABASE_URL to a server of yours',
    );
  }
  mkdirSync(folder, { recursive: true });
  const dataDir = join(folder, 'data');
  const portFile = join(folder, 'port');
  if (asRoot()) {
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const postgresGid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(folder, postgresUid, postgresGid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const init = run(bin, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    if (!init.ok) throw new Error(`initdb failed in ${dataDir}:\n${init.output}`);
  }
  const port =
    options.port ?? (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : await freePort());
  writeFileSync(portFile, `${port}\n`);
  const settings = [
    `-p ${port}`,
    `-k ${folder}`,
    "-c listen_addresses='127.0.0.1'",
    ...(options.throwaway ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  const cluster: LocalPostgres = {
    startedNow: false,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start: () => {
      const started = run(bin, 'pg_ctl', [
        '-D',
        dataDir,
        '-o',
        settings,
        '-l',
        join(folder, 'postgres.log'),
        '-w',
        'start',
      ]);
      if (!started.ok) throw new Error(`PostgreSQL did not start (${dataDir}):\n${started.output}`);
    },
    stop: () => {
      run(bin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
  };
  const status = run(bin, 'pg_ctl', ['-D', dataDir, 'status']);
  if (!status.ok) {
    cluster.start();
    cluster.startedNow = true;
  }
  return cluster;
}
