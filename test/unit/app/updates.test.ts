import { describe, expect, it, vi } from 'vitest';
import { IDLE_POLL_MS, startUpdates } from '../../../main/app/updates';
import type { KioskUpdater, UpdateSettings } from '../../../main/app/updates';

/** A fake updater: records what the kiosk asks of it and lets the test fire its events. */
function fakeUpdater(check: () => Promise<unknown> = async () => null) {
  const listeners = new Map<string, ((payload: never) => void)[]>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(check),
    quitAndInstall: vi.fn(),
    on: vi.fn((event: string, listener: (payload: never) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    }),
  };
  const fire = (event: string, payload: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(payload as never));
  return { updater: updater as KioskUpdater & typeof updater, fire };
}

/** Timers the test runs by hand, so an hour of checks takes no time. */
function manualTimers() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  return {
    setInterval: (run: () => void, ms: number) => {
      timers.set(next, { run, ms });
      return next++;
    },
    clearInterval: (timer: unknown) => void timers.delete(timer as number),
    runEvery: (ms: number) => [...timers.values()].filter((t) => t.ms === ms).forEach((t) => t.run()),
    count: () => timers.size,
  };
}

const log = () => ({ info: vi.fn(), warn: vi.fn() });
const SETTINGS: UpdateSettings = {
  url: 'https://updates.example.org/kiosk/',
  checkMinutes: 60,
  installWhenIdleSeconds: 300,
};

describe('updates through electron-updater (fake updater, fake timers)', () => {
  it('are off without updates.url: electron-updater is not even loaded', async () => {
    const updater = vi.fn();
    const logger = log();
    await startUpdates({ ...SETTINGS, url: null }, { updater, idleSeconds: () => 0, log: logger });
    expect(updater).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith({ event: 'updates-off' }, expect.any(String));
  });

  it('use the generic server, download in the background, install at quit, and check now and every period', async () => {
    const { updater } = fakeUpdater();
    const timers = manualTimers();
    await startUpdates(SETTINGS, { updater: async () => updater, idleSeconds: () => 0, log: log(), ...timers });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: SETTINGS.url });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    timers.runEvery(60 * 60_000);
    timers.runEvery(60 * 60_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('install a downloaded update only once nobody has touched the kiosk for the idle time', async () => {
    const { updater, fire } = fakeUpdater();
    const timers = manualTimers();
    let idle = 12;
    await startUpdates(SETTINGS, { updater: async () => updater, idleSeconds: () => idle, log: log(), ...timers });
    fire('update-downloaded', { version: '0.2.0' });
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    idle = 299;
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    idle = 300;
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).toHaveBeenCalledExactlyOnceWith(true, true);
    timers.runEvery(IDLE_POLL_MS);
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('log a failed check or download and carry on; stop clears every timer', async () => {
    const { updater, fire } = fakeUpdater(async () => {
      throw new Error('server unreachable');
    });
    const timers = manualTimers();
    const logger = log();
    const running = await startUpdates(SETTINGS, {
      updater: async () => updater,
      idleSeconds: () => 0,
      log: logger,
      ...timers,
    });
    await vi.waitFor(() =>
      expect(logger.warn).toHaveBeenCalledWith(
        { event: 'update-check-failed', error: 'Error: server unreachable' },
        expect.any(String),
      ),
    );
    fire('error', new Error('bad signature'));
    expect(logger.warn).toHaveBeenCalledWith({ event: 'update-failed', error: 'bad signature' }, expect.any(String));
    fire('update-downloaded', { version: '0.2.0' });
    expect(timers.count()).toBe(2);
    running.stop();
    expect(timers.count()).toBe(0);
  });
});
