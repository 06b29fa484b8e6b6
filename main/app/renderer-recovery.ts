import type { BrowserWindow } from 'electron';

/** A renderer that dies at once after every start must not spin a core at 100 %. */
export const RELOAD_DELAY_MS = 1000;

/**
 * A kiosk has nobody to press reload: when the renderer crashes it is started again on the first
 * screen, and when it hangs it is crashed on purpose so the same path restarts it.
 */
export function keepRendererAlive(window: BrowserWindow, entryUrl: string): void {
  const contents = window.webContents;
  contents.on('render-process-gone', (_event, details) => {
    console.error(`kiosk: the renderer is gone (${details.reason}, exit code ${details.exitCode}); restarting it`);
    setTimeout(() => {
      if (!window.isDestroyed()) void contents.loadURL(entryUrl);
    }, RELOAD_DELAY_MS);
  });
  window.on('unresponsive', () => {
    console.error('kiosk: the renderer stopped responding; restarting it');
    contents.forcefullyCrashRenderer();
  });
}
