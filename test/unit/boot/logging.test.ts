import { appendFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingLogFile, createKioskLog, readLogTail } from '../../../main/boot/logging';
import { tempDir } from '../../support/kiosk-fixture';

describe('rotating log files', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-logs-')));
  afterEach(() => dir.remove());

  it('rotates by size and keeps only the newest files', () => {
    const file = new RotatingLogFile(dir.path, { maxBytes: 100, keepFiles: 3 });
    for (let line = 0; line < 40; line++) file.write(`line ${String(line).padStart(2, '0')} ${'x'.repeat(30)}\n`);
    file.close();
    expect(readdirSync(dir.path).sort()).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.log']);
    for (const name of readdirSync(dir.path)) expect(statSync(join(dir.path, name)).size).toBeLessThanOrEqual(100);
    // Two 40-byte lines fit in 100 bytes: the newest file holds the last lines, the older ones those before.
    const x = 'x'.repeat(30);
    expect(readFileSync(join(dir.path, 'kiosk.log'), 'utf8')).toBe(`line 38 ${x}\nline 39 ${x}\n`);
    expect(readFileSync(join(dir.path, 'kiosk.1.log'), 'utf8')).toBe(`line 36 ${x}\nline 37 ${x}\n`);
    expect(readFileSync(join(dir.path, 'kiosk.2.log'), 'utf8')).toBe(`line 34 ${x}\nline 35 ${x}\n`);
  });

  it('carries on in the file a previous run left, counting its size', () => {
    appendFileSync(join(dir.path, 'kiosk.log'), 'y'.repeat(90) + '\n');
    const file = new RotatingLogFile(dir.path, { maxBytes: 100, keepFiles: 2 });
    file.write('after restart\n');
    file.close();
    expect(readFileSync(join(dir.path, 'kiosk.log'), 'utf8')).toBe('after restart\n');
    expect(readFileSync(join(dir.path, 'kiosk.1.log'), 'utf8')).toHaveLength(91);
  });
});

describe('the kiosk log and its viewer', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir('kiosk-logs-')));
  afterEach(() => dir.remove());

  it('writes one JSON line per event with level name, ISO time and fields', () => {
    const log = createKioskLog(dir.path);
    log.logger.info({ event: 'ticket-issued', number: 'A-001' }, 'ticket issued');
    log.close();
    const line = JSON.parse(readFileSync(join(dir.path, 'kiosk.log'), 'utf8'));
    expect(line).toMatchObject({ level: 'info', event: 'ticket-issued', number: 'A-001', msg: 'ticket issued' });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('reads the last lines across rotated files, oldest first, filtered by level', () => {
    const log = createKioskLog(dir.path, { maxBytes: 300, keepFiles: 10 });
    for (let index = 0; index < 30; index++) {
      if (index % 3 === 0) log.logger.error({ event: 'print-failed', index }, `failure ${index}`);
      else log.logger.info({ index }, `event ${index}`);
    }
    log.close();
    // About three 80-byte lines a 300-byte file: the 30 lines fill all ten files the log keeps.
    expect(readdirSync(dir.path)).toHaveLength(10);

    const lastFive = readLogTail(dir.path, 5);
    expect(lastFive.map((entry) => entry.message)).toEqual([
      'event 25',
      'event 26',
      'failure 27',
      'event 28',
      'event 29',
    ]);
    const errors = readLogTail(dir.path, 4, 'error');
    expect(errors.map((entry) => entry.details.index)).toEqual([18, 21, 24, 27]);
    expect(errors.every((entry) => entry.level === 'error')).toBe(true);
    expect(readLogTail(dir.path, 100, 'fatal')).toEqual([]);
  });

  it('skips a torn last line and reads an empty folder as no lines', () => {
    const log = createKioskLog(dir.path);
    log.logger.warn('paper near end');
    log.close();
    appendFileSync(join(dir.path, 'kiosk.log'), '{"level":"info","ti');
    expect(readLogTail(dir.path, 10)).toEqual([
      expect.objectContaining({ level: 'warn', message: 'paper near end', details: {} }),
    ]);
    expect(readLogTail(join(dir.path, 'none'), 10)).toEqual([]);
  });
});
