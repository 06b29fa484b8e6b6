import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CENTRAL = join(import.meta.dirname, '../../scripts/central.ts');

export interface CentralProcess {
  url: string;
  /** The certificate's SHA-256 fingerprint as the central prints it. */
  fingerprint: string;
  output: () => string;
  /** SIGKILL: no shutdown code runs, as in a crash. Resolves once it is gone. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The central's environment for a test: its database, data folder and port. */
export interface CentralEnv {
  DATABASE_URL: string;
  CENTRAL_DATA_DIR: string;
  CENTRAL_PORT: string;
}

/** Starts `npm run start:central` (scripts/central.ts serve) as its own process, as the README does. */
export function startCentralProcess(env: CentralEnv): Promise<CentralProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CENTRAL, 'serve'], {
    env: { CENTRAL_ADMIN_PORT: '0', CENTRAL_DASHBOARD_PORT: '0', ...process.env, ...env, CENTRAL_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the central did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on https:\/\/[\d.]+:(\d+)/.exec(output)?.[1];
      const fingerprint = /fingerprint: ([0-9A-F:]{95})/.exec(output)?.[1];
      if (port && fingerprint) {
        clearTimeout(timer);
        resolve({
          url: `https://127.0.0.1:${port}`,
          fingerprint,
          output: () => output,
          kill: () => ended(child, 'SIGKILL'),
          stop: () => ended(child, 'SIGTERM'),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the central exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Runs one of the central's commands (`npm run central -- …`) to its end, with `input` on its
 * standard input (as a pipe, not a terminal); returns what it printed.
 */
export function centralCommand(
  env: CentralEnv,
  args: string[],
  input?: string,
): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CENTRAL, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    input,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}
