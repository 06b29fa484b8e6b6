import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { KIOSK_CALL_NAMES, ipcChannel } from '../contract';
import type { EventFrame, KioskCallName } from '../contract';
import { dispatchCall } from '../core/dispatch';
import type { KioskCore, KioskHandlers } from '../core/kiosk-core';
import { isAppUrl } from './app-origin';

/**
 * Answers every call of the contract on its own channel, and nothing else. Input and output are
 * validated and every outcome becomes the CallResult envelope (see dispatchCall), exactly as over
 * HTTP. Returns a function that removes the handlers again.
 */
export function registerKioskCalls(
  handlers: KioskHandlers,
  onInternalError: (error: unknown) => void = (error) => console.error('kiosk: internal error', error),
): () => void {
  for (const name of KIOSK_CALL_NAMES) {
    ipcMain.handle(ipcChannel.call(name), async (event, input: unknown) => {
      refuseForeignSender(event, name);
      return dispatchCall(handlers, name, input, onInternalError);
    });
  }
  return () => {
    for (const name of KIOSK_CALL_NAMES) ipcMain.removeHandler(ipcChannel.call(name));
  };
}

/**
 * Only the kiosk's own pages may call (as VS Code validates the sender): a frame that got
 * elsewhere, or one already gone, is refused before any input is looked at. It gets a thrown
 * error rather than an envelope because it is not a client of the contract.
 */
function refuseForeignSender(event: IpcMainInvokeEvent, name: KioskCallName): void {
  const url = event.senderFrame?.url;
  if (url !== undefined && isAppUrl(url)) return;
  console.warn(`kiosk: refused call "${name}" from ${url ?? 'a frame that no longer exists'}`);
  throw new Error(`call "${name}" refused: the sender is not the kiosk app`);
}

/**
 * Sends every event of the kiosk to the window as an EventFrame, while the window shows the app;
 * stops when the window's contents are destroyed. Returns the unsubscribe function.
 */
export function forwardKioskEvents(service: Pick<KioskCore, 'subscribe'>, contents: WebContents): () => void {
  const unsubscribe = service.subscribe((event, payload) => {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    const frame = { event, payload } as EventFrame;
    contents.send(ipcChannel.event, frame);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
