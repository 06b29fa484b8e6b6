import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { canSee, visibleCentres } from '../staff/scope';
import { SESSION_ABSOLUTE_MS, type StaffAuth } from '../staff/staff-auth';
import type { StaffStore } from '../staff/staff-store';
import type { MonitoringReads } from '../monitoring/monitoring-reads';
import type { PublicReads } from '../monitoring/public-reads';
import { accountView as view, type AccountView } from './dashboard/account-view';
import { Refusal, sendJson } from './dashboard/answers';
import { publicAnswer } from './dashboard/public-api';
import { sendBuiltAsset, sendBuiltPage } from './dashboard/static-files';
import { staffApiAnswer } from './dashboard/staff-api';

/*
 * The dashboards' server (issue 13): staff sign in here and read the network's figures; the public
 * pages and open data will be served here too, without a session. It is its own listener, neither
 * the devices' sync API (devices authenticate with bearer credentials and need no cookies, pages
 * or CSRF rules; it stays the smallest surface facing the devices' network) nor the fleet screen's
 * admin port (loopback only, for a technician on the machine, while analysts and managers work
 * from ministries and centres). HTTPS with the central's certificate; plain HTTP only when no
 * certificate is given (a try-out on loopback), and then the cookie is not Secure.
 *
 * A session is an HttpOnly, SameSite=Strict cookie holding a random token; the central keeps only
 * its hash. Every state-changing request must come from this origin (Origin, or Sec-Fetch-Site when
 * a browser sends no Origin) and carry JSON, which a form on another site cannot send.
 */

export interface DashboardServerOptions {
  auth: StaffAuth;
  staff: Pick<StaffStore, 'knownCentres'>;
  /** The figures, live view and visits the dashboards and public pages read. */
  monitoring: MonitoringReads;
  /** The public pages and open data (no sign-in): their reads and the threshold below which a figure is withheld. */
  public?: { reads: PublicReads; threshold: number };
  now?: () => Date;
  /** The built renderer (dist/renderer): dashboard.html, public.html and their assets. */
  staticDir: string;
  tls?: { key: string | Buffer; cert: string | Buffer };
  host?: string;
  port?: number;
  log?: (level: 'info' | 'warn' | 'error', event: string, detail: Record<string, unknown>) => void;
}

export interface RunningDashboards {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Where everything of the dashboards lives; the page and its API share the path so relative URLs work. */
export const DASHBOARD_BASE = '/dashboard/';
const MAX_BODY_BYTES = 8 * 1024;

const SignInBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1024) });

export async function startDashboardServer(options: DashboardServerOptions): Promise<RunningDashboards> {
  const { auth } = options;
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const secure = options.tls !== undefined;
  // The __Host- prefix makes the browser refuse the cookie unless Secure, for this host, on path /.
  const cookieName = secure ? '__Host-staff-session' : 'staff-session';
  const cookie = (value: string, maxAgeSeconds: number) =>
    `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
  const tokenOf = (req: IncomingMessage) => cookieValue(req.headers.cookie, cookieName);

  const signedIn = async (req: IncomingMessage): Promise<AccountView> => {
    const session = await auth.session(tokenOf(req));
    if (session.ok) return view(session.account);
    const message =
      session.reason === 'session-expired'
        ? 'your session has ended: sign in again'
        : session.reason === 'account-disabled'
          ? 'this account is disabled'
          : 'sign in first';
    throw new Refusal(401, session.reason === 'no-session' ? 'not-signed-in' : session.reason, message);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://host');
    const path = url.pathname;
    if (path === '/' || path === '/dashboard') return redirect(res, DASHBOARD_BASE);
    // The public pages and open data: no session, no cookie read.
    if (
      options.public &&
      (await publicAnswer(req, res, path, { ...options.public, staticDir: options.staticDir, now }))
    )
      return;
    if (!path.startsWith(DASHBOARD_BASE)) throw new Refusal(404, 'not-found', `no ${path} here`);
    const rest = path.slice(DASHBOARD_BASE.length);

    if (rest.startsWith('api/')) {
      const route = `${req.method} ${rest.slice('api/'.length)}`;
      if (req.method !== 'GET' && req.method !== 'HEAD') sameOrigin(req, secure);
      if (route === 'POST sign-in') return signIn(req, res);
      if (route === 'POST sign-out') {
        await auth.signOut(tokenOf(req));
        res.writeHead(204, { 'set-cookie': cookie('', 0), 'cache-control': 'no-store' }).end();
        return;
      }
      if (route === 'GET me') return sendJson(res, 200, { account: await signedIn(req) });
      if (route === 'GET centres') {
        const account = await signedIn(req);
        return sendJson(res, 200, { centres: visibleCentres(account, await options.staff.knownCentres()) });
      }
      const centre = /^GET centres\/([\w.-]{1,64})$/.exec(route)?.[1];
      if (centre !== undefined) {
        const account = await signedIn(req);
        // Refused before it is looked up: a manager learns nothing of other centres, not even whether they exist.
        if (!canSee(account, centre)) throw new Refusal(403, 'not-your-centre', `this account does not read ${centre}`);
        const known = (await options.staff.knownCentres()).includes(centre);
        if (!known) throw new Refusal(404, 'unknown-centre', `the central knows no centre ${centre}`);
        return sendJson(res, 200, { centreId: centre });
      }
      if (req.method === 'GET') {
        const account = await signedIn(req);
        const body = await staffApiAnswer(route.slice('GET '.length), url.searchParams, account, {
          monitoring: options.monitoring,
          now,
        });
        if (body !== undefined) return sendJson(res, 200, body);
      }
      throw new Refusal(404, 'not-found', `no ${req.method} ${path} here`);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new Refusal(405, 'method-not-allowed', 'pages are read with GET');
    if (rest.startsWith('assets/')) return asset(res, rest.slice('assets/'.length));
    if (rest === 'sign-in') return page(res);
    // Every other page is for staff: without a session, the sign-in page, which comes back here after
    // (and says why, when a session ended).
    const session = await auth.session(tokenOf(req));
    if (!session.ok) {
      const ended = session.reason === 'session-expired' ? '&ended=1' : '';
      return redirect(res, `${DASHBOARD_BASE}sign-in?next=${encodeURIComponent(path)}${ended}`);
    }
    if (rest === '' || /^[a-z-]{1,40}$/.test(rest)) return page(res);
    throw new Refusal(404, 'not-found', `no page ${path}`);
  };

  const signIn = async (req: IncomingMessage, res: ServerResponse) => {
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
      throw new Refusal(415, 'not-json', 'send the username and password as JSON');
    const parsed = SignInBody.safeParse(await readJson(req));
    if (!parsed.success)
      throw new Refusal(400, 'bad-request', 'the request needs a username and a password', {
        problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
      });
    const address = req.socket.remoteAddress ?? 'unknown';
    const outcome = await auth.signIn(parsed.data.username, parsed.data.password, address);
    if (outcome.ok) {
      log('info', 'staff-signed-in', { username: outcome.account.username, address });
      res.setHeader('set-cookie', cookie(outcome.token, SESSION_ABSOLUTE_MS / 1000));
      return sendJson(res, 200, { account: view(outcome.account) });
    }
    log('warn', 'staff-sign-in-refused', { reason: outcome.reason, address });
    switch (outcome.reason) {
      case 'wrong-credentials':
        throw new Refusal(401, 'wrong-credentials', 'wrong username or password');
      case 'account-disabled':
        throw new Refusal(403, 'account-disabled', 'this account is disabled; ask the central’s administrator');
      case 'locked': {
        throw new Refusal(
          429,
          'locked',
          `too many wrong passwords: try again after ${outcome.until.toISOString()}`,
          { until: outcome.until.toISOString() },
          { 'retry-after': String(outcome.waitSeconds) },
        );
      }
    }
  };

  const page = (res: ServerResponse) => sendBuiltPage(res, options.staticDir, 'dashboard.html');
  const asset = (res: ServerResponse, name: string) => sendBuiltAsset(res, options.staticDir, name);

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Refusal) {
        sendJson(res, error.status, { error: error.code, message: error.message, ...error.extra }, error.headers);
        return;
      }
      log('error', 'dashboard-failed', { error: String(error) });
      sendJson(res, 503, {
        error: 'storage-unavailable',
        message: 'the central database does not answer; try again in a moment',
      });
    });
  };
  const server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, serve)
    : createHttpServer(serve);
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Without a certificate, loopback only: a password must not cross a network in the clear.
    server.listen(options.port ?? 0, options.tls ? (options.host ?? '0.0.0.0') : '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Refuses a state-changing request another site's page could have sent: its Origin must be this
 * server's; a browser that sends no Origin must say Sec-Fetch-Site: same-origin.
 */
function sameOrigin(req: IncomingMessage, secure: boolean): void {
  const own = `${secure ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  const origin = req.headers.origin;
  const ok = origin !== undefined ? origin === own : req.headers['sec-fetch-site'] === 'same-origin';
  if (!ok) throw new Refusal(403, 'cross-origin', 'this request must come from the dashboards’ own pages');
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, 'too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Refusal(400, 'bad-request', 'the body is not JSON');
  }
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' }).end();
}
