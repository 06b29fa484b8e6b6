import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The sandboxed preload is bundled into one CommonJS file. It needs only the call names and the
 * IPC channels (main/contract/call-names.ts); the main process validates with the contract's
 * schemas. Built here with the project's own vite config, into a folder of its own.
 */
const root = new URL('../../..', import.meta.url).pathname;
let outDir: string;
let bundle: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'kiosk-preload-'));
  await build({
    configFile: join(root, 'vite.preload.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  bundle = join(outDir, 'preload.cjs');
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the preload bundle', () => {
  it('stays under 20 KB', () => {
    expect(statSync(bundle).size).toBeLessThan(20 * 1024);
  });

  it('holds no zod and no schema, only call names and channels', () => {
    const code = readFileSync(bundle, 'utf8');
    // zod's own identifiers, which any bundled schema brings along (comments may say "zod").
    expect(code).not.toMatch(/safeParse|ZodError|\$ZodType/);
    expect(code).toContain('kiosk:call:');
    expect(code).toContain('"getKioskInfo"');
    // electron is left to the sandbox's require.
    expect(code).toMatch(/require\(["']electron["']\)/);
  });
});
