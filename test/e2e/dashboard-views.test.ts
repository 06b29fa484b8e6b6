import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { addStaffAccount, startTestDashboards } from '../support/dashboards';
import type { StaffAccount } from '../../main/central/staff/staff-store';
import { PostgresStore } from '../../main/central/store/postgres-store';
import type { Language } from '../../main/contract';
import { numberFormatFrom } from '../../renderer/src/number-format';
import { generateNetwork } from '../../scripts/generate-network';
import { launchChromium, PORTRAIT } from '../support/chromium';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { checkBothOrientations, overflowProblems, seriousAxeViolations } from '../support/screen-checks';

/*
 * The dashboards' figures and visits views (issue 13) in Chromium: the built dashboard entry served
 * by the real dashboards server over HTTPS, on a real PostgreSQL holding a small generated network.
 * An analyst drills from the network to one desk's visits over the service standard, and at every
 * level the figures on the page are checked against SQL written here on the raw visit rows; a centre
 * manager reads their centre and is refused, in words, when the address is edited to another. Every
 * view is checked in portrait and landscape (and on a phone) for axe's serious violations and
 * overflow, and photographed into test-artifacts/screenshots/dashboard-views/.
 */

const SCREENSHOTS = join(import.meta.dirname, '../../test-artifacts/screenshots/dashboard-views');
const DIST = join(import.meta.dirname, '../../dist/renderer');
const PHONE = { width: 390, height: 844 } as const;
const PASSWORD = 'slow green tide';
const missing = postgresMissing();

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
// The network ends yesterday; the figures read the last whole month, compared with the one before.
const NOW = new Date();
const END_DAY = dayOf(new Date(NOW.getTime() - DAY_MS));
const MONTH = {
  from: dayOf(new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 1, 1))),
  to: dayOf(new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), 0))),
};
const SERVICE_NAMES = {
  az: 'Şəxsiyyət vəsiqəsi',
  ru: 'Удостоверение личности',
  en: 'Identity card',
  kk: 'Жеке куәлік',
  ky: 'Ким күбөлүк',
  uz: 'Shaxsiy guvohnoma',
};

type Texts = { figures: Record<string, { title: string }>; problem: Record<string, string> } & Record<
  string,
  Record<string, string>
>;
/** The dashboards' texts in a language, read from the locale file the page bundles. */
const texts = (lng: Language): Texts =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../locales/${lng}/dashboard.json`), 'utf8')) as Texts;

interface Scope {
  region?: string;
  centre?: string;
  service?: string;
  desk?: string;
}

/** The four figures checked, as a reader of the page in `lng` sees them, from SQL on the raw visits. */
interface Expected {
  tickets: number;
  waitingMedian: number | null;
  waitingWithin: number | null;
  satisfactionAverage: number | null;
}

describe.skipIf(missing)(
  `dashboards' figures and visits views (Chromium, real PostgreSQL)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let store: PostgresStore;
    let db: pg.Pool;
    let dashboards: RunningDashboards;
    let browser: Browser;
    /** The path drilled: the centre, service and desk with the most visits over the service standard. */
    let path: Required<Scope>;
    let otherCentre: string;

    async function addAccount(username: string, role: StaffAccount['role'], scope: StaffAccount['scope']) {
      expect(await addStaffAccount(store, { username, role, scope }, PASSWORD)).toBe(true);
    }

    /** Figures straight from the visit rows: the test's own reading of each definition. */
    async function expected(scope: Scope): Promise<Expected> {
      const values: unknown[] = [MONTH.from, MONTH.to];
      const conditions = ['v.local_day BETWEEN $1 AND $2'];
      for (const [column, value] of [
        ['c.region', scope.region],
        ['v.centre_id', scope.centre],
        ['v.service_id', scope.service],
        ['v.desk_id', scope.desk],
      ] as const) {
        if (value === undefined) continue;
        values.push(value);
        conditions.push(`${column} = $${values.length}`);
      }
      const { rows } = await db.query<{
        tickets: number;
        median: number | null;
        within: number;
        waited: number;
        average: number | null;
      }>(
        `SELECT count(*)::int AS tickets,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY LEAST(v.waiting_seconds / 60, 600)) AS median,
                count(*) FILTER (WHERE v.waiting_seconds / 60 < COALESCE(s.waiting_minutes, 15))::int AS within,
                count(v.waiting_seconds)::int AS waited,
                avg(v.score)::float8 AS average
           FROM visits v JOIN centres c USING (centre_id)
           LEFT JOIN service_standards s ON s.service_id = v.service_id
          WHERE ${conditions.join(' AND ')}`,
        values,
      );
      const row = rows[0]!;
      return {
        tickets: row.tickets,
        waitingMedian: row.median,
        waitingWithin: row.waited === 0 ? null : row.within / row.waited,
        satisfactionAverage: row.average,
      };
    }

    /**
     * The same four as the page must write them in `lng`: digits grouped and marked as the locale
     * file's numberFormat says (the renderer's own writer, unit-tested on its own), minutes and shares
     * in its calendar.minutes and numberFormat.percent patterns.
     */
    function written(want: Expected, lng: Language) {
      const t = texts(lng);
      const fill = (pattern: string, value: string) => pattern.replace('{{value}}', value);
      const numbers = numberFormatFrom(
        { example: t.numberFormat!.example!, percent: (value) => fill(t.numberFormat!.percent!, value) },
        lng,
      );
      const none = t.figures.noValue as unknown as string;
      const or = (value: number | null, format: (value: number) => string) => (value === null ? none : format(value));
      const oneDecimal = (value: number) => numbers.decimal(value, { min: 0, max: 1 });
      return {
        tickets: numbers.integer(want.tickets),
        waitingMedian: or(want.waitingMedian, (v) => fill(t.calendar!.minutes!, oneDecimal(v))),
        waitingWithin: or(want.waitingWithin, (v) => fill(t.numberFormat!.percent!, oneDecimal(v * 100))),
        satisfactionAverage: or(want.satisfactionAverage, (v) => numbers.decimal(v, { min: 2, max: 2 })),
      };
    }

    /** The four figures as the page shows them now. */
    const shown = async (page: Page) => {
      const value = (key: string) => page.getByTestId(`figure-${key}`).getByTestId('figure-value').textContent();
      return {
        tickets: await value('tickets'),
        waitingMedian: await value('waitingMedian'),
        waitingWithin: await value('waitingWithin'),
        satisfactionAverage: await value('satisfactionAverage'),
      };
    };

    /** Waits for the figures of the place the address names, then checks them against SQL. */
    async function checkFigures(page: Page, scope: Scope, lng: Language) {
      await page.getByTestId('figure-tickets').waitFor();
      await waitForCharts(page);
      expect(await shown(page), JSON.stringify(scope)).toEqual(written(await expected(scope), lng));
    }

    /** Every chart drawn (ECharts loads on demand and draws into an <svg>). */
    async function waitForCharts(page: Page) {
      await expect
        .poll(() =>
          page.evaluate(() => {
            const boxes = [...document.querySelectorAll('.chart-box')];
            return boxes.length > 0 && boxes.every((box) => box.querySelector('svg') !== null);
          }),
        )
        .toBe(true);
    }

    async function signedIn(
      lng: Language,
      username: string,
      viewport: { width: number; height: number } = PORTRAIT,
      timezoneId = 'Asia/Baku',
    ) {
      const context = await browser.newContext({ viewport, ignoreHTTPSErrors: true, timezoneId });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/status of 403/.test(message.text())) errors.push(message.text());
      });
      await page.goto(`${dashboards.url}/dashboard/sign-in?lng=${lng}`);
      const t = texts(lng);
      await page.getByLabel(t.signIn!.username!).fill(username);
      await page.getByLabel(t.signIn!.password!).fill(PASSWORD);
      await page.getByRole('button', { name: t.signIn!.submit! }).click();
      await page.getByTestId('figures-page').waitFor();
      return { context, page, errors };
    }

    /** The heading of the drilled centre's page: its name, marked as a bus when it is one. */
    async function centreHeading(lng: Language) {
      const { rows } = await db.query<{ name: string | null; kind: string }>(
        'SELECT name, kind FROM centres WHERE centre_id = $1',
        [path.centre],
      );
      const pattern = texts(lng).place![rows[0]!.kind === 'bus' ? 'bus' : 'centre']!;
      return pattern.replace('{{name}}', rows[0]!.name ?? path.centre);
    }

    const monthQuery = `period=month&from=${MONTH.from}&to=${MONTH.to}`;
    const hash = (view: string, scope: Scope, extra = '') =>
      `#/${view}?${new URLSearchParams(scope as Record<string, string>).toString()}&${monthQuery}${extra}`;

    const checkAndShoot = async (page: Page, name: string) => {
      await waitForCharts(page).catch(() => undefined);
      await checkBothOrientations(
        page,
        { folder: SCREENSHOTS, name },
        [seriousAxeViolations, overflowProblems],
        PORTRAIT,
      );
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
    };

    /** Opens the breakdown row with this key and waits for the place's figures. */
    async function drill(page: Page, key: string, scope: Scope, lng: Language) {
      await page.locator(`[data-testid="breakdown"] tr[data-key="${key}"] th a`).click();
      await expect.poll(() => new URL(page.url()).hash).toContain(`${Object.keys(scope).at(-1)}=${key}`);
      await checkFigures(page, scope, lng);
    }

    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      cluster = await throwawayPostgres();
      await generateNetwork(cluster.url, { visits: 40_000, seed: 11, years: 1, endDay: END_DAY });
      store = new PostgresStore(cluster.url);
      await store.migrate();
      db = new pg.Pool({ connectionString: cluster.url });
      db.on('error', () => {});
      const { rows } = await db.query<{ region: string; centre: string; service: string; desk: string }>(
        `SELECT c.region, v.centre_id AS centre, v.service_id AS service, v.desk_id AS desk
           FROM visits v JOIN centres c USING (centre_id)
           LEFT JOIN service_standards s ON s.service_id = v.service_id
          WHERE v.local_day BETWEEN $1 AND $2 AND v.desk_id IS NOT NULL
            AND v.service_seconds / 60 >= COALESCE(s.service_minutes, 15)
          GROUP BY 1, 2, 3, 4 ORDER BY count(*) DESC, 2, 3, 4 LIMIT 1`,
        [MONTH.from, MONTH.to],
      );
      path = rows[0]!;
      otherCentre = (
        await db.query<{ centre_id: string }>('SELECT centre_id FROM centres WHERE centre_id <> $1 LIMIT 1', [
          path.centre,
        ])
      ).rows[0]!.centre_id;
      // The drilled service is named in every language by the newest catalog release.
      await db.query("INSERT INTO catalog_releases (version, catalog, released_at) VALUES ('t1', $1, now())", [
        JSON.stringify({ services: [{ id: path.service, name: SERVICE_NAMES }] }),
      ]);
      await addAccount('leyla', 'analyst', { kind: 'network' });
      await addAccount('aysel', 'manager', { kind: 'centres', centreIds: [path.centre] });
      dashboards = await startTestDashboards(store, { staticDir: DIST });
      browser = await launchChromium();
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await dashboards?.close();
      await db?.end();
      await store?.close();
      cluster?.remove();
    });

    it('drills an analyst from the network to one desk’s visits over the standard, every level’s figures equal to SQL (en)', async () => {
      const { context, page, errors } = await signedIn('en', 'leyla', PORTRAIT, 'Asia/Almaty');
      const t = texts('en');
      await page.goto(`${dashboards.url}/dashboard/${hash('figures', {})}`);
      await checkFigures(page, {}, 'en');
      expect(await page.getByTestId('place-heading').textContent()).toBe(t.place!.network);
      // Each figure has its definition written beside it.
      for (const key of ['tickets', 'waitingMedian', 'waitingWithin', 'serviceExcess', 'satisfactionAverage'])
        await expect
          .poll(() => page.getByTestId(`figure-${key}`).textContent())
          .toContain((t.figures[key] as unknown as { definition: string }).definition.split('{{')[0]!.slice(0, 40));
      expect(await page.getByTestId('period-compared').textContent()).toMatch(/^Compared with/);
      await checkAndShoot(page, 'figures-network-en');

      await drill(page, path.region, { region: path.region }, 'en');
      await checkAndShoot(page, 'figures-region-en');
      await drill(page, path.centre, { centre: path.centre }, 'en');
      await drill(page, path.service, { centre: path.centre, service: path.service }, 'en');
      expect(await page.getByTestId('place-heading').textContent()).toBe(SERVICE_NAMES.en);
      await checkAndShoot(page, 'figures-service-en');
      await drill(page, path.desk, { centre: path.centre, service: path.service, desk: path.desk }, 'en');
      await checkAndShoot(page, 'figures-desk-en');
      // The desk's waits by bands of whole minutes, as the chart's table lists them: SQL's.
      const bands = await db.query<{ n: number }>(
        `SELECT count(v.waiting_seconds)::int AS n
           FROM unnest(ARRAY[0, 5, 10, 15, 20, 30, 45, 60], ARRAY[5, 10, 15, 20, 30, 45, 60, NULL]) AS b (first, next)
           LEFT JOIN visits v ON v.local_day BETWEEN $1 AND $2 AND v.centre_id = $3 AND v.service_id = $4 AND v.desk_id = $5
            AND v.waiting_seconds / 60 >= b.first AND (b.next IS NULL OR v.waiting_seconds / 60 < b.next)
          GROUP BY b.first ORDER BY b.first`,
        [MONTH.from, MONTH.to, path.centre, path.service, path.desk],
      );
      expect(bands.rows.reduce((sum, row) => sum + row.n, 0)).toBeGreaterThan(0);
      expect(
        await page.locator('[data-testid="chart-bands-waiting"] td[data-column="count"]').allTextContents(),
      ).toEqual(bands.rows.map((row) => String(row.n)));

      // The desk's visits over the service standard: SQL's, the longest over first, never a person.
      await page.getByTestId('desk-visits-service').click();
      await page.getByTestId('visits').waitFor();
      // Issued on the centre's wall clock, not the reader's (this analyst's browser is in Almaty, an hour ahead).
      const { rows } = await db.query<{ over: number; issued: string; read_in_almaty: string }>(
        `SELECT v.service_seconds / 60 - COALESCE(s.service_minutes, 15) AS over,
                to_char(v.issued_at AT TIME ZONE c.time_zone, 'HH24:MI') AS issued,
                to_char(v.issued_at AT TIME ZONE 'Asia/Almaty', 'HH24:MI') AS read_in_almaty
           FROM visits v JOIN centres c USING (centre_id) LEFT JOIN service_standards s ON s.service_id = v.service_id
          WHERE v.local_day BETWEEN $1 AND $2 AND v.centre_id = $3 AND v.service_id = $4 AND v.desk_id = $5
            AND v.service_seconds / 60 >= COALESCE(s.service_minutes, 15)
          ORDER BY 1 DESC, v.issued_at, v.device_id, v.ticket_id`,
        [MONTH.from, MONTH.to, path.centre, path.service, path.desk],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.issued)).not.toEqual(rows.map((row) => row.read_in_almaty));
      const shown = async (column: string) =>
        page.locator(`[data-testid="visits"] td[data-column="${column}"]`).allTextContents();
      expect(await shown('over')).toEqual(rows.slice(0, 200).map((row) => String(row.over)));
      expect(await shown('issued')).toEqual(rows.slice(0, 200).map((row) => row.issued));
      expect(await page.getByTestId('visits-count').textContent()).toContain(`of ${rows.length}`);
      await checkAndShoot(page, 'visits-desk-en');

      // The back button returns to the desk's figures.
      await page.goBack();
      await checkFigures(page, { centre: path.centre, service: path.service, desk: path.desk }, 'en');
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);

    it('shows the same drill in Kazakh, its numbers written the Kazakh way, and the period picker names both periods', async () => {
      const { context, page, errors } = await signedIn('kk', 'leyla');
      const t = texts('kk');
      await page.goto(`${dashboards.url}/dashboard/${hash('figures', {})}`);
      await checkFigures(page, {}, 'kk');
      await checkAndShoot(page, 'figures-network-kk');
      await drill(page, path.region, { region: path.region }, 'kk');
      await drill(page, path.centre, { centre: path.centre }, 'kk');
      await checkAndShoot(page, 'figures-centre-kk');
      // A week instead: the address and the figures follow.
      await page.getByRole('button', { name: t.period!.week!, exact: true }).click();
      await expect.poll(() => new URL(page.url()).hash).toContain('period=week');
      const week = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
      expect(week.get('from')! <= week.get('to')!).toBe(true);
      await page.goto(
        `${dashboards.url}/dashboard/${hash('visits', { centre: path.centre }, '&filter=waiting-over-standard')}`,
      );
      await page.getByTestId('visits-page').waitFor();
      await page.locator('[data-testid="visits"], [data-testid="visits-none"]').first().waitFor();
      await checkAndShoot(page, 'visits-centre-waiting-kk');
      expect(errors).toEqual([]);
      // The live view is control/live-page.tsx's (tested by dashboard-live.test.ts): here only that the tab opens it.
      await page.getByTestId('nav-live').click();
      await expect.poll(() => new URL(page.url()).hash).toBe('#/live');
      await expect.poll(() => page.getByTestId('figures-page').count()).toBe(0);
      await context.close();
    }, 180_000);

    for (const lng of ['az', 'ru'] as const)
      it(`starts a centre manager at their centre and refuses another centre in words (${lng})`, async () => {
        const { context, page, errors } = await signedIn(lng, 'aysel');
        const t = texts(lng);
        // Signed in with no place named: the manager's own centre, never the network.
        await expect.poll(() => page.getByTestId('place-heading').textContent()).toBe(await centreHeading(lng));
        await page.goto(`${dashboards.url}/dashboard/${hash('figures', { centre: path.centre })}`);
        await checkFigures(page, { centre: path.centre }, lng);
        await checkAndShoot(page, `figures-manager-${lng}`);

        for (const tampered of [{ centre: otherCentre }, { region: path.region }, {}]) {
          await page.goto(`${dashboards.url}/dashboard/${hash('figures', tampered)}`);
          if (Object.keys(tampered).length === 0) {
            // No place at all: their own centre rather than the network's figures.
            await checkFigures(page, { centre: path.centre }, lng);
            expect(await page.getByTestId('place-heading').textContent()).toBe(await centreHeading(lng));
            continue;
          }
          await expect
            .poll(() => page.getByTestId('read-problem').textContent())
            .toContain(t.problem['not-your-centre']);
          expect(await page.locator('[data-testid^="figure-"]').count()).toBe(0);
        }
        await page.goto(`${dashboards.url}/dashboard/${hash('visits', { centre: otherCentre }, '&filter=all')}`);
        await expect.poll(() => page.getByTestId('read-problem').textContent()).toContain(t.problem['not-your-centre']);
        expect(await page.locator('[data-testid="visits"]').count()).toBe(0);
        await checkAndShoot(page, `refused-manager-${lng}`);
        await page.getByRole('link', { name: t.problem.backToMine! }).click();
        await checkFigures(page, { centre: path.centre }, lng);
        expect(errors).toEqual([]);
        await context.close();
      }, 120_000);

    it('is readable on a phone: figures, the breakdown and the visits, nothing running off sideways', async () => {
      const { context, page } = await signedIn('ky', 'leyla', PHONE);
      for (const [name, address] of [
        ['figures-network-ky-phone', hash('figures', {})],
        ['figures-service-ky-phone', hash('figures', { centre: path.centre, service: path.service })],
        [
          'visits-desk-ky-phone',
          hash('visits', { centre: path.centre, desk: path.desk }, '&filter=service-over-standard'),
        ],
      ] as const) {
        await page.goto(`${dashboards.url}/dashboard/${address}`);
        await page.locator('[data-testid="figure-tickets"], [data-testid="visits"]').first().waitFor();
        await waitForCharts(page).catch(() => undefined);
        expect(await seriousAxeViolations(page), name).toEqual([]);
        expect(await overflowProblems(page), name).toEqual([]);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(sideways, name).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      }
      await context.close();
    }, 120_000);
  },
);
