import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { addStaffAccount, askDashboards, signInToDashboards, startTestDashboards } from '../support/dashboards';
import { PostgresStore } from '../../main/central/store/postgres-store';
import {
  BreakdownAnswer,
  FiguresAnswer,
  NetworkMap,
  SeriesAnswer,
  VisitsAnswer,
  type ChildFigures,
  type VisitFilter,
} from '../../main/contract/monitoring';
import { SyncBatch } from '../../main/contract/sync';
import { rollupFiguresQuery, type RawAnswer } from '../../main/central/monitoring/figures';
import { listBoundsOf, visitListQuery, type VisitListRow } from '../../main/central/monitoring/visit-list';
import { generateNetwork } from '../../scripts/generate-network';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { outboxOf, visitFacts, type VisitPlan } from '../support/visit-facts';

/*
 * The dashboards' read API (issue 13) over real HTTPS, on a real PostgreSQL holding a small
 * generated network and a few visits sent through the sync ingest: every route's numbers are checked
 * against SQL written here, on the raw visit rows, and every route's scope rules and refusals.
 */

const missing = postgresMissing();
const PASSWORD = 'quiet amber hills';
const END_DAY = '2026-12-03';
const MONTH = { from: '2026-11-01', to: '2026-11-30' };
/** Days at both ends and a whole month in between: read from both rollups. */
const ACROSS = { from: '2026-09-17', to: '2026-11-08' };
const YEAR = { from: '2025-12-04', to: END_DAY };
/** A whole year (its year rollup), three days before it, and most of a month after (that month less its last days). */
const YEARS = { from: '2024-12-29', to: '2026-01-27' };
/** Every day the generated network holds (two years), and some before. */
const EVERYTHING = { from: '2024-01-01', to: END_DAY };
const NAMES = { az: 'Pasport', ru: 'Паспорт', en: 'Passport', kk: 'Паспорт', ky: 'Паспорт', uz: 'Pasport' };

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe.skipIf(missing)(`dashboards' read API on real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
  let store: PostgresStore;
  let db: pg.Pool;
  let dashboards: RunningDashboards;
  const closers: Array<() => unknown> = [];
  let analyst: string;
  let manager: string;

  /** A GET of the dashboards' API, with the session cookie when given. */
  const get = async (path: string, cookie?: string): Promise<Answer> => {
    const answer = await askDashboards(dashboards, 'GET', `/dashboard/api/${path}`, { cookie });
    return { status: answer.status, body: answer.body ?? {} };
  };

  /** The answer's body, after checking it came with 200 (the refusal's body shown when not). */
  const ok = async (path: string, cookie = analyst) => {
    const answer = await get(path, cookie);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  const signIn = async (username: string) => {
    await addStaffAccount(
      store,
      {
        username,
        role: username === 'nigar' ? 'manager' : 'analyst',
        scope: username === 'nigar' ? { kind: 'centres', centreIds: ['centre-01'] } : { kind: 'network' },
      },
      PASSWORD,
    );
    return signInToDashboards(dashboards, username, PASSWORD);
  };

  beforeAll(async () => {
    cluster = await throwawayPostgres();
    closers.push(() => cluster.remove());
    await generateNetwork(cluster.url, { visits: 30_000, seed: 7, years: 2, endDay: END_DAY });
    store = new PostgresStore(cluster.url);
    closers.push(() => store.close());
    db = new pg.Pool({ connectionString: cluster.url });
    db.on('error', () => {});
    closers.push(() => db.end());
    // Two releases: the newer names service-01 in every language; the older (named otherwise) is not read.
    await db.query(
      `INSERT INTO catalog_releases (version, catalog, released_at) VALUES
         ('old', $1, now() - interval '1 day'), ('new', $2, now())`,
      [
        JSON.stringify({ services: [{ id: 'service-01', name: { ...NAMES, en: 'Old name' } }] }),
        JSON.stringify({
          services: [
            { id: 'service-01', name: NAMES },
            { id: 'catalog-only', name: NAMES },
          ],
        }),
      ],
    );
    // A hand-made centre whose visits come through the sync ingest, so their printed numbers are held.
    await db.query("INSERT INTO centres (centre_id, name, region) VALUES ('hand-1', 'Hand centre', 'absheron')");
    await store.addEnrolCode({
      codeHash: 'code-hand',
      centreId: 'hand-1',
      role: 'hall-server',
      expiresAt: new Date(Date.now() + 60_000),
    });
    await store.enrol({
      codeHash: 'code-hand',
      deviceId: 'hall-hand',
      appVersion: 't',
      tokenHash: 't',
      at: new Date(),
    });
    const plans: VisitPlan[] = [7, 25, 40, 3].map((minutes, index) => ({
      ticketId: index + 1,
      issuedAt: new Date(`2026-11-10T0${5 + index}:00:00Z`),
      localDay: '2026-11-10',
      serviceId: 'service-01',
      deskId: '4',
      waitSeconds: 120,
      serviceSeconds: minutes * 60 + 30,
    }));
    const outcome = await store.ingest(
      SyncBatch.parse({
        deviceId: 'hall-hand',
        sentAt: new Date().toISOString(),
        backlog: 0,
        records: outboxOf(plans.flatMap(visitFacts)),
      }),
      new Date(),
    );
    expect(outcome.kind).toBe('acknowledged');
    await store.projectPending();

    const staticDir = mkdtempSync(join(tmpdir(), 'dashboard-static-'));
    closers.push(() => rmSync(staticDir, { recursive: true, force: true }));
    writeFileSync(join(staticDir, 'dashboard.html'), '<!doctype html><title>Dashboards</title>');
    dashboards = await startTestDashboards(store, { staticDir });
    closers.push(() => dashboards.close());
    analyst = await signIn('farid');
    manager = await signIn('nigar');
  }, 240_000);

  // Each part is closed after it was opened, newest first, however far beforeAll got.
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  /** The scope's conditions on visits v (centres c joined), for the independent SQL below. */
  const where = (scope: Record<string, string>, range: { from: string; to: string }) => {
    const values: unknown[] = [range.from, range.to];
    const conditions = ['v.local_day BETWEEN $1 AND $2'];
    const add = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      values.push(value);
      conditions.push(`${column} = $${values.length}`);
    };
    add('c.region', scope.region);
    add('v.centre_id', scope.centre);
    add('v.service_id', scope.service);
    add('v.desk_id', scope.desk);
    return { text: conditions.join(' AND '), values };
  };

  /** The figures the answer must hold, per key (the whole scope is key ''), straight from the visit rows. */
  const expected = async (scope: Record<string, string>, range: { from: string; to: string }, key = "''") => {
    const filter = where(scope, range);
    const { rows } = await db.query(
      `WITH v AS (
         SELECT ${key} AS key, v.*, c.region,
                -- LEAST(NULL, 600) is 600: a time not measured must stay NULL.
                CASE WHEN v.waiting_seconds IS NOT NULL THEN LEAST(v.waiting_seconds / 60, 600) END AS wait_min,
                CASE WHEN v.service_seconds IS NOT NULL THEN LEAST(v.service_seconds / 60, 600) END AS service_min,
                COALESCE(st.waiting_minutes, 15) AS wait_std, COALESCE(st.service_minutes, 15) AS service_std
           FROM visits v LEFT JOIN centres c ON c.centre_id = v.centre_id
           LEFT JOIN service_standards st ON st.service_id = v.service_id
          WHERE ${filter.text.replaceAll('c.region', "COALESCE(c.region, 'unassigned')")})
       SELECT key, count(*)::int AS tickets, count(*) FILTER (WHERE outcome = 'done')::int AS served,
              count(*) FILTER (WHERE outcome = 'no-show')::int AS no_shows,
              count(wait_min)::int AS wait_measured, count(*) FILTER (WHERE wait_min < wait_std)::int AS wait_within,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_min) AS wait_median,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_min) AS wait_p90,
              count(service_min)::int AS service_measured,
              count(*) FILTER (WHERE service_min < service_std)::int AS service_within,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY service_min) AS service_median,
              count(score)::int AS rated, avg(score)::float8 AS average
         FROM v GROUP BY key ORDER BY key`,
      filter.values,
    );
    // Keys in JavaScript's order, as the answers' (the database's collation may order '-' otherwise).
    return (rows as Array<Record<string, number | string | null>>).sort((a, b) =>
      String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0,
    );
  };

  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  /** The answer's figures in the shape `expected` gives. */
  const comparable = (key: string, figures: ChildFigures) => ({
    key,
    tickets: figures.tickets,
    served: figures.served,
    no_shows: figures.noShows,
    wait_measured: figures.waiting.measured,
    wait_within: figures.waiting.withinStandard,
    wait_median: figures.waiting.medianMinutes,
    wait_p90: figures.waiting.p90Minutes,
    service_measured: figures.service.measured,
    service_within: figures.service.withinStandard,
    service_median: figures.service.medianMinutes,
    rated: figures.satisfaction.rated,
    average: figures.satisfaction.average,
  });
  const rounded = (rows: Array<Record<string, unknown>>) =>
    rows.map((row) => ({ ...row, average: row.average === null ? null : Number((row.average as number).toFixed(9)) }));
  const query = (scope: Record<string, string>, range: { from: string; to: string }) =>
    new URLSearchParams({ ...scope, ...range }).toString();

  const SCOPES: Array<Record<string, string>> = [
    {},
    { region: 'absheron' },
    { centre: 'centre-03' },
    { centre: 'centre-03', service: 'service-01' },
    { centre: 'centre-03', service: 'service-01', desk: '2' },
    { service: 'service-02' },
  ];

  it('answers figures equal to SQL over the raw visits at every level, for a month and for days across months', async () => {
    for (const scope of SCOPES) {
      for (const range of [MONTH, ACROSS]) {
        const answer = FiguresAnswer.parse(await ok(`figures?${query(scope, range)}`));
        const [want] = await expected(scope, range);
        expect(want!.tickets, `${JSON.stringify(scope)} has visits`).toBeGreaterThan(0);
        expect(rounded([comparable('', answer.comparison.current)]), JSON.stringify(scope)).toEqual(rounded([want!]));
        const [before] = await expected(scope, answer.comparison.previousRange);
        expect(answer.comparison.previous.tickets).toBe(before?.tickets ?? 0);
      }
    }
  });

  it('breaks each level down one level, each child equal to SQL, the children summing to the parent', async () => {
    // A child's busiest hours are its own page's: the breakdown does not read them.
    const raw = (await ok(`breakdown?${query({}, MONTH)}`)) as { rows: Array<{ current: object }> };
    expect(raw.rows[0]!.current).not.toHaveProperty('busiestHours');
    const levels: Array<{ scope: Record<string, string>; child: string; key: string }> = [
      { scope: {}, child: 'region', key: "COALESCE(c.region, 'unassigned')" },
      { scope: { region: 'absheron' }, child: 'centre', key: 'v.centre_id' },
      { scope: { centre: 'centre-03' }, child: 'service', key: 'v.service_id' },
      { scope: { centre: 'centre-03', service: 'service-01' }, child: 'desk', key: "COALESCE(v.desk_id, '')" },
    ];
    for (const range of [ACROSS, YEARS])
      for (const { scope, child, key } of levels) {
        const answer = BreakdownAnswer.parse(await ok(`breakdown?${query(scope, range)}`));
        expect(answer.childLevel).toBe(child);
        const want = await expected(scope, range, key);
        expect(want.length, `${child} ${range.from}: more than one child`).toBeGreaterThan(1);
        const current = answer.rows.filter((row) => row.current.tickets > 0);
        expect(rounded(current.map((row) => comparable(row.key, row.current)))).toEqual(rounded(want));
        const parent = FiguresAnswer.parse(await ok(`figures?${query(scope, range)}`)).comparison;
        const sum = (pick: (figures: ChildFigures) => number, period: 'current' | 'previous') =>
          answer.rows.reduce((total, row) => total + pick(row[period]), 0);
        for (const period of ['current', 'previous'] as const) {
          expect(sum((f) => f.tickets, period)).toBe(parent[period].tickets);
          expect(sum((f) => f.served, period)).toBe(parent[period].served);
          expect(sum((f) => f.waiting.overStandard, period)).toBe(parent[period].waiting.overStandard);
          expect(sum((f) => f.satisfaction.rated, period)).toBe(parent[period].satisfaction.rated);
        }
      }
  });

  it('refuses to break a desk down (its visits are listed instead)', async () => {
    const answer = await get(`breakdown?${query({ centre: 'centre-03', desk: '2' }, MONTH)}`, analyst);
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([expect.stringMatching(/^desk: /)]);
  });

  it('answers a series a day for a month and a month for a year, each point equal to SQL, summing to the figures', async () => {
    for (const scope of SCOPES) {
      for (const [range, grain] of [
        [MONTH, 'day'],
        [YEAR, 'month'],
      ] as const) {
        const answer = SeriesAnswer.parse(await ok(`series?${query(scope, range)}`));
        expect(answer.grain).toBe(grain);
        const period = grain === 'day' ? 'v.local_day' : "date_trunc('month', v.local_day)::date";
        const want = await expected(scope, range, `to_char(${period}, 'YYYY-MM-DD')`);
        const byPeriod = new Map(want.map((row) => [row.key, row]));
        expect(answer.points.length).toBe(grain === 'day' ? 30 : 13);
        for (const point of answer.points) {
          const row = byPeriod.get(point.period);
          expect(
            [
              point.tickets,
              point.served,
              point.noShows,
              point.rated,
              point.waitingWithinShare,
              point.serviceWithinShare,
            ],
            `${JSON.stringify(scope)} ${point.period}`,
          ).toEqual(
            row
              ? [
                  row.tickets,
                  row.served,
                  row.no_shows,
                  row.rated,
                  share(row.wait_within as number, row.wait_measured as number),
                  share(row.service_within as number, row.service_measured as number),
                ]
              : [0, 0, 0, 0, null, null],
          );
          if (row?.average !== null && row?.average !== undefined)
            expect(point.satisfactionAverage).toBeCloseTo(row.average as number, 9);
        }
        const figures = FiguresAnswer.parse(await ok(`figures?${query(scope, range)}`)).comparison.current;
        expect(answer.points.reduce((total, point) => total + point.tickets, 0)).toBe(figures.tickets);
      }
    }
  });

  it("lists exactly a desk's visits over the service standard, longest over first, with SQL's count", async () => {
    const scope = { centre: 'centre-03', service: 'service-01', desk: '2' };
    const filter = where(scope, YEAR);
    const { rows } = await db.query<{ ref: string; excess: number }>(
      `SELECT v.device_id || ':' || v.ticket_id AS ref, v.service_seconds / 60 - COALESCE(st.service_minutes, 15) AS excess
         FROM visits v LEFT JOIN service_standards st ON st.service_id = v.service_id
         LEFT JOIN centres c ON c.centre_id = v.centre_id
        WHERE ${filter.text} AND v.service_seconds / 60 >= COALESCE(st.service_minutes, 15)`,
      filter.values,
    );
    expect(rows.length).toBeGreaterThan(0);
    const answer = VisitsAnswer.parse(await ok(`visits?${query(scope, YEAR)}&filter=service-over-standard`));
    expect(answer.total).toBe(rows.length);
    expect(answer.limit).toBe(200);
    expect(answer.visits.map((visit) => visit.ref).sort()).toEqual(
      rows
        .map((row) => row.ref)
        .sort()
        .slice(0, Math.min(rows.length, 200)),
    );
    const excesses = answer.visits.map((visit) => visit.serviceMinutes! - visit.serviceStandardMinutes);
    expect(excesses).toEqual([...excesses].sort((a, b) => b - a));
    expect(answer.visits.every((visit) => visit.deskId === '2' && visit.centreId === 'centre-03')).toBe(true);
  });

  /** Every visit the list must hold, in its order, straight from the visit rows. */
  const listed = async (scope: Record<string, string>, range: { from: string; to: string }, filter: VisitFilter) => {
    const service = 'v.service_seconds / 60 - COALESCE(st.service_minutes, 15)';
    const waiting = 'v.waiting_seconds / 60 - COALESCE(st.waiting_minutes, 15)';
    const { excess, keep } = {
      'service-over-standard': { excess: service, keep: `${service} >= 0` },
      'waiting-over-standard': { excess: waiting, keep: `${waiting} >= 0` },
      all: { excess: `GREATEST(${service}, ${waiting})`, keep: 'true' },
    }[filter];
    const conditions = where(scope, range);
    const { rows } = await db.query<{ ref: string }>(
      `SELECT v.device_id || ':' || v.ticket_id AS ref
         FROM visits v LEFT JOIN service_standards st ON st.service_id = v.service_id
         LEFT JOIN centres c ON c.centre_id = v.centre_id
        WHERE ${conditions.text} AND ${keep}
        ORDER BY ${excess} DESC NULLS LAST, v.issued_at, v.device_id, v.ticket_id`,
      conditions.values,
    );
    return rows.map((row) => row.ref);
  };
  const FILTERS = ['service-over-standard', 'waiting-over-standard', 'all'] as const;

  it("lists a centre's and a service's visits in SQL's order page by page, each filter, with SQL's count", async () => {
    const scopes: Array<{ centre: string; service?: string }> = [
      { centre: 'centre-03' },
      { centre: 'centre-03', service: 'service-01' },
    ];
    for (const scope of scopes) {
      for (const range of [EVERYTHING, YEARS, MONTH]) {
        for (const filter of FILTERS) {
          const refs = await listed(scope, range, filter);
          const last = Math.max(0, Math.floor((refs.length - 1) / 200) * 200);
          for (const offset of new Set([0, 200, last])) {
            const answer = VisitsAnswer.parse(
              await ok(`visits?${query(scope, range)}&filter=${filter}&offset=${offset}`),
            );
            const name = `${JSON.stringify(scope)} ${range.from} ${filter} from ${offset}`;
            expect(answer.total, name).toBe(refs.length);
            expect(
              answer.visits.map((visit) => visit.ref),
              name,
            ).toEqual(refs.slice(offset, offset + 200));
            // The page read within the rollups' bounds is that page (not only after reading it whole).
            const list = {
              scope: { centreId: scope.centre, ...(scope.service && { serviceId: scope.service }) },
              range,
              filter,
              offset,
            };
            const figures = await db.query<{ answer: RawAnswer }>(rollupFiguresQuery(list.scope, range));
            const bounded = listBoundsOf(figures.rows[0]!.answer, filter, offset + 200);
            if (bounded === null) {
              expect(filter, `${name}: only 'all' reaching visits never called is unbounded`).toBe('all');
              continue;
            }
            expect(bounded.total, name).toBe(refs.length);
            const within = visitListQuery(list, bounded.bounds);
            const [page] = (await db.query<{ rows: VisitListRow[] }>(within.text, within.values)).rows;
            expect(
              page!.rows.map((row) => `${row.device_id}:${row.ticket_id}`),
              `${name}, bounded`,
            ).toEqual(refs.slice(offset, offset + 200));
          }
        }
      }
    }
    // The cases above reach past the first page.
    expect((await listed({ centre: 'centre-03' }, YEARS, 'all')).length).toBeGreaterThan(400);
    expect((await listed({ centre: 'centre-03' }, EVERYTHING, 'service-over-standard')).length).toBeGreaterThan(200);
  });

  it('reads a list whole when the rollups promise visits the visit rows do not hold', async () => {
    const scope = { centre: 'centre-03' };
    const key = ['centre-03', 'service-01', MONTH.from];
    const { rows } = await db.query<{ service_hist: number[] }>(
      'SELECT service_hist FROM visit_rollup_month WHERE centre_id = $1 AND service_id = $2 AND month = $3',
      key,
    );
    expect(rows).toHaveLength(1);
    try {
      // 300 visits of 500 minutes that never happened: the page bounded by them would be empty.
      await db.query(
        `UPDATE visit_rollup_month SET service_hist = hist_add(service_hist, array_fill(0, ARRAY[500]) || 300)
          WHERE centre_id = $1 AND service_id = $2 AND month = $3`,
        key,
      );
      const refs = await listed(scope, MONTH, 'service-over-standard');
      expect(refs.length).toBeGreaterThan(0);
      const answer = VisitsAnswer.parse(await ok(`visits?${query(scope, MONTH)}&filter=service-over-standard`));
      expect([answer.total, answer.visits.map((visit) => visit.ref)]).toEqual([refs.length, refs.slice(0, 200)]);
    } finally {
      await db.query(
        'UPDATE visit_rollup_month SET service_hist = $4 WHERE centre_id = $1 AND service_id = $2 AND month = $3',
        [...key, rows[0]!.service_hist],
      );
    }
  });

  it('lists visits sent through the sync ingest with their printed numbers, each filter its own', async () => {
    const range = { from: '2026-11-10', to: '2026-11-10' };
    const service = VisitsAnswer.parse(
      await ok(`visits?centre=hand-1&${query({}, range)}&filter=service-over-standard`),
    );
    // service-01's standard is the generator's; the hand-made visits took 7, 25, 40 and 3 minutes.
    const { rows } = await db.query<{ service_minutes: number }>(
      "SELECT service_minutes FROM service_standards WHERE service_id = 'service-01'",
    );
    const standard = rows[0]?.service_minutes ?? 15;
    const over = [
      { number: 'A-003', minutes: 40 },
      { number: 'A-002', minutes: 25 },
      { number: 'A-001', minutes: 7 },
      { number: 'A-004', minutes: 3 },
    ].filter((visit) => visit.minutes >= standard);
    expect(service.visits.map((visit) => [visit.number, visit.serviceMinutes, visit.ref])).toEqual(
      over.map((visit) => [visit.number, visit.minutes, `hall-hand:${Number(visit.number.slice(2))}`]),
    );
    const waiting = VisitsAnswer.parse(
      await ok(`visits?centre=hand-1&${query({}, range)}&filter=waiting-over-standard`),
    );
    expect(waiting.total).toBe(0);
    const all = VisitsAnswer.parse(await ok(`visits?centre=hand-1&desk=4&${query({}, range)}`));
    expect(all.filter).toBe('all');
    expect(all.total).toBe(4);
    const second = VisitsAnswer.parse(await ok(`visits?centre=hand-1&${query({}, range)}&offset=3`));
    expect([second.total, second.visits.length, second.offset]).toEqual([4, 1, 3]);
  });

  it('maps the network: regions with their centres, services named by the newest catalog or null', async () => {
    const map = NetworkMap.parse(await ok('network'));
    const { rows } = await db.query<{ region: string; centres: string[] }>(
      'SELECT region, array_agg(centre_id ORDER BY centre_id) AS centres FROM centres GROUP BY region ORDER BY region',
    );
    expect(
      map.regions.map((region) => ({ region: region.region, centres: region.centres.map((c) => c.centreId) })),
    ).toEqual(rows);
    expect(map.regions.flatMap((region) => region.centres).find((c) => c.centreId === 'hand-1')).toEqual({
      centreId: 'hand-1',
      name: 'Hand centre',
      kind: 'centre',
    });
    const names = new Map(map.services.map((service) => [service.serviceId, service.name]));
    expect(names.get('service-01')).toEqual(NAMES);
    expect(names.get('catalog-only')).toEqual(NAMES);
    expect(names.get('service-02')).toBeNull();
    const counted = await db.query<{ service_id: string }>('SELECT DISTINCT service_id FROM visits');
    for (const row of counted.rows) expect(names.has(row.service_id), row.service_id).toBe(true);
  });

  it("keeps a centre's manager to their centre: 403 elsewhere at every route, before anything is read", async () => {
    const map = NetworkMap.parse(await ok('network', manager));
    expect(map.regions.flatMap((region) => region.centres.map((centre) => centre.centreId))).toEqual(['centre-01']);
    const visited = await db.query<{ service_id: string }>(
      "SELECT DISTINCT service_id FROM visits WHERE centre_id = 'centre-01'",
    );
    for (const row of visited.rows) expect(map.services.map((s) => s.serviceId)).toContain(row.service_id);
    expect(FiguresAnswer.parse(await ok(`figures?centre=centre-01&${query({}, MONTH)}`, manager)).scope).toEqual({
      centreId: 'centre-01',
    });
    const routes = ['figures', 'breakdown', 'series', 'visits'];
    for (const route of routes) {
      // Another centre, one that does not exist, and scopes wider than a centre are all refused alike.
      for (const scope of [{ centre: 'centre-02' }, { centre: 'no-such-centre' }, {}, { region: 'absheron' }] as Array<
        Record<string, string>
      >) {
        const answer = await get(`${route}?${query(scope, MONTH)}`, manager);
        if (route === 'visits' && scope.centre === undefined) {
          expect(answer.status, `${route} ${JSON.stringify(scope)}`).toBe(400);
          continue;
        }
        expect(answer.status, `${route} ${JSON.stringify(scope)}`).toBe(403);
        expect(answer.body.error).toBe('not-your-centre');
      }
    }
  });

  it('refuses bad parameters with 400, naming the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['figures?from=2026-02-30&to=2026-03-01', /^from: /],
      ['figures?from=2026-11-01', /^to: /],
      ['figures?from=2026-11-30&to=2026-11-01', /^to: /],
      ['series?from=yesterday&to=2026-11-01', /^from: /],
      [`breakdown?desk=2&${query({}, MONTH)}`, /^desk: /],
      [`figures?centreId=centre-03&${query({}, MONTH)}`, /centreId/],
      [`visits?${query({}, MONTH)}`, /^centre: /],
      [`visits?centre=centre-03&filter=slow&${query({}, MONTH)}`, /^filter: /],
      [`visits?centre=centre-03&offset=-1&${query({}, MONTH)}`, /^offset: /],
      ['network?centre=centre-01', /centre/],
    ];
    for (const [path, problem] of cases) {
      const answer = await get(path, analyst);
      expect(answer.status, path).toBe(400);
      expect(answer.body.error).toBe('bad-request');
      expect(answer.body.problems, path).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
    }
  });

  it('answers 401 to every route without a session', async () => {
    for (const path of [
      'network',
      `figures?${query({}, MONTH)}`,
      `breakdown?${query({}, MONTH)}`,
      `series?${query({}, MONTH)}`,
      `visits?centre=centre-01&${query({}, MONTH)}`,
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(401);
      expect(answer.body.error).toBe('not-signed-in');
    }
  });
});
