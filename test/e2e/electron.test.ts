import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { KIOSK_CALL_NAMES } from '../../main/contract';

/**
 * The built Electron app, driven by Playwright, where an Electron binary exists. Everywhere else
 * (these build machines install Electron with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it reports itself
 * skipped with the reason; the browser shell e2e tests cover the same screens there.
 */
const repoRoot = join(import.meta.dirname, '../..');
const builtFiles = ['dist/main/electron-main.js', 'dist/main/preload.cjs', 'dist/renderer/index.html'];

const UNWANTED_ENV = ['KIOSK_CONFIG', 'KIOSK_DATA_DIR', 'ELECTRON_RUN_AS_NODE'];

type Launchable = { binary: string } | { skipReason: string };

/**
 * Finds the binary the way the electron package's index.js does, without calling it: when the
 * binary is missing, `require('electron')` tries to download it, which must not happen in a test.
 */
function findElectron(): Launchable {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) {
    return {
      skipReason: `no Electron binary: ${pathFile} is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)`,
    };
  }
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? join(override, executable) : join(packageDir, 'dist', executable);
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { skipReason: `no Electron binary: ${binary} is missing or not executable` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skipReason: 'no display for Electron: DISPLAY and WAYLAND_DISPLAY are unset (try xvfb-run)' };
  }
  return { binary };
}

const electron = findElectron();

describe('the Electron app', () => {
  let app: ElectronApplication | undefined;
  let dataDir: string | undefined;

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the kiosk on its first screen, with only the narrow bridge in the page', async (ctx) => {
    if ('skipReason' in electron) {
      // The default reporter shows a skip note only for a lone file on a terminal; the log always shows.
      console.warn(`skipped: ${electron.skipReason}`);
      // The test command's summary reads the reason from the JSON report's meta.
      ctx.task.meta.skipReason = electron.skipReason;
      return ctx.skip(electron.skipReason);
    }
    const missing = builtFiles.filter((file) => !existsSync(join(repoRoot, file)));
    if (missing.length > 0) throw new Error(`the app is not built (${missing.join(', ')}); run "npm run build" first`);

    dataDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-'));
    // The kiosk runs on its defaults here, whatever the shell that started the tests had set.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && !UNWANTED_ENV.includes(entry[0]),
      ),
    );
    app = await _electron.launch({
      executablePath: electron.binary,
      // The repository folder, as `npm start` runs it: package.json's "main" is dist/main/electron-main.js.
      args: [
        repoRoot,
        `--data-dir=${dataDir}`,
        // Chromium refuses its process sandbox to root, as containers often run tests.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      cwd: repoRoot,
      env,
      timeout: 30_000,
    });

    const page = await app.firstWindow();
    await page.waitForURL('app://kiosk/index.html');
    await page.getByTestId('screen-attract').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('attract-centre').textContent()).toBe('ASAN xidmət');

    const globals = await page.evaluate(() => {
      const scope = globalThis as { kioskBridge?: Record<string, unknown>; require?: unknown; process?: unknown };
      return {
        bridge: Object.keys(scope.kioskBridge ?? {}).sort(),
        require: typeof scope.require,
        process: typeof scope.process,
      };
    });
    expect(globals).toEqual({
      bridge: [...KIOSK_CALL_NAMES, 'onEvent'].sort(),
      require: 'undefined',
      process: 'undefined',
    });

    const info = await page.evaluate(() =>
      (globalThis as { kioskBridge?: { getKioskInfo(input: unknown): Promise<unknown> } }).kioskBridge?.getKioskInfo(
        {},
      ),
    );
    expect(info).toMatchObject({ ok: true, value: { centreName: 'ASAN xidmət' } });
  });
});

declare module 'vitest' {
  interface TaskMeta {
    /** Why a test could not run on this machine; the test command prints it. */
    skipReason?: string;
  }
}
