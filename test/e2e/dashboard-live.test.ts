import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { addStaffAccount, startTestDashboards } from '../support/dashboards';
import type { StaffAccount } from '../../main/central/staff/staff-store';
import { PostgresStore } from '../../main/central/store/postgres-store';
import type { Language } from '../../main/contract';
import type { SyncRecord } from '../../main/contract/sync';
import { enrolHallServer, ingestAsDevice } from '../support/central-device';
import { launchChromium, PORTRAIT } from '../support/chromium';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { checkBothOrientations, scrollingPageOverflowProblems, seriousAxeViolations } from '../support/screen-checks';
import { localDayIn, outboxOf, printerStateFact, visitFacts, type VisitPlan } from '../support/visit-facts';

/*
 * The operator control's live view in Chromium: a centre's desks, queues, printers and today's
 * events as its manager and the network's analyst see them, from visits sent through the central's
 * real ingest and projector into a real PostgreSQL, served by the dashboards' listener over HTTPS.
 * The visits are placed around the real clock (the page reads the central every 5 s).
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/dashboard');
const DIST = join(import.meta.dirname, '../../dist/renderer');
const PASSWORD = 'quiet harbour lanterns';
const ZONE = 'Asia/Baku';
const missing = postgresMissing();

type LiveTexts = Record<string, string> & {
  tiles: Record<string, string>;
  problem: Record<string, string>;
  desks: Record<string, string>;
  printers: Record<string, string>;
  digest: Record<string, string>;
};
const liveTexts = (lng: Language): LiveTexts =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/control.json`), 'utf8')) as LiveTexts;
const dashboardTexts = (lng: Language) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/dashboard.json`), 'utf8')) as {
    signIn: Record<string, string>;
    calendar: { minutes: string };
    shell: Record<string, string>;
  };
const signInTexts = (lng: Language): Record<string, string> => dashboardTexts(lng).signIn;
/** A text with its {{placeholders}} filled. */
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');

describe.skipIf(missing)(
  `the dashboards' live view (Chromium, real PostgreSQL)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let store: PostgresStore;
    let db: pg.Pool;
    let dashboards: RunningDashboards;
    let browser: Browser;
    const start = new Date();
    const ago = (minutes: number) => new Date(start.getTime() - minutes * 60_000);
    const today = localDayIn(start, ZONE);
    const seq = new Map<string, number>();

    /** Sends a hall's facts as its sync worker would, then lets the projector fold them. */
    async function send(deviceId: string, records: SyncRecord[]) {
      await ingestAsDevice(store, deviceId, records, records.length);
      seq.set(deviceId, records.at(-1)!.seq);
      await store.projectPending();
    }

    const plansAt = (plans: VisitPlan[]) => plans.flatMap(visitFacts);

    async function addAccount(username: string, role: StaffAccount['role'], scope: StaffAccount['scope']) {
      expect(await addStaffAccount(store, { username, role, scope }, PASSWORD)).toBe(true);
    }

    /** Signs in on a fresh browser in the language asked for and opens the live view. */
    async function liveAs(username: string, lng: Language): Promise<{ context: BrowserContext; page: Page }> {
      // Staff read the centres of their own country: the browser is on the centres' clock.
      const context = await browser.newContext({ viewport: PORTRAIT, ignoreHTTPSErrors: true, timezoneId: ZONE });
      const page = await context.newPage();
      await page.goto(`${dashboards.url}/dashboard/sign-in?lng=${lng}`);
      const t = signInTexts(lng);
      await page.getByLabel(t.username!).fill(username);
      await page.getByLabel(t.password!).fill(PASSWORD);
      await page.getByRole('button', { name: t.submit! }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
      await page.goto(`${dashboards.url}/dashboard/#/live`);
      await page.getByTestId('live-view').waitFor();
      await expect.poll(() => page.getByTestId('live-updated').textContent()).not.toBe(liveTexts(lng).loading);
      return { context, page };
    }

    const tile = async (page: Page, id: string) =>
      Number(await page.getByTestId(id).locator('.control-tile__value').innerText());

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      cluster = await throwawayPostgres();
      store = new PostgresStore(cluster.url);
      await store.migrate();
      db = new pg.Pool({ connectionString: cluster.url });
      db.on('error', () => {});
      for (const [centre, region] of [
        ['baku-1', 'absheron'],
        ['ganja-2', 'ganja'],
      ])
        await db.query('INSERT INTO centres (centre_id, name, region, time_zone) VALUES ($1, $2, $3, $4)', [
          centre,
          centre === 'baku-1' ? 'Baku ASAN 1' : 'Ganja ASAN 2',
          region,
          ZONE,
        ]);
      await db.query(`INSERT INTO service_standards VALUES ('passport', 10, 15), ('residence-permit', 20, 25)`);
      await enrolHallServer(store, 'hall-baku', 'baku-1');
      await enrolHallServer(store, 'hall-ganja', 'ganja-2');
      const baku = outboxOf(
        plansAt([
          // Desk 1 has served for 38.5 minutes against a 10-minute standard; desk 2 for 4.5.
          { ticketId: 1, issuedAt: ago(40), localDay: today, serviceId: 'passport', deskId: '1', waitSeconds: 60 },
          { ticketId: 2, issuedAt: ago(6), localDay: today, serviceId: 'passport', deskId: '2', waitSeconds: 60 },
          // Two waiting for a residence permit, the longest for 30 minutes (standard 25).
          { ticketId: 3, issuedAt: ago(30), localDay: today, serviceId: 'residence-permit' },
          { ticketId: 4, issuedAt: ago(4), localDay: today, serviceId: 'residence-permit' },
          // Finished earlier today at desk 3: 12 minutes of service against 10.
          {
            ticketId: 5,
            issuedAt: ago(90),
            localDay: today,
            serviceId: 'passport',
            deskId: '3',
            waitSeconds: 120,
            serviceSeconds: 12 * 60,
          },
        ]),
      );
      baku.push({
        seq: baku.length + 1,
        at: ago(2).toISOString(),
        fact: printerStateFact('out'),
      });
      await send('hall-baku', baku);
      await send(
        'hall-ganja',
        outboxOf(
          plansAt([
            { ticketId: 1, issuedAt: ago(20), localDay: today, serviceId: 'passport', deskId: '7', waitSeconds: 60 },
          ]),
        ),
      );
      await addAccount('nigar', 'manager', { kind: 'centres', centreIds: ['baku-1'] });
      await addAccount('elvin', 'analyst', { kind: 'network' });
      dashboards = await startTestDashboards(store, { staticDir: DIST });
      browser = await launchChromium();
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await dashboards?.close();
      await db?.end();
      await store?.close();
      cluster?.remove();
    });

    it("shows a manager their centre's desks, queues and printer now against the standards, and today's events", async () => {
      const { context, page } = await liveAs('nigar', 'en');
      const t = liveTexts('en');
      // What the page counts is what the visits table holds for the centre now (SQL of the test's own).
      const serving = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM visits WHERE centre_id = 'baku-1' AND outcome = 'serving' AND local_day = $1`,
        [today],
      );
      expect(serving.rows[0]!.n).toBe(2);
      expect(await tile(page, 'tile-serving')).toBe(serving.rows[0]!.n);
      expect(await tile(page, 'tile-desks-over')).toBe(1);
      expect(await tile(page, 'tile-queues-over')).toBe(1);
      expect(await tile(page, 'tile-printers')).toBe(1);
      const desks = page.getByTestId('live-desks');
      // One centre: no centre column, no picker, and nothing of Ganja's desk 7.
      await expect.poll(() => page.getByTestId('live-centre').count()).toBe(0);
      expect(await desks.locator('tbody tr').count()).toBe(2);
      const over = desks.locator('tbody tr').first();
      expect(await over.locator('td').first().innerText()).toBe('1');
      // 38 whole minutes served against 10: over by 28 (a minute may tick while the page is read).
      const minutes = dashboardTexts('en').calendar.minutes;
      expect(await over.innerText()).toMatch(
        new RegExp(fill(t.overBy!, { minutes: fill(minutes, { value: '(28|29)' }) })),
      );
      const queues = page.getByTestId('live-queues');
      expect(await queues.locator('tbody tr').count()).toBe(1);
      expect(await queues.locator('tbody tr td').nth(1).innerText()).toBe('2');
      expect(await page.getByTestId('live-printers').innerText()).toContain(t.problem['paper-out']);
      // Today's events: desk 1 passed the service standard while serving, desk 3 when it finished,
      // and the permit queue's first ticket passed its waiting standard.
      const events = page.getByTestId('live-events');
      await expect.poll(() => events.locator('tbody tr').count(), { timeout: 12_000 }).toBe(3);
      const visible = await page.innerText('body');
      expect(visible).not.toContain('Ganja');
      await checkBothOrientations(
        page,
        { folder: SCREENSHOTS, name: 'live-manager-en', fullPage: true },
        [seriousAxeViolations, scrollingPageOverflowProblems],
        PORTRAIT,
      );
      await context.close();
    });

    it('shows the analyst every centre, one at a time when picked, in Kazakh; and a new visit within a refresh', async () => {
      const { context, page } = await liveAs('elvin', 'kk');
      const t = liveTexts('kk');
      expect(await tile(page, 'tile-serving')).toBe(3);
      expect(await page.getByTestId('live-desks').innerText()).toContain('Ganja ASAN 2');
      await page.getByTestId('live-centre').selectOption('ganja-2');
      await expect.poll(() => tile(page, 'tile-serving'), { timeout: 12_000 }).toBe(1);
      await expect.poll(() => tile(page, 'tile-printers')).toBe(0);
      expect(await page.getByTestId('live-printers').innerText()).toContain(t.printers.empty);
      await checkBothOrientations(
        page,
        { folder: SCREENSHOTS, name: 'live-analyst-kk', fullPage: true },
        [seriousAxeViolations, scrollingPageOverflowProblems],
        PORTRAIT,
      );
      // Ganja's desk 8 starts a visit: the page shows it at its next read, without a reload.
      const next = (seq.get('hall-ganja') ?? 0) + 1;
      await send(
        'hall-ganja',
        outboxOf(
          visitFacts({
            ticketId: 2,
            issuedAt: ago(3),
            localDay: today,
            serviceId: 'passport',
            deskId: '8',
            waitSeconds: 30,
          }),
          next,
        ),
      );
      await expect.poll(() => tile(page, 'tile-serving'), { timeout: 12_000 }).toBe(2);
      await context.close();
    });

    it("shows a manager the centre's daily digest of a day: its figures, its desks over the standard and its events", async () => {
      const { context, page } = await liveAs('nigar', 'en');
      await page.getByTestId('nav-digest').click();
      await page.getByTestId('digest-view').waitFor();
      // Yesterday by default; the test's visits are today's.
      await page.getByTestId('digest-day').fill(today);
      const figures = page.getByTestId('digest-figures');
      const tickets = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM visits WHERE centre_id = 'baku-1' AND local_day = $1`,
        [today],
      );
      await expect
        .poll(() => figures.locator('tr[data-line="tickets"] td').first().innerText(), { timeout: 12_000 })
        .toBe(String(tickets.rows[0]!.n));
      expect(await figures.locator('tr[data-line="served"] td').first().innerText()).toBe('1');
      // Desk 3 served one visit, over its standard; desks 1 and 2 serve still, nothing finished.
      const desks = page.getByTestId('digest-desks');
      expect(await desks.locator('tbody tr').first().locator('td').allInnerTexts()).toEqual([
        '3',
        '1',
        '1',
        expect.stringMatching(/^12 /),
      ]);
      expect(await page.getByTestId('live-events').locator('tbody tr').count()).toBe(3);
      await checkBothOrientations(
        page,
        { folder: SCREENSHOTS, name: 'digest-manager-en', fullPage: true },
        [seriousAxeViolations, scrollingPageOverflowProblems],
        PORTRAIT,
      );
      await context.close();
    });

    it('brings a signed-out reader of a view through sign-in back to that view; /dashboard/live opens the live view', async () => {
      const context = await browser.newContext({ viewport: PORTRAIT, ignoreHTTPSErrors: true, timezoneId: ZONE });
      const page = await context.newPage();
      await page.goto(`${dashboards.url}/dashboard/#/digest`);
      await page.waitForURL((url) => url.pathname.endsWith('/sign-in'));
      const t = signInTexts('en');
      await page.getByLabel(t.username!).fill('nigar');
      await page.getByLabel(t.password!).fill(PASSWORD);
      await page.getByRole('button', { name: t.submit! }).click();
      await page.getByTestId('digest-view').waitFor();
      expect(new URL(page.url()).hash).toBe('#/digest');
      await page.goto(`${dashboards.url}/dashboard/live`);
      await page.getByTestId('live-view').waitFor();
      await context.close();
    });

    it('says when the central stops answering, and keeps what it last read', async () => {
      const { context, page } = await liveAs('nigar', 'ru');
      const t = liveTexts('ru');
      await dashboards.close();
      await expect.poll(() => page.getByTestId('live-updated').innerText(), { timeout: 12_000 }).toContain(t.stale);
      expect(await tile(page, 'tile-serving')).toBe(2);
      await context.close();
    });
  },
);
