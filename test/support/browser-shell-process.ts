import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface RunningShell {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  /** SIGKILL, as a power cut or a crash would end it: no shutdown code runs. Resolves once it is gone. */
  kill(): Promise<void>;
}

const SHELL = join(import.meta.dirname, '../../dist/main/browser-shell.js');

/**
 * Starts the built browser shell as its own process, exactly as the README does, on a free port,
 * and resolves once it prints its address. `entry`: Node's arguments before the shell's, for another
 * shell that prints the same line (the bench's, scripts/bench-outbox-shell.ts); `port`: a fixed one (a
 * server started again where its clients expect it).
 */
export function startBrowserShell(args: string[], entry: string[] = [SHELL], port = 0): Promise<RunningShell> {
  const child: ChildProcess = spawn(process.execPath, [...entry, '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser shell did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(?:Kiosk screen|Address): +(https?:\/\/\S+?)\/?\s/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          output: () => output,
          stop: () => ended(child, 'SIGTERM'),
          kill: () => ended(child, 'SIGKILL'),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browser shell exited with ${code}:\n${output}`));
    });
  });
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}
