import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PtyPair {
  /** Two serial device paths joined back to back: bytes written to one are read from the other. */
  a: string;
  b: string;
  close(): Promise<void>;
}

/** Fails with an instruction when a tool the tests need is missing, instead of skipping silently. */
export function requireCommand(command: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`These tests need "${command}" on the PATH (Debian/Ubuntu: apt-get install ${command}).`);
  }
}

/**
 * A pair of linked pseudo-terminals made by socat: a serial cable with a printer emulator on one end.
 * `at` re-creates a pair at the links of an earlier one, as a USB-serial adapter plugged back in
 * reappears under the same /dev/serial/by-id name.
 */
export async function openPtyPair(
  options: { timeoutMs?: number; at?: { a: string; b: string } } = {},
): Promise<PtyPair> {
  const timeoutMs = options.timeoutMs ?? 5000;
  requireCommand('socat');
  const directory = options.at ? null : mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
  // The first pair's close removed its folder: the links' folder is made again, as udev would.
  if (options.at) mkdirSync(dirname(options.at.a), { recursive: true });
  const a = options.at?.a ?? join(directory ?? '', 'a');
  const b = options.at?.b ?? join(directory ?? '', 'b');
  const removeDirectory = () => {
    rmSync(directory ?? dirname(a), { recursive: true, force: true });
  };
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  socat.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));

  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(a) && existsSync(b))) {
    if (socat.exitCode !== null || Date.now() > deadline) {
      socat.kill();
      removeDirectory();
      throw new Error(`socat did not create the PTY pair within ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  return {
    a,
    b,
    async close() {
      if (socat.exitCode === null) socat.kill();
      await exited;
      removeDirectory();
    },
  };
}
