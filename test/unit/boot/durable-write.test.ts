import * as nodeFs from 'node:fs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeFileDurably, type DurableFs } from '../../../main/boot/durable-write';
import { loadKeepingLastGood } from '../../../main/boot/last-good-keeper';
import { configFileSettings, writeSettingsFile } from '../../../main/boot/config-file';
import { loadCatalogFile, loadJsonFile } from '../../../main/boot/read-files';
import { SAMPLE_CATALOG, tempDir } from '../../support/kiosk-fixture';

/**
 * A configuration or catalog write survives a power cut. These tests run on real files in a temp
 * folder through node:fs, wrapped: the RECORDING wrapper only notes each call (with the path an fd
 * belongs to) before making it, and the CRASHING wrapper stands in for a power cut by throwing at
 * one chosen step, so nothing after it happens. What a power cut does to the page cache cannot be
 * reproduced here; what the code asks of the disk, and in what order, can.
 */

type Step = { call: string; path: string };

/** node:fs, noting each call (fd calls by the path they were opened on); throws at step `crashAt` if given. */
function wrappedFs(steps: Step[], crashAt?: (step: Step, index: number) => 'before' | 'after' | undefined): DurableFs {
  const paths = new Map<number, string>();
  const run = <R>(step: Step, act: () => R): R => {
    const when = crashAt?.(step, steps.length);
    steps.push(step);
    if (when === 'before') throw new Error(`power cut before ${step.call} ${step.path}`);
    const result = act();
    if (when === 'after') throw new Error(`power cut after ${step.call} ${step.path}`);
    return result;
  };
  const pathOf = (fd: number) => paths.get(fd) ?? `fd ${fd}`;
  return {
    mkdirSync: ((path: string, options: nodeFs.MakeDirectoryOptions) =>
      run({ call: 'mkdir', path }, () => nodeFs.mkdirSync(path, options))) as DurableFs['mkdirSync'],
    openSync: ((path: string, flags: string) =>
      run({ call: `open:${flags}`, path }, () => {
        const fd = nodeFs.openSync(path, flags);
        paths.set(fd, path);
        return fd;
      })) as DurableFs['openSync'],
    writeFileSync: ((fd: number, text: string) =>
      run({ call: 'write', path: pathOf(fd) }, () => nodeFs.writeFileSync(fd, text))) as DurableFs['writeFileSync'],
    fsyncSync: (fd: number) => run({ call: 'fsync', path: pathOf(fd) }, () => nodeFs.fsyncSync(fd)),
    closeSync: (fd: number) => run({ call: 'close', path: pathOf(fd) }, () => nodeFs.closeSync(fd)),
    renameSync: (from: nodeFs.PathLike, to: nodeFs.PathLike) =>
      run({ call: 'rename', path: `${String(from)} -> ${String(to)}` }, () => nodeFs.renameSync(from, to)),
  };
}

describe('durable writes of configuration and catalog files (real files, node:fs through a recording wrapper)', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  let lastGood: string;
  beforeEach(() => {
    dir = tempDir('kiosk-durable-');
    file = join(dir.path, 'config', 'kiosk.json');
    lastGood = join(dir.path, 'data', 'kiosk.last-good.json');
  });
  afterEach(() => dir.remove());

  it('fsyncs the temp file and its folder before the rename, and the folder again after it', () => {
    const steps: Step[] = [];
    writeFileDurably(file, '{"kioskId":"bus-7"}\n', wrappedFs(steps));
    const folder = join(dir.path, 'config');
    const temp = `${file}.tmp`;
    expect(steps.filter((step) => step.call !== 'mkdir' && step.call !== 'close')).toEqual([
      { call: 'open:w', path: temp },
      { call: 'write', path: temp },
      { call: 'fsync', path: temp },
      { call: 'open:r', path: folder },
      { call: 'fsync', path: folder },
      { call: 'rename', path: `${temp} -> ${file}` },
      { call: 'open:r', path: folder },
      { call: 'fsync', path: folder },
    ]);
    // Every descriptor opened is closed.
    expect(steps.filter((step) => step.call === 'close')).toHaveLength(3);
    expect(readFileSync(file, 'utf8')).toBe('{"kioskId":"bus-7"}\n');
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('writes the last good copy only after the new file is durable (its rename and folder fsync done)', () => {
    const steps: Step[] = [];
    writeSettingsFile(file, { kioskId: 'bus-7' }, lastGood, wrappedFs(steps));
    const newFileDurable = steps.findLastIndex(
      (step) => step.call === 'fsync' && step.path === join(dir.path, 'config'),
    );
    const firstLastGoodStep = steps.findIndex((step) => step.path.includes('last-good'));
    expect(newFileDurable).toBeGreaterThan(steps.findIndex((step) => step.call === 'rename'));
    expect(firstLastGoodStep).toBeGreaterThan(newFileDurable);
    expect(JSON.parse(readFileSync(lastGood, 'utf8'))).toEqual({ kioskId: 'bus-7' });
  });

  it('a catalog saved by the technician: the catalog durable first, then its last good copy', () => {
    const steps: Step[] = [];
    const catalogFile = join(dir.path, 'data', 'catalog.json');
    const lastGoodCatalog = join(dir.path, 'data', 'catalog.last-good.json');
    const writer = configFileSettings(file, { lastGoodCatalog, fs: wrappedFs(steps) });
    const catalog = loadCatalogFile(SAMPLE_CATALOG);
    writer.saveCatalog(catalog, catalogFile);
    const renames = steps.filter((step) => step.call === 'rename').map((step) => step.path.split(' -> ')[1]);
    expect(renames).toEqual([catalogFile, lastGoodCatalog]);
    const catalogDurable = steps.findIndex(
      (step, i) => i > steps.findIndex((s) => s.call === 'rename') && step.call === 'fsync',
    );
    expect(steps.findIndex((step) => step.path.startsWith(lastGoodCatalog))).toBeGreaterThan(catalogDurable);
  });

  it('loading a good file makes it durable before its last good copy is written', () => {
    mkdirSync(join(dir.path, 'config'), { recursive: true });
    writeFileSync(file, '{"kioskId":"hall-2"}');
    const steps: Step[] = [];
    const schema = z.object({ kioskId: z.string() });
    loadKeepingLastGood(
      file,
      lastGood,
      (path) => loadJsonFile(path, schema),
      (value) => value,
      wrappedFs(steps),
    );
    expect(steps.slice(0, 2)).toEqual([
      { call: 'open:r', path: file },
      { call: 'fsync', path: file },
    ]);
    expect(JSON.parse(readFileSync(lastGood, 'utf8'))).toEqual({ kioskId: 'hall-2' });
  });

  it('a power cut at any step leaves the old file or the new one, whole, and never a last good copy ahead of its file', () => {
    const old = { kioskId: 'bus-7', centreName: 'Old' };
    const next = { kioskId: 'bus-7', centreName: 'New '.repeat(2000) };
    // How many steps a whole write takes, counted once.
    const counted: Step[] = [];
    writeSettingsFile(join(dir.path, 'count', 'k.json'), next, join(dir.path, 'count', 'lg.json'), wrappedFs(counted));
    expect(counted.length).toBeGreaterThan(10);
    for (let cut = 0; cut < counted.length; cut++) {
      for (const when of ['before', 'after'] as const) {
        writeSettingsFile(file, old, lastGood);
        const steps: Step[] = [];
        expect(
          () =>
            writeSettingsFile(
              file,
              next,
              lastGood,
              wrappedFs(steps, (_, index) => (index === cut ? when : undefined)),
            ),
          `cut ${when} step ${cut}`,
        ).toThrow(/power cut/);
        const onDisk = JSON.parse(readFileSync(file, 'utf8')) as unknown;
        const copy = JSON.parse(readFileSync(lastGood, 'utf8')) as unknown;
        expect([old, next], `the file after a cut ${when} step ${cut} (${steps.at(-1)?.call})`).toContainEqual(onDisk);
        expect([old, next], `the last good copy after a cut ${when} step ${cut}`).toContainEqual(copy);
        // The copy is never newer than the file.
        if (JSON.stringify(copy) === JSON.stringify(next)) expect(onDisk).toEqual(next);
      }
    }
  });

  it('a crash right after the rename (before the folder is synced) leaves the new file complete', () => {
    writeSettingsFile(file, { centreName: 'Old' }, lastGood);
    const crashAfterRename = wrappedFs([], (step) => (step.call === 'rename' ? 'after' : undefined));
    expect(() => writeSettingsFile(file, { centreName: 'New' }, lastGood, crashAfterRename)).toThrow(/power cut/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ centreName: 'New' });
    // The crash came before the new file was durable: the last good copy is still the old one.
    expect(JSON.parse(readFileSync(lastGood, 'utf8'))).toEqual({ centreName: 'Old' });
  });

  it('a write broken half way (disk full) leaves the old file whole', () => {
    writeSettingsFile(file, { centreName: 'Old' }, lastGood);
    const half: DurableFs = {
      ...nodeFs,
      writeFileSync: ((fd: number, text: string) => {
        nodeFs.writeFileSync(fd, text.slice(0, Math.floor(text.length / 2)));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }) as DurableFs['writeFileSync'],
    };
    expect(() => writeSettingsFile(file, { centreName: 'New and longer' }, lastGood, half)).toThrow(/ENOSPC/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ centreName: 'Old' });
    expect(JSON.parse(readFileSync(lastGood, 'utf8'))).toEqual({ centreName: 'Old' });
  });
});
