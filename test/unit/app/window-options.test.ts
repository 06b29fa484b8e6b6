import { describe, expect, test } from 'vitest';
import { kioskWindowOptions } from '../../../main/app/window-options';

const preloadPath = '/opt/kiosk/dist/main/preload.cjs';

describe('kioskWindowOptions', () => {
  test('fills the screen without any window chrome', () => {
    const options = kioskWindowOptions({ preloadPath, development: false });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, frame: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  test('gives the renderer no Node, an isolated and sandboxed preload and no remote content', () => {
    const { webPreferences } = kioskWindowOptions({ preloadPath, development: false });
    expect(webPreferences).toEqual({
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
      devTools: false,
    });
  });

  test('opens developer tools only in development', () => {
    expect(kioskWindowOptions({ preloadPath, development: true }).webPreferences?.devTools).toBe(true);
    expect(kioskWindowOptions({ preloadPath, development: false }).webPreferences?.devTools).toBe(false);
  });
});
