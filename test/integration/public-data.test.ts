import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { PublicCentre } from '../../main/contract/monitoring';
import { parseCsv } from '../../main/shared/csv';
import { postgresMissing } from '../support/postgres';
import { PUBLIC_CENTRES, PUBLIC_SERVICES, startPublicNetwork, type PublicNetwork } from '../support/public-network';

/*
 * The public pages' API and the open data (issue 13) on a real PostgreSQL and the real dashboards'
 * listener: visits go through the central's ingest and projector; every published figure is
 * checked against SQL written here, independently, over the raw visit rows, and figures resting on
 * fewer than the threshold of visits must be withheld. No cookie is sent, and none may come back.
 */

const missing = postgresMissing();
/** 12:00 in Baku, 13:00 in Almaty: the open data publishes October, the page reads 21 Oct – 19 Nov. */
const NOW = new Date('2026-11-20T08:00:00Z');
const MONTH = '2026-10';
const THRESHOLD = 10;

/** What the page must show for a figure over `base` visits: nothing measured, withheld, or the value (to 1e-9). */
const expected = (value: number | null, base: number, threshold = THRESHOLD): unknown =>
  base === 0 ? null : base < threshold ? { suppressed: true } : value === null ? null : expect.closeTo(value, 9);

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

describe.skipIf(missing)(
  `public pages and open data on real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let network: PublicNetwork;
    let db: pg.Pool;
    let server: RunningDashboards;
    let lowThresholdServer: RunningDashboards;
    let staticDir: string;

    beforeAll(async () => {
      // The page itself is the built renderer's (the e2e test loads it); here only its status matters.
      staticDir = mkdtempSync(join(tmpdir(), 'public-pages-'));
      writeFileSync(join(staticDir, 'public.html'), '<!doctype html><title>public</title>');
      network = await startPublicNetwork({ now: NOW, staticDir, thresholds: [THRESHOLD, 3] });
      ({ db } = network);
      [server, lowThresholdServer] = network.servers as [RunningDashboards, RunningDashboards];
    }, 120_000);
    afterAll(async () => {
      await network?.stop();
      if (staticDir) rmSync(staticDir, { recursive: true, force: true });
    });

    /** A request as a stranger's browser makes it: no cookie; none may be set. */
    const get = async (path: string, base = server.url) => {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(response.headers.get('set-cookie'), path).toBeNull();
      return response;
    };

    it('lists the centres, with their names, without signing in', async () => {
      const response = await get('/public/api/centres');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=60');
      const body = (await response.json()) as { centres: Array<{ centreId: string; name: string }> };
      expect(body.centres.map((c) => [c.centreId, c.name])).toEqual(
        PUBLIC_CENTRES.map((c) => [c.id, c.name]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
      );
    });

    for (const centre of PUBLIC_CENTRES) {
      it(`publishes ${centre.id}'s figures per service as the raw visits give them, small ones withheld`, async () => {
        const response = await get(`/public/api/centres/${centre.id}`);
        expect(response.status).toBe(200);
        const page = PublicCentre.parse(await response.json());
        // The centre's own day: 20 Nov in both zones at NOW, and the 30 whole days before.
        expect(page).toMatchObject({
          centreId: centre.id,
          name: centre.name,
          today: '2026-11-20',
          last30: { from: '2026-10-21', to: '2026-11-19' },
          threshold: THRESHOLD,
        });
        const { rows } = await db.query<{
          service_id: string;
          waiting_now: number;
          called_today: number;
          median_today: number | null;
          waited: number;
          waited_within: number;
          timed: number;
          timed_within: number;
          offered: number;
          rated: number;
          average: number | null;
          service_minutes: number;
          waiting_minutes: number;
        }>(
          `SELECT v.service_id,
                  count(*) FILTER (WHERE local_day = '2026-11-20' AND outcome = 'waiting')::int AS waiting_now,
                  count(*) FILTER (WHERE local_day = '2026-11-20' AND called_at IS NOT NULL)::int AS called_today,
                  percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM called_at - issued_at) / 60))
                    FILTER (WHERE local_day = '2026-11-20' AND called_at IS NOT NULL) AS median_today,
                  count(*) FILTER (WHERE last30 AND called_at IS NOT NULL)::int AS waited,
                  count(*) FILTER (WHERE last30 AND called_at - issued_at < make_interval(mins => COALESCE(s.waiting_minutes, 15)))::int AS waited_within,
                  count(*) FILTER (WHERE last30 AND outcome = 'done')::int AS timed,
                  count(*) FILTER (WHERE last30 AND outcome = 'done' AND finished_at - started_at < make_interval(mins => COALESCE(s.service_minutes, 15)))::int AS timed_within,
                  count(*) FILTER (WHERE last30 AND rating_offered)::int AS offered,
                  count(score) FILTER (WHERE last30)::int AS rated,
                  (avg(score) FILTER (WHERE last30))::float AS average,
                  COALESCE(s.service_minutes, 15) AS service_minutes, COALESCE(s.waiting_minutes, 15) AS waiting_minutes
             FROM (SELECT *, local_day BETWEEN '2026-10-21' AND '2026-11-19' AS last30 FROM visits WHERE centre_id = $1) v
             LEFT JOIN service_standards s ON s.service_id = v.service_id
            WHERE local_day BETWEEN '2026-10-21' AND '2026-11-20'
            GROUP BY v.service_id, s.service_minutes, s.waiting_minutes ORDER BY v.service_id`,
          [centre.id],
        );
        expect(page.services.map((s) => s.serviceId)).toEqual(rows.map((r) => r.service_id));
        for (const row of rows) {
          const shown = page.services.find((s) => s.serviceId === row.service_id)!;
          expect(shown, row.service_id).toEqual({
            serviceId: row.service_id,
            name: Object.fromEntries(['az', 'ru', 'en', 'kk', 'ky', 'uz'].map((l) => [l, `${row.service_id} (${l})`])),
            waitingNow: row.waiting_now,
            todayMedianWaitMinutes: expected(
              row.median_today === null ? null : Number(row.median_today),
              row.called_today,
            ),
            serviceStandardMinutes: row.service_minutes,
            waitingStandardMinutes: row.waiting_minutes,
            last30ServiceWithinShare: expected(share(row.timed_within, row.timed), row.timed),
            last30WaitingWithinShare: expected(share(row.waited_within, row.waited), row.waited),
            last30SatisfactionAverage: expected(row.average, row.rated),
            last30ResponseRate: expected(share(row.rated, row.offered), row.offered),
          });
        }
        // The rare service: seen (someone waits or was served) but every figure withheld.
        const rare = page.services.find((s) => s.serviceId === 'apostille')!;
        for (const figure of [
          rare.todayMedianWaitMinutes,
          rare.last30ServiceWithinShare,
          rare.last30WaitingWithinShare,
          rare.last30SatisfactionAverage,
          rare.last30ResponseRate,
        ])
          expect(figure).toEqual({ suppressed: true });
        // The busy one is published: the fixture's counts would not test anything otherwise.
        const busy = page.services.find((s) => s.serviceId === 'passport')!;
        expect(typeof busy.todayMedianWaitMinutes).toBe('number');
        expect(typeof busy.last30SatisfactionAverage).toBe('number');
        expect(busy.waitingNow).toBe(PUBLIC_SERVICES[0].todayWaiting);
        // The seldom rated one: each figure checked against its own base (offers, not ratings, for the rate).
        const seldomRated = page.services.find((s) => s.serviceId === 'birth-certificate')!;
        expect(seldomRated.last30SatisfactionAverage).toEqual({ suppressed: true });
        expect(typeof seldomRated.last30ResponseRate).toBe('number');
      });
    }

    it('answers 404 naming an unknown centre, for the API and for the page', async () => {
      const api = await get('/public/api/centres/nowhere-9');
      expect(api.status).toBe(404);
      expect(await api.json()).toMatchObject({
        error: 'unknown-centre',
        message: expect.stringContaining('nowhere-9'),
      });
      const page = await get('/public/nowhere-9');
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const known = await get('/public/baku-1');
      expect(known.status).toBe(200);
    });

    /** October per centre × service from the raw visits, in the open data's columns before withholding. */
    const octoberFromVisits = async () =>
      (
        await db.query<Record<string, string | number | null>>(
          `SELECT v.centre_id, v.service_id, count(*)::int AS tickets,
                  count(*) FILTER (WHERE outcome = 'done')::int AS served,
                  count(*) FILTER (WHERE outcome = 'no-show')::int AS no_shows,
                  count(called_at)::int AS waited,
                  percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM called_at - issued_at) / 60)) FILTER (WHERE called_at IS NOT NULL)::int AS wait_median,
                  percentile_disc(0.9) WITHIN GROUP (ORDER BY floor(extract(epoch FROM called_at - issued_at) / 60)) FILTER (WHERE called_at IS NOT NULL)::int AS wait_p90,
                  COALESCE(s.waiting_minutes, 15) AS wait_standard,
                  count(*) FILTER (WHERE called_at - issued_at < make_interval(mins => COALESCE(s.waiting_minutes, 15)))::int AS wait_within,
                  percentile_disc(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM finished_at - started_at) / 60)) FILTER (WHERE outcome = 'done')::int AS service_median,
                  COALESCE(s.service_minutes, 15) AS service_standard,
                  count(*) FILTER (WHERE outcome = 'done' AND finished_at - started_at < make_interval(mins => COALESCE(s.service_minutes, 15)))::int AS service_within,
                  count(*) FILTER (WHERE rating_offered)::int AS offered,
                  count(score)::int AS ratings, avg(score)::float AS rating_average
             FROM visits v LEFT JOIN service_standards s ON s.service_id = v.service_id
            WHERE local_day BETWEEN '2026-10-01' AND '2026-10-31'
            GROUP BY v.centre_id, v.service_id, s.waiting_minutes, s.service_minutes
            ORDER BY v.centre_id, v.service_id`,
        )
      ).rows;

    /** The row the file must hold: each figure withheld (null) when its base is under the threshold. */
    const expectedRow = (row: Record<string, string | number | null>, threshold: number) => {
      const n = (key: string) => Number(row[key]);
      const keep = (value: number | string | null | undefined, base: number) => (base < threshold ? null : value);
      const round = (value: number | null, places: number) =>
        value === null ? null : Math.round(value * 10 ** places) / 10 ** places;
      const result = {
        month: MONTH,
        centre_id: row.centre_id,
        centre_name: PUBLIC_CENTRES.find((c) => c.id === row.centre_id)!.name,
        region: PUBLIC_CENTRES.find((c) => c.id === row.centre_id)!.region,
        service_id: row.service_id,
        service_name: `${row.service_id} (en)`,
        tickets: keep(n('tickets'), n('tickets')),
        served: keep(n('served'), n('tickets')),
        no_shows: keep(n('no_shows'), n('tickets')),
        wait_median_minutes: keep(row.wait_median, n('waited')),
        wait_p90_minutes: keep(row.wait_p90, n('waited')),
        wait_standard_minutes: n('wait_standard'),
        wait_within_standard_share: keep(round(share(n('wait_within'), n('waited')), 3), n('waited')),
        service_median_minutes: keep(row.service_median, n('served')),
        service_standard_minutes: n('service_standard'),
        service_within_standard_share: keep(round(share(n('service_within'), n('served')), 3), n('served')),
        ratings: keep(n('ratings'), n('tickets')),
        rating_average: keep(round(row.rating_average === null ? null : Number(row.rating_average), 1), n('ratings')),
        response_rate: keep(round(share(n('ratings'), n('offered')), 3), n('offered')),
      };
      return {
        ...result,
        withheld: [n('tickets'), n('waited'), n('served'), n('ratings'), n('offered')].some((b) => b < threshold),
      };
    };

    it("serves October's JSON as the raw visits give it, withholding every cell under 10 visits", async () => {
      const response = await get(`/open-data/${MONTH}.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="service-figures-${MONTH}.json"`);
      const published = (await response.json()) as Array<Record<string, unknown>>;
      const raw = await octoberFromVisits();
      expect(published).toEqual(raw.map((row) => expectedRow(row, THRESHOLD)));
      // One row per centre × service, no totals: a withheld cell cannot be had by subtraction.
      expect(new Set(published.map((r) => `${String(r.centre_id)}/${String(r.service_id)}`)).size).toBe(raw.length);
      const rare = published.filter((r) => r.service_id === 'apostille');
      expect(rare).toHaveLength(2);
      for (const row of rare)
        expect(row).toMatchObject({
          tickets: null,
          served: null,
          ratings: null,
          wait_median_minutes: null,
          withheld: true,
        });
      // Some rows are withheld only in part (a few ratings), some not at all: the rule is per base.
      expect(published.some((r) => r.tickets !== null && r.rating_average === null)).toBe(true);
      expect(published.some((r) => r.withheld === false)).toBe(true);
    });

    it("serves October's CSV with a BOM, the same rows, withheld cells empty", async () => {
      const response = await get(`/open-data/${MONTH}.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="service-figures-${MONTH}.csv"`);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...lines] = parseCsv(bytes.toString('utf8'));
      const expectedRows = (await octoberFromVisits()).map((row) => expectedRow(row, THRESHOLD));
      expect(header).toEqual(Object.keys(expectedRows[0]!));
      expect(lines).toEqual(expectedRows.map((row) => Object.values(row).map((v) => (v === null ? '' : String(v)))));
    });

    it('takes its threshold from the server: at 3, cells of 3 to 9 visits are published', async () => {
      const published = (await (await get(`/open-data/${MONTH}.json`, lowThresholdServer.url)).json()) as Array<
        Record<string, unknown>
      >;
      const raw = await octoberFromVisits();
      expect(published).toEqual(raw.map((row) => expectedRow(row, 3)));
      // The fixture has such cells (the rare service's), so the two thresholds give different files.
      const between = published.filter((r) => typeof r.tickets === 'number' && r.tickets >= 3 && r.tickets < 10);
      expect(between.map((r) => r.service_id)).toContain('apostille');
    });

    it('lists the whole past months and describes each in a datapackage with its licence', async () => {
      const index = await get('/open-data/');
      expect(index.status).toBe(200);
      const body = (await index.json()) as { months: Array<{ month: string; csv: string }>; threshold: number };
      // September has nothing; November is not over at NOW.
      expect(body.months.map((m) => m.month)).toEqual([MONTH]);
      expect(body.threshold).toBe(THRESHOLD);
      expect((await get(`/open-data/${body.months[0]!.csv}`)).status).toBe(200);
      const description = await get(`/open-data/datapackage-${MONTH}.json`);
      expect(description.status).toBe(200);
      const pkg = (await description.json()) as {
        licenses: Array<{ name: string }>;
        resources: Array<{ path: string; schema: { fields: Array<{ name: string }> } }>;
      };
      expect(pkg.licenses[0]!.name).toBe('CC-BY-4.0');
      expect(pkg.resources.map((r) => r.path)).toEqual([
        `service-figures-${MONTH}.csv`,
        `service-figures-${MONTH}.json`,
      ]);
      // The description's relative paths are served beside it.
      for (const resource of pkg.resources) expect((await get(`/open-data/${resource.path}`)).status).toBe(200);
    });

    it('refuses a bad month with 400 naming it, and a month not over with 404', async () => {
      for (const bad of ['2026-13', 'last-month', '2026-1']) {
        const response = await get(`/open-data/${bad}.csv`);
        expect(response.status, bad).toBe(400);
        const body = (await response.json()) as { problems: string[] };
        expect(body.problems, bad).toEqual([expect.stringContaining(`"${bad}"`)]);
      }
      const current = await get('/open-data/2026-11.json');
      expect(current.status).toBe(404);
      expect(await current.json()).toMatchObject({ error: 'month-not-over' });
      const empty = await get('/open-data/2026-09.json');
      expect(empty.status).toBe(404);
      expect(await empty.json()).toMatchObject({ error: 'no-figures' });
    });

    it('reads only: other methods are refused, and a session cookie changes nothing', async () => {
      const post = await fetch(`${server.url}/public/api/centres`, { method: 'POST' });
      expect(post.status).toBe(405);
      const withCookie = await fetch(`${server.url}/public/api/centres/baku-1`, {
        headers: { cookie: 'staff-session=not-a-session' },
      });
      expect(withCookie.status).toBe(200);
      expect(withCookie.headers.get('set-cookie')).toBeNull();
    });
  },
);
