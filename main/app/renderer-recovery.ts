import type { BrowserWindow } from 'electron';

/** A renderer that dies at once after every start must not spin a core at 100 %. */
export const RELOAD_DELAY_MS = 1000;
/** This many crashes within the window below mean the app cannot run now: show out-of-order. */
export const CRASHES_BEFORE_OUT_OF_ORDER = 3;
export const CRASH_WINDOW_MS = 60_000;
/** While out of order, the app is tried again this often; a success puts the kiosk back in service. */
export const RETRY_WHILE_OUT_OF_ORDER_MS = 30_000;

export interface RecoveryPages {
  /** The app's first screen. */
  entryUrl: string;
  /** A static page, without the app's scripts, telling visitors in every language that the kiosk is out of order. */
  outOfOrderUrl: string;
}

/**
 * A kiosk has nobody to press reload: when the renderer crashes it is started again on the first
 * screen, and when it hangs it is crashed on purpose so the same path restarts it. When it keeps
 * crashing, visitors see a calm out-of-order page instead of a flicker, and the app is retried.
 */
export function keepRendererAlive(
  window: BrowserWindow,
  pages: RecoveryPages,
  now: () => number = Date.now,
  /** Where each incident is told: the kiosk's structured log in the app, the console before it exists. */
  report: (message: string) => void = (message) => console.error(`kiosk: ${message}`),
): void {
  const contents = window.webContents;
  let recentCrashes: number[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const load = (url: string, delayMs: number) =>
    setTimeout(() => {
      if (!window.isDestroyed()) void contents.loadURL(url);
    }, delayMs);

  contents.on('render-process-gone', (_event, details) => {
    const at = now();
    recentCrashes = [...recentCrashes.filter((time) => at - time < CRASH_WINDOW_MS), at];
    if (recentCrashes.length < CRASHES_BEFORE_OUT_OF_ORDER) {
      report(`the renderer is gone (${details.reason}, exit code ${details.exitCode}); restarting it`);
      load(pages.entryUrl, RELOAD_DELAY_MS);
      return;
    }
    report(
      `the renderer crashed ${recentCrashes.length} times in ${CRASH_WINDOW_MS / 1000} s ` +
        `(last: ${details.reason}); showing the out-of-order page and retrying every ${RETRY_WHILE_OUT_OF_ORDER_MS / 1000} s`,
    );
    recentCrashes = [];
    clearTimeout(retryTimer);
    load(pages.outOfOrderUrl, RELOAD_DELAY_MS);
    retryTimer = load(pages.entryUrl, RETRY_WHILE_OUT_OF_ORDER_MS);
  });
  window.on('unresponsive', () => {
    report('the renderer stopped responding; restarting it');
    contents.forcefullyCrashRenderer();
  });
  window.on('closed', () => clearTimeout(retryTimer));
}
