const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * Keeps a WebSocket open for the life of the page: a kiosk must hear `visitEnded` again after the
 * local server restarts, so a dropped socket is reopened with a growing pause, reset once open.
 */
export function reconnectingSocket(
  url: string,
  onMessage: (data: string) => void,
  onConnection: (connected: boolean) => void = () => undefined,
): void {
  let retryMs = FIRST_RETRY_MS;

  const open = () => {
    const socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retryMs = FIRST_RETRY_MS;
      onConnection(true);
    });
    socket.addEventListener('message', (message: MessageEvent<unknown>) => {
      if (typeof message.data === 'string') onMessage(message.data);
    });
    // 'close' follows every 'error', so retrying here alone opens one socket at a time.
    socket.addEventListener('close', () => {
      onConnection(false);
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  };

  open();
}
