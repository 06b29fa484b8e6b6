import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { addStaffAccount, startTestDashboards } from '../support/dashboards';
import type { StaffAccount } from '../../main/central/staff/staff-store';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { LANGUAGES, type Language } from '../../main/contract';
import { launchChromium, PORTRAIT } from '../support/chromium';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { checkBothOrientations, overflowProblems, seriousAxeViolations } from '../support/screen-checks';

/*
 * Staff sign-in to the dashboards in Chromium: the built dashboard entry (npm run build) served by
 * the central's dashboards listener over HTTPS, accounts in a real PostgreSQL. Each screen is
 * checked in portrait and landscape (and on a phone) for axe's serious violations and overflow,
 * and photographed into test-artifacts/screenshots/dashboard/.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/dashboard');
const DIST = join(import.meta.dirname, '../../dist/renderer');
const PHONE = { width: 390, height: 844 } as const;
const PASSWORD = 'pale blue river stones';
const missing = postgresMissing();

interface DashboardTexts {
  title: string;
  signIn: Record<string, string>;
  shell: Record<string, string> & { role: Record<StaffAccount['role'], string> };
  place: Record<string, string>;
}
/** The dashboards' texts in a language, read from the locale file the page bundles. */
const texts = async (lng: Language): Promise<DashboardTexts> =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/dashboard.json`), 'utf8')) as DashboardTexts;

describe.skipIf(missing)(
  `staff sign-in to the dashboards (Chromium, real PostgreSQL)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let store: PostgresStore;
    let dashboards: RunningDashboards;
    let browser: Browser;

    async function addAccount(username: string, role: StaffAccount['role'], scope: StaffAccount['scope']) {
      expect(await addStaffAccount(store, { username, role, scope }, PASSWORD)).toBe(true);
    }

    async function enrolDevice(deviceId: string, centreId: string) {
      const at = new Date();
      await store.addEnrolCode({
        codeHash: `code-${deviceId}`,
        centreId,
        role: 'bus',
        expiresAt: new Date(at.getTime() + 3_600_000),
      });
      expect(
        (
          await store.enrol({
            codeHash: `code-${deviceId}`,
            deviceId,
            appVersion: '0.1.0',
            tokenHash: `t-${deviceId}`,
            at,
          })
        ).ok,
      ).toBe(true);
    }

    /** A fresh browser (no cookie, no remembered language) at the dashboards' address. */
    async function freshPage(
      viewport: { width: number; height: number } = PORTRAIT,
    ): Promise<{ context: BrowserContext; page: Page }> {
      // The test's certificate is self-signed: the browser is told to accept it, the server is unchanged.
      const context = await browser.newContext({ viewport, ignoreHTTPSErrors: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) errors.push(message.text());
      });
      (page as Page & { errors: string[] }).errors = errors;
      return { context, page };
    }

    /** Axe and overflow in both orientations, and a screenshot of each; back in portrait after. */
    const checkAndShoot = (page: Page, name: string) =>
      checkBothOrientations(page, { folder: SCREENSHOTS, name }, [seriousAxeViolations, overflowProblems], PORTRAIT);

    async function pickLanguage(page: Page, lng: Language) {
      await page.getByTestId('dashboard-language').selectOption(lng);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lng);
    }

    /** Types the name and password and presses sign-in; resolves once the answer is shown. */
    async function signIn(page: Page, lng: Language, username: string, password = PASSWORD) {
      const t = await texts(lng);
      await page.getByLabel(t.signIn.username!).fill(username);
      await page.getByLabel(t.signIn.password!).fill(password);
      const [answer] = await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/dashboard/api/sign-in')),
        page.getByRole('button', { name: t.signIn.submit! }).click(),
      ]);
      // A refusal empties the password field once its answer is read: wait for that before typing again.
      if (answer.status() !== 200)
        await expect.poll(() => page.getByLabel(t.signIn.password!).inputValue(), { timeout: 15_000 }).toBe('');
    }

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      cluster = await throwawayPostgres();
      store = new PostgresStore(cluster.url);
      await store.migrate();
      for (const [device, centre] of [
        ['bus-baku', 'baku-1'],
        ['bus-ganja', 'ganja-2'],
        ['hall-sheki', 'sheki-3'],
      ] as const)
        await enrolDevice(device, centre);
      await addAccount('leyla', 'analyst', { kind: 'network' });
      await addAccount('aysel', 'manager', { kind: 'centres', centreIds: ['baku-1'] });
      await addAccount('rustam', 'analyst', { kind: 'network' });
      dashboards = await startTestDashboards(store, { staticDir: DIST });
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await dashboards?.close();
      await store?.close();
      cluster?.remove();
    });

    it('sends a visitor without a session to sign-in, and says a wrong password in words', async () => {
      const { context, page } = await freshPage();
      await page.goto(`${dashboards.url}/dashboard/`);
      expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
      const en = await texts('en');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.signIn.heading);
      await signIn(page, 'en', 'leyla', 'not the password at all');
      await expect.poll(() => page.getByTestId('sign-in-problem').textContent()).toBe('Wrong username or password.');
      // The password field is emptied for the next try; the name stays.
      expect(await page.getByLabel('Password').inputValue()).toBe('');
      expect(await page.getByLabel('Username').inputValue()).toBe('leyla');
      await checkAndShoot(page, 'sign-in-wrong-password-en');
      await pickLanguage(page, 'ru');
      await signIn(page, 'ru', 'nobody', PASSWORD);
      await expect
        .poll(() => page.getByTestId('sign-in-problem').textContent())
        .toBe('Неверное имя пользователя или пароль.');
      await checkAndShoot(page, 'sign-in-wrong-password-ru');
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await context.close();
    });

    it('says when a locked-out username may try again, in the visitor’s language', async () => {
      const { context, page } = await freshPage();
      await page.goto(`${dashboards.url}/dashboard/sign-in`);
      await pickLanguage(page, 'kk');
      for (let i = 0; i < 5; i++) await signIn(page, 'kk', 'rustam', `wrong password ${i}`);
      const kk = await texts('kk');
      const prefix = kk.signIn.locked!.split('{{time}}')[0]!;
      await expect.poll(() => page.getByTestId('sign-in-problem').textContent()).toContain(prefix);
      const shown = (await page.getByTestId('sign-in-problem').textContent()) ?? '';
      expect(shown).toMatch(/\d{2}:\d{2}\.$/);
      await checkAndShoot(page, 'sign-in-locked-kk');
      await context.close();
    });

    for (const [username, lng] of [
      ['leyla', 'en'],
      ['leyla', 'az'],
      ['aysel', 'ru'],
      ['aysel', 'uz'],
    ] as const) {
      it(`signs ${username} in, in ${lng}: the shell names the account, its role and what it reads`, async () => {
        const { context, page } = await freshPage();
        await page.goto(`${dashboards.url}/dashboard/figures`);
        expect(page.url()).toContain('/dashboard/sign-in?next=%2Fdashboard%2Ffigures');
        await pickLanguage(page, lng);
        await checkAndShoot(page, `sign-in-${lng}`);
        await signIn(page, lng, username);
        await page.waitForURL(`${dashboards.url}/dashboard/figures`);
        const t = await texts(lng);
        await expect.poll(() => page.getByTestId('account-name').textContent()).toBe(username);
        const manager = username === 'aysel';
        const scope = manager ? t.shell.scopeCentres!.replace('{{centres}}', 'baku-1') : t.shell.scopeNetwork!;
        expect(await page.getByTestId('account-scope').textContent()).toBe(
          `${t.shell.role[manager ? 'manager' : 'analyst']} · ${scope}`,
        );
        // The figures view starts where the account reads: a manager at their centre.
        await expect
          .poll(() => page.getByTestId('place-heading').textContent())
          .toBe(manager ? t.place.centre!.replace('{{name}}', 'baku-1') : t.place.network);
        // A manager's browser asking for another centre is refused by the server.
        const other = await page.evaluate(() => fetch('api/centres/ganja-2').then((r) => r.status));
        expect(other).toBe(manager ? 403 : 200);
        expect(await page.evaluate(() => document.title)).toBe(t.title);
        await checkAndShoot(page, `shell-${username}-${lng}`);

        await page.getByRole('button', { name: t.shell.signOut! }).click();
        await page.waitForURL(/\/dashboard\/sign-in$/);
        await page.goto(`${dashboards.url}/dashboard/`);
        expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
        expect((page as Page & { errors: string[] }).errors).toEqual([]);
        await context.close();
      });
    }

    it('shows sign-in and the shell in every language without overflow or axe violations, both orientations', async () => {
      for (const lng of LANGUAGES) {
        const { context, page } = await freshPage();
        await page.goto(`${dashboards.url}/dashboard/sign-in?lng=${lng}`);
        const t = await texts(lng);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(t.signIn.heading);
        await checkAndShoot(page, `every-language-sign-in-${lng}`);
        await signIn(page, lng, 'leyla');
        await page.waitForURL(`${dashboards.url}/dashboard/`);
        await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('leyla');
        await page.waitForSelector('[data-testid="figures-page"]');
        // The language asked for on sign-in carries over to the pages after it.
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.place.network);
        await checkAndShoot(page, `every-language-shell-${lng}`);
        await context.close();
      }
    }, 120_000);

    it('sends a browser whose session ended back to sign-in, saying so, and on to the page after', async () => {
      const { context, page } = await freshPage();
      await page.goto(`${dashboards.url}/dashboard/sign-in?lng=en`);
      await signIn(page, 'en', 'leyla');
      await page.waitForURL(`${dashboards.url}/dashboard/`);
      await page.waitForSelector('[data-testid="figures-page"]');
      // Half an hour without a request, as PostgreSQL keeps it.
      const db = new pg.Pool({ connectionString: cluster.url });
      await db.query("UPDATE staff_sessions SET last_seen_at = now() - interval '31 minutes' WHERE username = 'leyla'");
      await db.end();
      await page.goto(`${dashboards.url}/dashboard/live`);
      expect(page.url()).toBe(`${dashboards.url}/dashboard/sign-in?next=%2Fdashboard%2Flive&ended=1`);
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('Your session has ended. Please sign in again.');
      await checkAndShoot(page, 'sign-in-session-ended-en');
      await signIn(page, 'en', 'leyla');
      await page.waitForURL(`${dashboards.url}/dashboard/live`);
      await context.close();
    });

    it('is readable on a phone', async () => {
      const { context, page } = await freshPage(PHONE);
      await page.goto(`${dashboards.url}/dashboard/sign-in?lng=ky`);
      expect(await overflowProblems(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-ky-phone.png'), fullPage: true });
      await signIn(page, 'ky', 'aysel');
      await page.waitForURL(`${dashboards.url}/dashboard/`);
      await page.waitForSelector('[data-testid="figures-page"]');
      expect(await page.getByTestId('account-scope').textContent()).toBe('Борбордун жетекчиси · Борборлор: baku-1');
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await overflowProblems(page)).toEqual([]);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(sideways).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'shell-aysel-ky-phone.png'), fullPage: true });
      await context.close();
    });
  },
);
