import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { kiosk } from './kiosk-client';

export const APP_ROOT = join(import.meta.dirname, '../..');
/** The built browser shell, exactly as `npm run start:browser` runs it. */
export const BUILT_SHELL = join(APP_ROOT, 'dist/main/browser-shell.js');

export interface KioskProcess {
  url: string;
  pid: number;
  /** From spawn to the first answer of getKioskInfo, in ms. */
  startMs: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, as a power cut leaves the process: no handler runs. */
  kill(): Promise<void>;
  /** SIGTERM: the shell closes its API, printer and database. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  dataDir: string;
  args?: string[];
  /** Flags for node itself (e.g. --expose-gc). */
  nodeArgs?: string[];
  /** Script to run instead of the built shell (the heap probe wraps it). */
  entry?: string;
  /** An IPC channel to the child (the heap probe answers on it). */
  ipc?: boolean;
}

export function requireBuild(): void {
  if (!existsSync(BUILT_SHELL) || !existsSync(join(APP_ROOT, 'dist/renderer/index.html')))
    throw new Error(`the kiosk is not built (${BUILT_SHELL}); run "npm run build" first`);
}

/**
 * Starts the kiosk as its own process on a free port and resolves once its API answers. A process
 * that ends before that rejects with its output.
 */
export async function spawnKiosk(options: SpawnOptions): Promise<KioskProcess> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      options.entry ?? BUILT_SHELL,
      '--data-dir',
      options.dataDir,
      '--port',
      '0',
      ...(options.args ?? []),
    ],
    { stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the kiosk did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = /Kiosk screen: (http:\/\/\S+?)\/?\n/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the kiosk exited (${signal ?? code}) before its API answered:\n${output}`));
    });
  });
  await kiosk.info(url);
  const startMs = performance.now() - started;
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    pid: child.pid ?? -1,
    startMs,
    child,
    output: () => output,
    exited,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
