import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { KIOSK_CALL_NAMES, ipcChannel } from '../contract/call-names';
import type { KioskBridge, KioskCallName } from '../contract';

/**
 * The only door from the renderer to the main process: one function per call of the contract,
 * each bound to its own channel, and one event subscription. Neither ipcRenderer nor a generic
 * invoke/on is handed over, so a compromised page can reach nothing the contract does not list.
 * This file is bundled (a sandboxed preload cannot load npm packages) from the zod-free list of
 * call names; the main process validates every input (main/app/ipc.ts).
 */
function callFunctions(): Record<KioskCallName, (input: unknown) => Promise<unknown>> {
  return Object.fromEntries(
    KIOSK_CALL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel.call(name), input)]),
  ) as Record<KioskCallName, (input: unknown) => Promise<unknown>>;
}

const bridge: KioskBridge = {
  ...callFunctions(),
  onEvent(handler) {
    // Only the frame is passed on: the IPC event object carries `sender`, which is ipcRenderer itself.
    const listener = (_event: IpcRendererEvent, frame: unknown) => handler(frame);
    ipcRenderer.on(ipcChannel.event, listener);
    return () => {
      ipcRenderer.removeListener(ipcChannel.event, listener);
    };
  },
};

contextBridge.exposeInMainWorld('kioskBridge', bridge);
