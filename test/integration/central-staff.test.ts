import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { addStaffAccount, askDashboards, startTestDashboards, type DashboardAnswer } from '../support/dashboards';
import { SESSION_IDLE_MS } from '../../main/central/staff/staff-auth';
import type { StaffAccount } from '../../main/central/staff/staff-store';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { LOCKOUT_STEPS_MS, MAX_WRONG_PINS } from '../../main/shared/lockout';
import { centralCommand } from '../support/central-process';
import { requireCommand } from '../support/pty-pair';
import { postgresMissing, throwawayPostgres } from '../support/postgres';

/*
 * Staff sign-in on the dashboards' listener, over real HTTPS, with its accounts, sessions and
 * lockouts in a real PostgreSQL (a throwaway cluster of this file's own); the accounts' commands
 * run as `npm run central -- staff …` would. The server's clock is the test's, so lockouts and
 * session ends are reached without waiting.
 */

const missing = postgresMissing();
const PASSWORD = 'pale blue river stones';

describe.skipIf(missing)(`staff sign-in on real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
  let store: PostgresStore;
  let dashboards: RunningDashboards;
  let db: pg.Pool;
  let staticDir: string;
  let now = new Date('2026-12-04T09:00:00Z');
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));

  const ask = (method: string, path: string, options: Parameters<typeof askDashboards>[3] = {}) =>
    askDashboards(dashboards, method, path, options);

  /** Signs in; returns the cookie to send back (name=value). */
  async function signIn(username: string, password = PASSWORD): Promise<string> {
    const answer = await ask('POST', '/dashboard/api/sign-in', { json: { username, password } });
    expect(answer.status, answer.text).toBe(200);
    const setCookie = ([] as string[]).concat(answer.headers['set-cookie'] ?? [])[0] ?? '';
    return setCookie.split(';')[0]!;
  }

  async function addAccount(username: string, role: StaffAccount['role'], scope: StaffAccount['scope']) {
    expect(await addStaffAccount(store, { username, role, scope }, PASSWORD, now)).toBe(true);
  }

  async function enrolDevice(deviceId: string, centreId: string) {
    await store.addEnrolCode({
      codeHash: `code-${deviceId}`,
      centreId,
      role: 'bus',
      expiresAt: new Date(now.getTime() + 3_600_000),
    });
    const enrolled = await store.enrol({
      codeHash: `code-${deviceId}`,
      deviceId,
      appVersion: '0.1.0',
      tokenHash: `t-${deviceId}`,
      at: now,
    });
    expect(enrolled.ok).toBe(true);
  }

  beforeAll(async () => {
    cluster = await throwawayPostgres();
    store = new PostgresStore(cluster.url);
    await store.migrate();
    db = new pg.Pool({ connectionString: cluster.url });
    db.on('error', () => {});
    // A stand-in for the built renderer: the server's part is serving it, the page's is tested in e2e.
    staticDir = mkdtempSync(join(tmpdir(), 'dashboard-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'dashboard.html'), '<!doctype html><title>Dashboards</title>');
    writeFileSync(join(staticDir, 'assets', 'dashboard-abc123.js'), 'console.log(1);');
    writeFileSync(join(staticDir, 'secret.txt'), 'not served');
    dashboards = await startTestDashboards(store, { staticDir, now: () => now });
    await enrolDevice('bus-baku', 'baku-1');
    await enrolDevice('bus-ganja', 'ganja-2');
    await enrolDevice('bus-sheki', 'sheki-3');
    await addAccount('leyla', 'analyst', { kind: 'network' });
    await addAccount('aysel', 'manager', { kind: 'centres', centreIds: ['baku-1'] });
  }, 60_000);

  afterAll(async () => {
    await dashboards?.close();
    await db?.end();
    await store?.close();
    cluster?.remove();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('signs in with an HttpOnly, SameSite=Strict, Secure host cookie, and keeps only its token hash', async () => {
    const answer = await ask('POST', '/dashboard/api/sign-in', { json: { username: 'Leyla', password: PASSWORD } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ account: { username: 'leyla', role: 'analyst', scope: { kind: 'network' } } });
    const setCookie = ([] as string[]).concat(answer.headers['set-cookie'] ?? [])[0] ?? '';
    expect(setCookie).toMatch(
      /^__Host-staff-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/,
    );
    const token = setCookie.split(';')[0]!.split('=')[1]!;
    const stored = await db.query<{ token_hash: string }>(
      "SELECT token_hash FROM staff_sessions WHERE username = 'leyla'",
    );
    expect(stored.rows.map((row) => row.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    const everything = JSON.stringify((await db.query('SELECT * FROM staff_sessions')).rows);
    expect(everything).not.toContain(token);
    const me = await ask('GET', '/dashboard/api/me', { cookie: setCookie.split(';')[0] });
    expect(me.body).toEqual({ account: { username: 'leyla', role: 'analyst', scope: { kind: 'network' } } });
  });

  it('answers a wrong password and an unknown username with the same message', async () => {
    const wrong = await ask('POST', '/dashboard/api/sign-in', {
      json: { username: 'leyla', password: 'not the password' },
    });
    const unknown = await ask('POST', '/dashboard/api/sign-in', { json: { username: 'nobody', password: PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'wrong-credentials', message: 'wrong username or password' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // Forget these two wrong tries: the next test counts from none.
    expect(
      (await ask('POST', '/dashboard/api/sign-in', { json: { username: 'leyla', password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('locks a username after five wrong passwords, saying until when, and opens it once that time has passed', async () => {
    await addAccount('rustam', 'analyst', { kind: 'network' });
    const statuses: number[] = [];
    let last: DashboardAnswer | undefined;
    for (let i = 0; i < MAX_WRONG_PINS; i++) {
      // From different addresses' point of view it is one username: the name's own count locks it.
      last = await ask('POST', '/dashboard/api/sign-in', {
        json: { username: 'rustam', password: `wrong ${i} password` },
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const until = new Date(now.getTime() + LOCKOUT_STEPS_MS[0]).toISOString();
    expect(last!.body).toEqual({
      error: 'locked',
      until,
      message: `too many wrong passwords: try again after ${until}`,
    });
    expect(last!.headers['retry-after']).toBe(String(LOCKOUT_STEPS_MS[0] / 1000));
    // The right password waits as well, and the lock is held in PostgreSQL.
    expect(
      (await ask('POST', '/dashboard/api/sign-in', { json: { username: 'rustam', password: PASSWORD } })).status,
    ).toBe(429);
    const held = await db.query<{ locked_until: Date }>(
      "SELECT locked_until FROM staff_sign_in_lockouts WHERE key = 'account:rustam'",
    );
    expect(held.rows[0]?.locked_until.toISOString()).toBe(until);
    advance(LOCKOUT_STEPS_MS[0]);
    await signIn('rustam');
    const cleared = await db.query("SELECT 1 FROM staff_sign_in_lockouts WHERE key = 'account:rustam'");
    expect(cleared.rowCount).toBe(0);
  });

  it('counts wrong passwords sent at once, each one (the lockout row is locked while counted)', async () => {
    await addAccount('farid', 'analyst', { kind: 'network' });
    const answers = await Promise.all(
      Array.from({ length: MAX_WRONG_PINS }, (_, i) =>
        ask('POST', '/dashboard/api/sign-in', { json: { username: 'farid', password: `parallel ${i} wrong` } }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([401, 401, 401, 401, 429]);
    expect(
      (await ask('POST', '/dashboard/api/sign-in', { json: { username: 'farid', password: PASSWORD } })).status,
    ).toBe(429);
    advance(LOCKOUT_STEPS_MS[0]);
  });

  it('refuses a disabled account at sign-in and ends the sessions it had', async () => {
    await addAccount('kamran', 'analyst', { kind: 'network' });
    const cookie = await signIn('kamran');
    expect(await store.staff.disable('kamran', now)).toBe(true);
    const refused = await ask('POST', '/dashboard/api/sign-in', { json: { username: 'kamran', password: PASSWORD } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'account-disabled' });
    const me = await ask('GET', '/dashboard/api/me', { cookie });
    expect(me.status).toBe(401);
    // The session was ended in the same transaction as the account was disabled.
    const open = await db.query("SELECT 1 FROM staff_sessions WHERE username = 'kamran' AND ended_at IS NULL");
    expect(open.rowCount).toBe(0);
  });

  it('ends a session after 30 idle minutes, and keeps one in use', async () => {
    const idle = await signIn('leyla');
    const busy = await signIn('leyla');
    for (let i = 0; i < 3; i++) {
      advance(SESSION_IDLE_MS / 2);
      expect((await ask('GET', '/dashboard/api/me', { cookie: busy })).status).toBe(200);
    }
    const expired = await ask('GET', '/dashboard/api/me', { cookie: idle });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'session-expired', message: 'your session has ended: sign in again' });
    const busyPage = await ask('GET', '/dashboard/', { cookie: busy });
    expect(busyPage.status).toBe(200);
    advance(SESSION_IDLE_MS);
    // A page asked for with an ended session goes to sign-in, which says why.
    expect((await ask('GET', '/dashboard/', { cookie: busy })).headers.location).toBe(
      '/dashboard/sign-in?next=%2Fdashboard%2F&ended=1',
    );
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const cookie = await signIn('leyla');
    const out = await ask('POST', '/dashboard/api/sign-out', { cookie });
    expect(out.status).toBe(204);
    expect(([] as string[]).concat(out.headers['set-cookie'] ?? [])[0]).toMatch(/^__Host-staff-session=; .*Max-Age=0/);
    const me = await ask('GET', '/dashboard/api/me', { cookie });
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ error: 'not-signed-in' });
  });

  it("shows a manager their centres only, and answers 403 for another centre's", async () => {
    const manager = await signIn('aysel');
    const analyst = await signIn('leyla');
    expect((await ask('GET', '/dashboard/api/centres', { cookie: manager })).body).toEqual({ centres: ['baku-1'] });
    expect((await ask('GET', '/dashboard/api/centres', { cookie: analyst })).body).toEqual({
      centres: ['baku-1', 'ganja-2', 'sheki-3'],
    });
    expect((await ask('GET', '/dashboard/api/centres/baku-1', { cookie: manager })).status).toBe(200);
    const other = await ask('GET', '/dashboard/api/centres/ganja-2', { cookie: manager });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error: 'not-your-centre', message: 'this account does not read ganja-2' });
    // Nor does a manager learn whether a centre exists: an unknown one is refused the same way.
    expect((await ask('GET', '/dashboard/api/centres/nowhere-9', { cookie: manager })).status).toBe(403);
    expect((await ask('GET', '/dashboard/api/centres/ganja-2', { cookie: analyst })).status).toBe(200);
    expect((await ask('GET', '/dashboard/api/centres/nowhere-9', { cookie: analyst })).status).toBe(404);
    expect((await ask('GET', '/dashboard/api/centres')).status).toBe(401);
  });

  it('refuses sign-in and sign-out sent from another site, or as a form', async () => {
    const json = { username: 'leyla', password: PASSWORD };
    const foreign = await ask('POST', '/dashboard/api/sign-in', { json, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: 'cross-origin' });
    const cookie = await signIn('leyla');
    const foreignOut = await ask('POST', '/dashboard/api/sign-out', {
      cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignOut.status).toBe(403);
    expect((await ask('GET', '/dashboard/api/me', { cookie })).status).toBe(200);
    const form = await ask('POST', '/dashboard/api/sign-in', {
      json,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const missingField = await ask('POST', '/dashboard/api/sign-in', { json: { username: 'leyla' } });
    expect(missingField.status).toBe(400);
    expect(missingField.body).toMatchObject({ error: 'bad-request', problems: [expect.stringMatching(/^password: /)] });
  });

  it('sends a page request without a session to sign-in, and serves the page and its assets with one', async () => {
    const away = await ask('GET', '/dashboard/');
    expect(away.status).toBe(303);
    expect(away.headers.location).toBe('/dashboard/sign-in?next=%2Fdashboard%2F');
    expect((await ask('GET', '/dashboard/live')).headers.location).toBe('/dashboard/sign-in?next=%2Fdashboard%2Flive');
    const signInPage = await ask('GET', '/dashboard/sign-in');
    expect(signInPage.status).toBe(200);
    expect(signInPage.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const cookie = await signIn('leyla');
    const home = await ask('GET', '/dashboard/', { cookie });
    expect(home.status).toBe(200);
    expect(home.text).toContain('<title>Dashboards</title>');
    const asset = await ask('GET', '/dashboard/assets/dashboard-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const path of [
      '/dashboard/assets/..%2Fsecret.txt',
      '/dashboard/assets/../secret.txt',
      '/dashboard/secret.txt',
    ])
      expect((await ask('GET', path, { cookie })).text).not.toContain('not served');
  });

  it('deletes sessions ended a month ago and lockouts long quiet, at a sign-in, and keeps the rest', async () => {
    const day = 24 * 60 * 60_000;
    const at = (ms: number) => new Date(now.getTime() + ms);
    await db.query(
      `INSERT INTO staff_sessions (token_hash, username, created_at, last_seen_at, expires_at, ended_at) VALUES
         ('old-expired', 'leyla', $1, $1, $2, NULL),
         ('old-signed-out', 'leyla', $1, $1, $3, $4),
         ('recent-signed-out', 'leyla', $5, $5, $6, $7)`,
      [at(-40 * day), at(-31 * day), at(-20 * day), at(-39 * day), at(-29 * day), at(-28 * day), at(-29 * day)],
    );
    await db.query(
      `INSERT INTO staff_sign_in_lockouts (key, wrong_count, lockouts, locked_until, last_wrong_at) VALUES
         ('account:quiet', 3, 1, $1, $1), ('account:recent', 2, 0, NULL, $2), ('address:locked', 0, 3, $3, $4)`,
      [at(-2 * day), at(-2 * 60 * 60_000), at(2 * 60 * 60_000), at(-30 * 60_000)],
    );
    // The pruning runs at most hourly, at a sign-in: an hour on, this one runs it.
    advance(61 * 60_000);
    await signIn('leyla');
    const sessions = await db.query<{ token_hash: string }>(
      `SELECT token_hash FROM staff_sessions WHERE token_hash IN ('old-expired', 'old-signed-out', 'recent-signed-out')`,
    );
    expect(sessions.rows.map((row) => row.token_hash)).toEqual(['recent-signed-out']);
    const lockouts = await db.query<{ key: string }>(
      `SELECT key FROM staff_sign_in_lockouts WHERE key IN ('account:quiet', 'account:recent', 'address:locked') ORDER BY key`,
    );
    expect(lockouts.rows.map((row) => row.key)).toEqual(['account:recent', 'address:locked']);
  });

  it('adds, lists, resets and disables accounts from the command line, the password read from standard input', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'central-staff-cli-'));
    const env = { DATABASE_URL: cluster.url, CENTRAL_DATA_DIR: dataDir, CENTRAL_PORT: '0' };
    try {
      const short = centralCommand(
        env,
        ['staff', 'add', 'nigar', '--role', 'manager', '--centre', 'ganja-2'],
        'short\n',
      );
      expect(short.status).toBe(2);
      expect(short.output).toContain('refused: the password must be at least 12 characters');
      const network = centralCommand(env, ['staff', 'add', 'nigar', '--role', 'manager', '--network'], `${PASSWORD}\n`);
      expect(network.output).toContain('refused: a centre manager reads their centres only: give --centre');
      const added = centralCommand(
        env,
        ['staff', 'add', 'Nigar', '--role', 'manager', '--centre', 'ganja-2', '--centre', 'sheki-3'],
        `${PASSWORD}\n`,
      );
      expect(added.status, added.output).toBe(0);
      expect(added.output).toContain('Account nigar added: centre manager of ganja-2, sheki-3.');
      const cookie = await signIn('nigar');
      expect((await ask('GET', '/dashboard/api/centres', { cookie })).body).toEqual({
        centres: ['ganja-2', 'sheki-3'],
      });

      const listed = centralCommand(env, ['staff', 'list']).output;
      expect(listed).toMatch(/nigar\s+centre manager of ganja-2, sheki-3/);
      expect(listed).toMatch(/leyla\s+analyst of the whole network/);
      expect(listed).toMatch(/kamran\s+analyst of the whole network\s+DISABLED/);

      const reset = centralCommand(env, ['staff', 'reset-password', 'nigar'], 'a brand new passphrase\n');
      expect(reset.status, reset.output).toBe(0);
      expect((await ask('GET', '/dashboard/api/me', { cookie })).status).toBe(401);
      await signIn('nigar', 'a brand new passphrase');

      expect(centralCommand(env, ['staff', 'disable', 'nigar']).status).toBe(0);
      expect(centralCommand(env, ['staff', 'disable', 'nigar']).status).toBe(1);
      const hashes = await db.query<{ password_hash: string }>(
        "SELECT password_hash FROM staff_accounts WHERE username = 'nigar'",
      );
      expect(hashes.rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(hashes.rows[0]?.password_hash).not.toContain('passphrase');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
  it('asks for the password twice at a terminal, without showing it', async () => {
    // util-linux `script` runs the command on a pseudo-terminal, as a technician's shell does.
    requireCommand('script');
    const dataDir = mkdtempSync(join(tmpdir(), 'central-staff-tty-'));
    const central = join(import.meta.dirname, '../../scripts/central.ts');
    const child = spawn(
      'script',
      ['-qefc', `${process.execPath} --import tsx ${central} staff add tty-user --role analyst --network`, '/dev/null'],
      {
        env: { ...process.env, DATABASE_URL: cluster.url, CENTRAL_DATA_DIR: dataDir },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 30_000;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await waitFor('New password for tty-user: ');
      child.stdin.write('typed at the terminal\r');
      await waitFor('The same password again: ');
      child.stdin.write('typed at the terminal\r');
      expect(await exited, output).toBe(0);
      expect(output).toContain('Account tty-user added: analyst of the whole network.');
      expect(output).not.toContain('typed at the terminal');
      await signIn('tty-user', 'typed at the terminal');
    } finally {
      child.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
