import { createServer, type AddressInfo } from 'node:net';

/**
 * A port of 127.0.0.1 free now: for a server a test starts again where its clients (or a proxy
 * before it) expect it, across restarts.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
