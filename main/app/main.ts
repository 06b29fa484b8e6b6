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
import { keepRendererAlive, RETRY_WHILE_OUT_OF_ORDER_MS } from './renderer-recovery';
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
/** The app scheme's handler and the session's guards are set once; a start that fails part way may have set them. */
let shellReady = false;

if (!app.requestSingleInstanceLock()) {
  // A second start (a double click, a service restart racing the old process) leaves the running kiosk alone.
  app.quit();
} else {
  registerAppScheme();
  confineEveryWebContents(app);
  app.on('second-instance', () => kioskWindow?.focus());
  app.on('before-quit', closeKioskBeforeQuit);
  app.whenReady().then(start).catch(showOutOfOrder);
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

  prepareShell();
  registerKioskCalls(kiosk.service.handlers);
  kioskWindow = openWindow();
  forwardKioskEvents(kiosk.service, kioskWindow.webContents);
  const { logger } = kiosk.log;
  keepRendererAlive(kioskWindow, { entryUrl: APP_ENTRY_URL, outOfOrderUrl: OUT_OF_ORDER_URL }, Date.now, (message) =>
    logger.error({ event: 'renderer-incident' }, message),
  );
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

/** The session's guards and the app scheme: the same for the kiosk and for its out-of-order page. */
function prepareShell(): void {
  if (shellReady) return;
  denyAllPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession);
  serveRenderer(RENDERER_DIR);
  // No application menu: Alt would otherwise reveal it, with Reload and Quit in it.
  Menu.setApplicationMenu(null);
  shellReady = true;
}

/** The one kiosk window, locked down, with the escape shortcuts blocked. */
function openWindow(): BrowserWindow {
  const development = !app.isPackaged;
  const window = new BrowserWindow(kioskWindowOptions({ preloadPath: PRELOAD_PATH, development }));
  blockEscapeShortcuts(window.webContents, development);
  return window;
}

/**
 * The kiosk cannot start (a data folder it cannot write, a database another process holds, a
 * configuration refused with no last good copy): visitors see the calm out-of-order page rather
 * than a black screen, the reason goes to the log (stderr: the systemd journal), and the app
 * starts again after a while, since a lock or a full disk may have cleared by then.
 */
async function showOutOfOrder(error: unknown): Promise<void> {
  console.error('kiosk: cannot start; showing the out-of-order page:', reasonOf(error));
  if (!existsSync(join(RENDERER_DIR, 'out-of-order.html'))) {
    console.error(`kiosk: the out-of-order page is not built either (${RENDERER_DIR}); exiting`);
    app.exit(1);
    return;
  }
  try {
    prepareShell();
    kioskWindow ??= openWindow();
    await kioskWindow.loadURL(OUT_OF_ORDER_URL);
  } catch (pageError) {
    console.error('kiosk: the out-of-order page could not be shown either:', reasonOf(pageError));
    app.exit(1);
    return;
  }
  setTimeout(() => {
    console.error(`kiosk: starting again after ${RETRY_WHILE_OUT_OF_ORDER_MS / 1000} s out of order`);
    // A kiosk composed before a later step failed is closed first, so no write is cut short.
    void (kiosk?.close() ?? Promise.resolve())
      .catch((closeError: unknown) => console.error('kiosk: closing failed', closeError))
      .finally(() => {
        app.relaunch();
        app.exit(0);
      });
  }, RETRY_WHILE_OUT_OF_ORDER_MS);
}

function reasonOf(error: unknown): unknown {
  return error instanceof InvalidFileError ? error.message : error;
}
