import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CentralStore } from '../ports';
import { fleetFilter, renderFleetPage } from './fleet-page';

/*
 * The central's pages for its technicians (the fleet screen), on a second port bound to loopback
 * only: reachable on the central's machine or through an SSH tunnel, never from the devices' network.
 * Staff sign-in for pages open to the network comes with the dashboards (issue 13).
 */

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface RunningAdmin {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startAdminServer(options: {
  store: CentralStore;
  port?: number;
  now?: () => Date;
}): Promise<RunningAdmin> {
  const now = options.now ?? (() => new Date());
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // A page on another site must not reach this one through a name resolving to 127.0.0.1.
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('this page answers on 127.0.0.1 only');
      return;
    }
    if (req.method !== 'GET' || !['/', '/fleet', '/fleet.json'].includes(url.pathname)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here: the fleet is at /fleet');
      return;
    }
    options.store.fleet().then(
      (devices) => {
        if (url.pathname === '/fleet.json') {
          res.writeHead(200, { 'content-type': 'application/json', ...SECURITY_HEADERS });
          res.end(JSON.stringify({ at: now().toISOString(), devices }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS });
        res.end(renderFleetPage(devices, fleetFilter(url.searchParams), now()));
      },
      () => {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('the central database does not answer; try again in a moment');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
