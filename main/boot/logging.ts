import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { LogEntry, LogLevel } from '../contract';

export interface RotationOptions {
  /** A file is rotated before a line would take it past this size. */
  maxBytes: number;
  /** Files kept, the one being written included; the oldest beyond this are deleted. */
  keepFiles: number;
}

export const DEFAULT_ROTATION: RotationOptions = { maxBytes: 5 * 1024 * 1024, keepFiles: 5 };

const BASE = 'kiosk';
/** `kiosk.log` is written; `kiosk.1.log` is the one before it, and so on. */
const fileName = (generation: number) => (generation === 0 ? `${BASE}.log` : `${BASE}.${generation}.log`);

/**
 * A size-rotated log file written synchronously: a kiosk's logs must survive the power cut that
 * follows the line, and pino's worker-thread transports cannot start from inside app.asar.
 */
export class RotatingLogFile {
  private fd: number;
  private size: number;

  constructor(
    readonly dir: string,
    private readonly rotation: RotationOptions = DEFAULT_ROTATION,
  ) {
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, fileName(0)), 'a');
    this.size = fstatSync(this.fd).size;
  }

  write(line: string): void {
    const bytes = Buffer.from(line);
    if (this.size > 0 && this.size + bytes.length > this.rotation.maxBytes) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(join(this.dir, fileName(this.rotation.keepFiles - 1)), { force: true });
    for (let generation = this.rotation.keepFiles - 2; generation >= 0; generation--) {
      const from = join(this.dir, fileName(generation));
      if (existsSync(from)) renameSync(from, join(this.dir, fileName(generation + 1)));
    }
    this.fd = openSync(join(this.dir, fileName(0)), 'a');
    this.size = 0;
  }
}

export interface KioskLog {
  logger: Logger;
  dir: string;
  close(): void;
}

/** The kiosk's structured log: one JSON object a line, in rotated files in `dir`. */
export function createKioskLog(dir: string, rotation: RotationOptions = DEFAULT_ROTATION): KioskLog {
  const file = new RotatingLogFile(dir, rotation);
  const logger = pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => file.write(line) },
  );
  return { logger, dir, close: () => file.close() };
}

const LEVEL_ORDER: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const isLevel = (value: unknown): value is LogLevel => LEVEL_ORDER.includes(value as LogLevel);

/**
 * The last `limit` lines at `minLevel` or above, oldest first, across the rotated files. A line
 * that is not a log entry (a torn last line after a power cut) is skipped, not fatal.
 */
export function readLogTail(dir: string, limit: number, minLevel: LogLevel = 'trace'): LogEntry[] {
  const floor = LEVEL_ORDER.indexOf(minLevel);
  const generations = existsSync(dir)
    ? readdirSync(dir)
        .map((name) => /^kiosk(?:\.(\d+))?\.log$/.exec(name))
        .filter((match) => match !== null)
        .map((match) => Number(match[1] ?? 0))
        .sort((a, b) => a - b)
    : [];
  const found: LogEntry[] = [];
  for (const generation of generations) {
    const lines = readFileSync(join(dir, fileName(generation)), 'utf8').split('\n');
    for (let index = lines.length - 1; index >= 0 && found.length < limit; index--) {
      const entry = parseLine(lines[index]!);
      if (entry && LEVEL_ORDER.indexOf(entry.level) >= floor) found.push(entry);
    }
    if (found.length >= limit) break;
  }
  return found.reverse();
}

function parseLine(line: string): LogEntry | null {
  if (!line.trim()) return null;
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return null;
  }
  if (data === null || typeof data !== 'object') return null;
  const { level, time, msg, ...details } = data as Record<string, unknown>;
  if (!isLevel(level) || typeof time !== 'string') return null;
  return { time, level, message: typeof msg === 'string' ? msg : '', details };
}
