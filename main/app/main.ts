import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, Menu, app, powerMonitor, powerSaveBlocker, session } from 'electron';
import { composeKiosk } from '../boot/compose';
import type { ComposedKiosk } from '../boot/compose';
import { InvalidFileError } from '../core/validation-report';
import { APP_ENTRY_URL, OUT_OF_ORDER_URL } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { forwardKioskEvents, registerKioskCalls } from './ipc';
import { readLaunchOptions } from './launch-options';
import { keepRendererAlive } from './renderer-recovery';
import { blockEscapeShortcuts } from './shortcut-lock';
import { confineEveryWebContents, denyAllPermissions, enforceContentSecurityPolicy } from './security';
import { loadElectronUpdater, startUpdates } from './updates';
import { kioskWindowOptions } from './window-options';

/**
 * The Electron entry. It only wires the shell around the kiosk that composeKiosk builds (the same
 * one the browser shell runs). Paths are taken from this file's place in the build: dist/main
 * holds it and the preload, dist/renderer the renderer.
 */
const PRELOAD_PATH = join(import.meta.dirname, 'preload.cjs');
const RENDERER_DIR = join(import.meta.dirname, '..', 'renderer');

const launch = readLaunchOptions(process.argv, process.env, process.cwd());
// Before the single-instance lock, which lives in the userData folder.
if (launch.dataDir) app.setPath('userData', launch.dataDir);

let kiosk: ComposedKiosk | undefined;
let kioskWindow: BrowserWindow | undefined;
let closing: 'open' | 'closing' | 'closed' = 'open';

if (!app.requestSingleInstanceLock()) {
  // A second start (a double click, a service restart racing the old process) leaves the running kiosk alone.
  app.quit();
} else {
  registerAppScheme();
  confineEveryWebContents(app);
  app.on('second-instance', () => kioskWindow?.focus());
  app.on('before-quit', closeKioskBeforeQuit);
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the renderer is not built (${RENDERER_DIR}); run "npm run build" first`);
  }
  kiosk = await composeKiosk({
    dataDir: app.getPath('userData'),
    configPath: launch.configPath,
    rendererDir: RENDERER_DIR,
  });

  denyAllPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession);
  serveRenderer(RENDERER_DIR);
  registerKioskCalls(kiosk.service.handlers);

  const development = !app.isPackaged;
  // No application menu: Alt would otherwise reveal it, with Reload and Quit in it.
  Menu.setApplicationMenu(null);
  kioskWindow = new BrowserWindow(kioskWindowOptions({ preloadPath: PRELOAD_PATH, development }));
  forwardKioskEvents(kiosk.service, kioskWindow.webContents);
  const { logger } = kiosk.log;
  keepRendererAlive(kioskWindow, { entryUrl: APP_ENTRY_URL, outOfOrderUrl: OUT_OF_ORDER_URL }, Date.now, (message) =>
    logger.error({ event: 'renderer-incident' }, message),
  );
  blockEscapeShortcuts(kioskWindow.webContents, development);
  powerSaveBlocker.start('prevent-display-sleep');
  await kioskWindow.loadURL(APP_ENTRY_URL);
  // Never in development (electron-updater needs a packaged app) and never a reason not to run.
  if (app.isPackaged && kiosk.config.updates) {
    await startUpdates(kiosk.config.updates, {
      updater: loadElectronUpdater,
      idleSeconds: () => powerMonitor.getSystemIdleTime(),
      log: logger,
    }).catch((error: unknown) => logger.warn({ event: 'updates-failed', err: error }, 'updates could not start'));
  }
}

/** The store and the printer port are closed before the process ends, so no write is cut short. */
function closeKioskBeforeQuit(event: Electron.Event): void {
  if (!kiosk || closing === 'closed') return;
  event.preventDefault();
  if (closing === 'closing') return;
  closing = 'closing';
  kiosk
    .close()
    .catch((error: unknown) => console.error('kiosk: closing failed', error))
    .finally(() => {
      closing = 'closed';
      app.quit();
    });
}

function fail(error: unknown): void {
  console.error('kiosk: cannot start:', error instanceof InvalidFileError ? error.message : error);
  app.exit(1);
}
