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
    relaunch: vi.fn(),
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
  /** Which built files exist: all of them unless a test says otherwise. */
  const built = { exists: (_path: string) => true };
  return { electron, ready, windows, kiosk, built, composeKiosk: vi.fn(async () => kiosk) };
});

vi.mock('electron', () => fakes.electron);
vi.mock('../../../main/boot/compose', () => ({ composeKiosk: fakes.composeKiosk }));
// The built renderer is looked for beside the build; here it is taken as present unless a test says not.
vi.mock('node:fs', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  existsSync: (path: string) => fakes.built.exists(path),
}));

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
  fakes.built.exists = () => true;
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

  test('when the kiosk cannot start (database locked), shows the out-of-order page, logs why, and starts again later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      fakes.composeKiosk.mockRejectedValueOnce(new Error('SqliteError: database is locked'));
      await startMain();
      fakes.ready.resolve();
      await vi.waitFor(() => expect(fakes.windows[0]?.loadURL).toHaveBeenCalled());
      const window = fakes.windows[0]!;
      // The calm page, in the same locked-down window and session as the kiosk, never a black screen.
      expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://kiosk/out-of-order.html');
      expect(window.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true } });
      expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
      expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
      expect(window.webContents.listeners.get('before-input-event')).toHaveLength(1);
      expect(ipcMain.handle).not.toHaveBeenCalled();
      expect(logged).toHaveBeenCalledWith(
        'kiosk: cannot start; showing the out-of-order page:',
        expect.objectContaining({ message: 'SqliteError: database is locked' }),
      );
      expect(app.exit).not.toHaveBeenCalled();
      // After a while the app starts again: the lock may have cleared.
      await vi.advanceTimersByTimeAsync(30_000);
      await vi.waitFor(() => expect(app.relaunch).toHaveBeenCalledOnce());
      expect(app.exit).toHaveBeenCalledExactlyOnceWith(0);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a configuration refused with no last good copy: the reasons are logged as written, the out-of-order page shown', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { InvalidFileError } = await import('../../../main/core/validation-report');
    fakes.composeKiosk.mockRejectedValueOnce(
      new InvalidFileError('/data/kiosk.json', [
        { file: '/data/kiosk.json', entry: '', field: 'kioskId', message: 'must be letters, digits or dashes' },
      ]),
    );
    await startMain();
    fakes.ready.resolve();
    await vi.waitFor(() => expect(fakes.windows[0]?.loadURL).toHaveBeenCalled());
    expect(fakes.windows[0]!.loadURL).toHaveBeenCalledExactlyOnceWith('app://kiosk/out-of-order.html');
    expect(logged.mock.calls[0]?.[1]).toEqual(expect.stringContaining('kioskId'));
  });

  test('exits with an error when not even the out-of-order page is built', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fakes.built.exists = () => false;
    await startMain();
    fakes.ready.resolve();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledExactlyOnceWith(1));
    expect(fakes.windows).toHaveLength(0);
  });
});
