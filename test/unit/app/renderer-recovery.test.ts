import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  CRASH_WINDOW_MS,
  RELOAD_DELAY_MS,
  RETRY_WHILE_OUT_OF_ORDER_MS,
  keepRendererAlive,
} from '../../../main/app/renderer-recovery';
import { fakeEmitter, fakeEvent } from './fake-emitter';

const pages = { entryUrl: 'app://kiosk/index.html', outOfOrderUrl: 'app://kiosk/out-of-order.html' };

function setUp() {
  const state = { destroyed: false };
  const contents = { ...fakeEmitter(), loadURL: vi.fn(async (_url: string) => {}), forcefullyCrashRenderer: vi.fn() };
  const window = { ...fakeEmitter(), webContents: contents, isDestroyed: () => state.destroyed };
  const reported: string[] = [];
  keepRendererAlive(
    window as unknown as BrowserWindow,
    pages,
    () => Date.now(),
    (message) => reported.push(message),
  );
  const crash = (reason = 'crashed') => contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 11 });
  return { window, contents, state, crash, reported };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.useRealTimers());

describe('keepRendererAlive', () => {
  test('tells the kiosk log about each crash and hang, with the reason', () => {
    const { window, crash, reported } = setUp();
    crash('oom');
    window.emit('unresponsive');
    expect(reported).toEqual([
      'the renderer is gone (oom, exit code 11); restarting it',
      'the renderer stopped responding; restarting it',
    ]);
  });

  test('starts the app again on its first screen after the renderer is gone, not at once', () => {
    const { contents, crash } = setUp();
    crash();
    expect(contents.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledExactlyOnceWith(pages.entryUrl);
  });

  test('does not touch a window destroyed in the meantime', () => {
    const { contents, state, crash } = setUp();
    crash('oom');
    state.destroyed = true;
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).not.toHaveBeenCalled();
  });

  test('crashes a hung renderer on purpose, so the same path restarts it', () => {
    const { window, contents } = setUp();
    window.emit('unresponsive');
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
  });

  test('after three crashes in a minute shows the out-of-order page, then keeps retrying the app', () => {
    const { contents, crash } = setUp();
    for (let i = 0; i < 3; i++) {
      crash();
      vi.advanceTimersByTime(RELOAD_DELAY_MS);
    }
    expect(contents.loadURL.mock.calls.map(([url]) => url)).toEqual([
      pages.entryUrl,
      pages.entryUrl,
      pages.outOfOrderUrl,
    ]);
    vi.advanceTimersByTime(RETRY_WHILE_OUT_OF_ORDER_MS);
    expect(contents.loadURL).toHaveBeenLastCalledWith(pages.entryUrl);

    // The retry crashes again at once: out of order again only after a fresh run of crashes.
    crash();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenLastCalledWith(pages.entryUrl);
  });

  test('crashes far apart are each just restarted', () => {
    const { contents, crash } = setUp();
    for (let i = 0; i < 5; i++) {
      crash();
      vi.advanceTimersByTime(CRASH_WINDOW_MS);
    }
    expect(contents.loadURL).toHaveBeenCalledTimes(5);
    expect(contents.loadURL).not.toHaveBeenCalledWith(pages.outOfOrderUrl);
  });
});
