import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { RELOAD_DELAY_MS, keepRendererAlive } from '../../../main/app/renderer-recovery';
import { fakeEmitter, fakeEvent } from './fake-emitter';

const entryUrl = 'app://kiosk/index.html';

function setUp() {
  const state = { destroyed: false };
  const contents = { ...fakeEmitter(), loadURL: vi.fn(async () => {}), forcefullyCrashRenderer: vi.fn() };
  const window = { ...fakeEmitter(), webContents: contents, isDestroyed: () => state.destroyed };
  keepRendererAlive(window as unknown as BrowserWindow, entryUrl);
  return { window, contents, state };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.useRealTimers());

describe('keepRendererAlive', () => {
  test('starts the app again on its first screen after the renderer is gone, not at once', () => {
    const { contents } = setUp();
    contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    expect(contents.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).toHaveBeenCalledExactlyOnceWith(entryUrl);
  });

  test('does not touch a window destroyed in the meantime', () => {
    const { contents, state } = setUp();
    contents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 0 });
    state.destroyed = true;
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(contents.loadURL).not.toHaveBeenCalled();
  });

  test('crashes a hung renderer on purpose, so the same path restarts it', () => {
    const { window, contents } = setUp();
    window.emit('unresponsive');
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
  });
});
