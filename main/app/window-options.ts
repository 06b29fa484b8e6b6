import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowSettings {
  /** Absolute path of the bundled preload (dist/main/preload.cjs). */
  preloadPath: string;
  /** Developer tools are available only here; a kiosk in a hall must not open them. */
  development: boolean;
}

/** Painted before the renderer's first frame, so a visitor never sees a white flash on a dark hall screen. */
export const KIOSK_BACKGROUND_COLOR = '#000000';

/**
 * The kiosk window: full screen without any browser chrome, and a renderer with no Node, no
 * remote content and no way to open more windows (Electron's security checklist).
 */
export function kioskWindowOptions({ preloadPath, development }: KioskWindowSettings): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    frame: false,
    backgroundColor: KIOSK_BACKGROUND_COLOR,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: development,
    },
  };
}
