import { request } from 'node:https';
import { startDashboardServer, type RunningDashboards } from '../../main/central/http/dashboard-server';
import { StaffAuth } from '../../main/central/staff/staff-auth';
import { hashPassword } from '../../main/central/staff/password';
import type { StaffAccount } from '../../main/central/staff/staff-store';
import type { PostgresStore } from '../../main/central/store/postgres-store';
import { TEST_TLS } from './test-central';

/**
 * The central's dashboards listener for a test, everything read from the test's store: staff
 * sign-in, figures, operator control, public pages and open data. HTTPS with the test-only
 * certificate on loopback unless `https: false` (then plain HTTP, loopback only, as the server does
 * without a certificate); `now` is the clock of both the server and its sessions.
 */
export function startTestDashboards(
  store: PostgresStore,
  options: { staticDir: string; now?: () => Date; https?: boolean; publicThreshold?: number },
): Promise<RunningDashboards> {
  return startDashboardServer({
    auth: new StaffAuth(store.staff, options.now),
    staff: store.staff,
    monitoring: store.monitoring,
    control: store.standardEvents,
    public: { reads: store.publicFigures, threshold: options.publicThreshold ?? 10 },
    now: options.now,
    staticDir: options.staticDir,
    ...(options.https === false ? {} : { tls: TEST_TLS, host: '127.0.0.1' }),
  });
}

/** Adds a staff account with this password (hashed as the central hashes it); false if the name is taken. */
export async function addStaffAccount(
  store: PostgresStore,
  account: Pick<StaffAccount, 'username' | 'role' | 'scope'>,
  password: string,
  at = new Date(),
): Promise<boolean> {
  return store.staff.addAccount({ ...account, passwordHash: await hashPassword(password), at });
}

export interface DashboardAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON body, or null when the answer is not JSON. */
  body: Record<string, unknown> | null;
  text: string;
}

/**
 * A request to the dashboards' listener as a browser on their own page sends it (its Origin, the
 * test certificate trusted), unless told otherwise; JSON when `json` is given.
 */
export function askDashboards(
  dashboards: RunningDashboards,
  method: string,
  path: string,
  options: { cookie?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<DashboardAnswer> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  const headers: Record<string, string> = {
    origin: `https://127.0.0.1:${dashboards.port}`,
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: dashboards.port,
        method,
        path,
        headers,
        ca: TEST_TLS.cert,
        // A connection of its own each time: a test that stalls its process (spawnSync) past the
        // server's keep-alive would otherwise reuse a connection the server has closed.
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const json = (res.headers['content-type'] ?? '').startsWith('application/json');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: json ? (JSON.parse(text) as Record<string, unknown>) : null,
            text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs in with the password; the session cookie to send back (name=value), or an error naming the refusal. */
export async function signInToDashboards(
  dashboards: RunningDashboards,
  username: string,
  password: string,
): Promise<string> {
  const answer = await askDashboards(dashboards, 'POST', '/dashboard/api/sign-in', { json: { username, password } });
  if (answer.status !== 200) throw new Error(`sign-in of ${username} answered ${answer.status}: ${answer.text}`);
  return (([] as string[]).concat(answer.headers['set-cookie'] ?? [])[0] ?? '').split(';')[0]!;
}
