import { beforeEach, describe, expect, test, vi } from 'vitest';
import { KIOSK_CALL_NAMES, ipcChannel, kioskCalls } from '../../../main/contract';
import type { KioskBridge } from '../../../main/contract';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
  ipcRenderer: {
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
    on: vi.fn<(channel: string, listener: IpcListener) => void>(),
    removeListener: vi.fn<(channel: string, listener: IpcListener) => void>(),
    send: vi.fn(),
    sendSync: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

// Imported for its effect, after the mock: the preload exposes the bridge when it loads.
await import('../../../main/app/preload');

const exposed = electron.contextBridge.exposeInMainWorld.mock.calls;
const bridge = exposed[0]![1] as KioskBridge;

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('the preload', () => {
  test('exposes one object, kioskBridge, in the main world', () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('kioskBridge');
  });

  test('exposes exactly the calls of the contract and onEvent, all functions', () => {
    expect(Object.keys(bridge).toSorted()).toEqual([...Object.keys(kioskCalls), 'onEvent'].toSorted());
    for (const [key, value] of Object.entries(bridge)) expect(typeof value, key).toBe('function');
  });

  test('hands over neither ipcRenderer nor a generic invoke, send or on', () => {
    for (const value of Object.values(bridge)) expect(Object.values(electron.ipcRenderer)).not.toContain(value);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
    for (const key of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer']) expect(bridge).not.toHaveProperty(key);
  });

  test.each(KIOSK_CALL_NAMES)('%s invokes its own channel with the input and returns the answer', async (name) => {
    const answer = { ok: true, value: name };
    electron.ipcRenderer.invoke.mockResolvedValue(answer);
    const input = { probe: name };
    await expect(bridge[name](input)).resolves.toBe(answer);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(`kiosk:call:${name}`, input);
  });

  test('onEvent listens on the event channel and passes on only the frame', () => {
    const handler = vi.fn();
    bridge.onEvent(handler);
    expect(electron.ipcRenderer.on).toHaveBeenCalledExactlyOnceWith(ipcChannel.event, expect.any(Function));
    const listener = electron.ipcRenderer.on.mock.calls[0]![1];
    const frame = { event: 'ticketIssued', payload: { id: 1 } };
    listener({ sender: electron.ipcRenderer, senderId: 0 }, frame);
    expect(handler).toHaveBeenCalledExactlyOnceWith(frame);
  });

  test("onEvent's unsubscribe removes that same listener", () => {
    const unsubscribe = bridge.onEvent(() => {});
    const listener = electron.ipcRenderer.on.mock.calls[0]![1];
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(ipcChannel.event, listener);
  });
});
