import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

/**
 * The Electron entry, run against a fake `electron` and a fake kiosk: checks the order of the
 * wiring (scheme before ready, window after the kiosk is composed) and the clean shutdown.
 */
const fakes = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on: vi.fn(
        (name: string, listener: Listener) => void listeners.set(name, [...(listeners.get(name) ?? []), listener]),
      ),
      once: vi.fn(
        (name: string, listener: Listener) => void listeners.set(name, [...(listeners.get(name) ?? []), listener]),
      ),
      emit: (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((listener) => listener(...args)),
    };
  };
  const ready = { resolve: () => {} };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly events = emitter();
    readonly on = this.events.on;
    readonly webContents = {
      ...emitter(),
      loadURL: vi.fn(async () => {}),
      send: vi.fn(),
      isDestroyed: () => false,
      getURL: () => 'app://kiosk/index.html',
      setWindowOpenHandler: vi.fn(),
      forcefullyCrashRenderer: vi.fn(),
    };
    readonly loadURL = vi.fn(async () => {});
    readonly focus = vi.fn();
    readonly isDestroyed = () => false;
    constructor(readonly options: { webPreferences?: { preload?: string } }) {
      windows.push(this);
    }
  }
  const app = {
    ...emitter(),
    isPackaged: false,
    setPath: vi.fn(),
    getPath: vi.fn(() => '/home/kiosk/.config/kiosk'),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (ready.resolve = resolve))),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    Menu: { setApplicationMenu: vi.fn() },
  };
  const kiosk = {
    service: { subscribe: vi.fn(() => () => {}) },
    config: {},
    dataDir: '/home/kiosk/.config/kiosk',
    log: { logger: { error: vi.fn() } },
    close: vi.fn(async () => {}),
  };
  return { electron, ready, windows, kiosk, composeKiosk: vi.fn(async () => kiosk) };
});

vi.mock('electron', () => fakes.electron);
vi.mock('../../../main/boot/compose', () => ({ composeKiosk: fakes.composeKiosk }));
// The built renderer is looked for beside the build; here it is taken as present.
vi.mock('node:fs', async (importOriginal) => ({ ...(await importOriginal<object>()), existsSync: () => true }));

const { app, protocol, ipcMain, powerSaveBlocker, session } = fakes.electron;
const savedArgv = process.argv;

async function startMain(argv: string[] = []): Promise<void> {
  process.argv = ['/usr/lib/kiosk/kiosk', '.', ...argv];
  await import('../../../main/app/main');
}

async function becomeReady() {
  fakes.ready.resolve();
  await vi.waitFor(() => expect(fakes.windows[0]?.loadURL).toHaveBeenCalled());
  return fakes.windows[0]!;
}

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  fakes.windows.length = 0;
  app.listeners.clear();
  app.requestSingleInstanceLock.mockReturnValue(true);
});
afterEach(() => {
  process.argv = savedArgv;
});

describe('the Electron entry', () => {
  test('registers the app scheme and the web contents guard before the app is ready', async () => {
    await startMain();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(app.listeners.get('web-contents-created')).toHaveLength(1);
    expect(fakes.composeKiosk).not.toHaveBeenCalled();
    expect(fakes.windows).toHaveLength(0);
  });

  test('when ready, composes the kiosk and opens the locked-down window on the app', async () => {
    await startMain(['--config=/etc/kiosk/kiosk.json']);
    const window = await becomeReady();
    expect(fakes.composeKiosk).toHaveBeenCalledExactlyOnceWith({
      dataDir: '/home/kiosk/.config/kiosk',
      configPath: '/etc/kiosk/kiosk.json',
      rendererDir: expect.stringMatching(/renderer$/),
    });
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    expect(ipcMain.handle).toHaveBeenCalled();
    expect(window.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true } });
    expect(window.options.webPreferences?.preload).toMatch(/[/\\]preload\.cjs$/);
    expect(fakes.kiosk.service.subscribe).toHaveBeenCalledOnce();
    expect(powerSaveBlocker.start).toHaveBeenCalledExactlyOnceWith('prevent-display-sleep');
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://kiosk/index.html');
    expect(fakes.electron.Menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(null);
    expect(window.webContents.listeners.get('before-input-event')).toHaveLength(1);
  });

  test('uses --data-dir as the userData folder, before taking the single-instance lock', async () => {
    await startMain(['--data-dir=/tmp/kiosk-trial']);
    expect(app.setPath).toHaveBeenCalledExactlyOnceWith('userData', '/tmp/kiosk-trial');
    expect(app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(
      app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
  });

  test('closes the kiosk before quitting, once, then quits', async () => {
    await startMain();
    await becomeReady();
    const firstQuit = { preventDefault: vi.fn() };
    app.emit('before-quit', firstQuit);
    const secondQuit = { preventDefault: vi.fn() };
    app.emit('before-quit', secondQuit);
    expect(firstQuit.preventDefault).toHaveBeenCalledOnce();
    expect(secondQuit.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(fakes.kiosk.close).toHaveBeenCalledOnce();
    const finalQuit = { preventDefault: vi.fn() };
    app.emit('before-quit', finalQuit);
    expect(finalQuit.preventDefault).not.toHaveBeenCalled();
  });

  test('a second instance quits and touches nothing', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await startMain();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });

  test('exits with an error when the kiosk cannot be composed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fakes.composeKiosk.mockRejectedValueOnce(new Error('bad config'));
    await startMain();
    fakes.ready.resolve();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledExactlyOnceWith(1));
    expect(fakes.windows).toHaveLength(0);
  });
});
