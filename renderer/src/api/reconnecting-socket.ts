const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface ReconnectingSocketOptions {
  /** Told when the events socket opens or drops. */
  onConnection?: (connected: boolean) => void;
  /**
   * Told each time a socket closes without having opened: the server is away, or it refused the
   * handshake (a browser never says why: a hall server's 401 looks like a server that is away).
   */
  onNeverOpened?: () => void;
}

/**
 * Keeps a WebSocket open for the life of the page: a kiosk must hear `visitEnded` again after the
 * local server restarts, so a dropped socket is reopened with a growing pause, reset once open.
 * Returns a stop: the socket closes and is not reopened (a page whose credential was refused).
 */
export function reconnectingSocket(
  url: string,
  onMessage: (data: string) => void,
  options: ReconnectingSocketOptions = {},
): () => void {
  const { onConnection = () => undefined, onNeverOpened = () => undefined } = options;
  let retryMs = FIRST_RETRY_MS;
  let stopped = false;
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    if (stopped) return;
    let opened = false;
    const current = new WebSocket(url);
    socket = current;
    current.addEventListener('open', () => {
      opened = true;
      retryMs = FIRST_RETRY_MS;
      onConnection(true);
    });
    current.addEventListener('message', (message: MessageEvent) => {
      if (typeof message.data === 'string') onMessage(message.data);
    });
    // 'close' follows every 'error', so retrying here alone opens one socket at a time.
    current.addEventListener('close', () => {
      if (stopped) return;
      onConnection(false);
      if (!opened) onNeverOpened();
      // onNeverOpened may have stopped it.
      if (stopped) return;
      retry = setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    });
  };

  open();
  return () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(retry);
    socket?.close();
  };
}
