// npm run bench, the monitoring (issue 13): on a real PostgreSQL holding a generated network, every
// dashboard query (a period and the one before it) read from the rollups against the same figures
// from the raw visit rows (the baseline, same run, same answers checked equal) and against the
// rollups summed the first way (every histogram element unnested), the live view, ingest while the
// visit projector runs against ingest with none running, and the projector's own rate. Alone:
//   npx tsx scripts/bench-monitoring.ts --visits 50000000 [--runs 20] [--raw-runs 5]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { enrolCodeHash } from '../main/central/http/credentials';
import type { Comparison, DayRange, Scope } from '../main/central/monitoring/figures';
import { openVisitsQuery } from '../main/central/monitoring/live';
import { rollupFiguresQuery, visitFiguresQuery } from '../main/central/monitoring/figures';
import { MonitoringStore, dashboardReadPool, type FiguresSource } from '../main/central/store/monitoring-store';
import { PostgresStore } from '../main/central/store/postgres-store';
import { SyncBatch, type SyncRecord } from '../main/contract/sync';
import { throwawayPostgres } from '../test/support/postgres';
import { localDayIn, outboxOf, seededRandom, visitFacts, type VisitPlan } from '../test/support/visit-facts';
import { fmt, percentile, sorted } from './bench-tap';
import { GENERATED_DEVICE_PREFIX, generateNetwork, networkNow, type GeneratedNetwork } from './generate-network';

const MAX_DASHBOARD_P95_MS = 300;
const MAX_LIVE_P95_MS = 100;
const MAX_INGEST_SLOWDOWN = 0.2;
const END_DAY = '2026-12-03';

export interface MonitoringBenchOptions {
  visits: number;
  /** Timed runs of each query from the rollups and of the live view. */
  runs: number;
  /** Timed runs of each query from the raw visits (slow at scale). */
  rawRuns: number;
  /** Visits each bench device sends in the ingest comparison. */
  ingestVisits: number;
  /** A server already holding a generated network (visits is then ignored); a throwaway one is filled when absent. */
  databaseUrl?: string;
}

/**
 * The levels a dashboard reads, from the whole network down to one desk's visits (also the read
 * API bench's, which names them by level).
 */
export const SCOPES: Array<{ name: string; level: string; scope: Scope }> = [
  { name: 'network', level: 'network', scope: {} },
  { name: 'region', level: 'region', scope: { region: 'absheron' } },
  { name: 'centre', level: 'centre', scope: { centreId: 'centre-03' } },
  { name: 'service in a centre', level: 'service', scope: { centreId: 'centre-03', serviceId: 'service-01' } },
  { name: 'desk', level: 'desk', scope: { centreId: 'centre-03', serviceId: 'service-01', deskId: '2' } },
];

/** The periods a dashboard offers, each read with the one before it. */
const RANGES: Array<{ name: string; range: DayRange }> = [
  { name: 'a day', range: { from: '2026-12-02', to: '2026-12-02' } },
  { name: 'a week', range: { from: '2026-11-23', to: '2026-11-29' } },
  { name: 'a month', range: { from: '2026-11-01', to: '2026-11-30' } },
  { name: 'last 30 days', range: { from: '2026-11-04', to: END_DAY } },
  { name: 'a quarter', range: { from: '2026-07-01', to: '2026-09-30' } },
  { name: 'last 365 days', range: { from: '2025-12-04', to: END_DAY } },
  { name: 'all 9 years', range: { from: '2017-12-04', to: END_DAY } },
];

const DASHBOARDS = SCOPES.flatMap(({ name, scope }) =>
  RANGES.map((range) => ({ name: `${name}, ${range.name}`, scope, range: range.range })),
);

/** The machine's load over the last 1, 5 and 15 minutes: the bench shares it, and its figures say how much. */
const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(1))
    .join(', ');

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function explain(pool: pg.Pool, title: string, text: string, values: unknown[]): Promise<void> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  console.log(`\n  plan, ${title}:`);
  for (const row of rows) console.log(`    ${row['QUERY PLAN']}`);
}

/** The facts of a day of visits at one centre, as its hall server sends them, for the ingest comparison. */
function deviceRecords(seed: number, visits: number, day: string): SyncRecord[] {
  const random = seededRandom(seed);
  const plans: VisitPlan[] = Array.from({ length: visits }, (_, i) => {
    const issuedAt = new Date(Date.parse(`${day}T05:00:00Z`) + Math.floor(random() * 9 * 3600) * 1000);
    const score = (1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5;
    return {
      ticketId: i + 1,
      issuedAt,
      localDay: localDayIn(issuedAt, 'Asia/Baku'),
      serviceId: `service-${String(1 + Math.floor(70 * random() ** 2.2)).padStart(2, '0')}`,
      deskId: String(1 + Math.floor(random() * 10)),
      waitSeconds: Math.floor(random() * 2400),
      noShow: random() < 0.06,
      serviceSeconds: Math.floor(random() * 1500),
      offered: random() < 0.85,
      ...(random() < 0.55 ? { score, reasons: score <= 2 ? (['waiting-time'] as const).slice() : [] } : {}),
    };
  });
  return outboxOf(plans.flatMap(visitFacts));
}

export interface IngestBench {
  /** Records each way. */
  records: number;
  /** Ingest with no projector running (the baseline), and while the background projector runs. */
  aloneMs: number;
  withProjectorMs: number;
  /** The projector alone draining a backlog of `projected` records. */
  projected: number;
  projectorMs: number;
  /** After a device's last batch with the projector running was acknowledged, until all was projected (the longest). */
  catchUpMs: number;
}

/**
 * Ingest as the central does it (records only; the visits and rollups are the projector's): the
 * same day of visits per device sent in batches of 500 through a store whose projector is not
 * running (the baseline) and through one whose background projector runs (woken by every batch, as
 * in the server, competing for the same two cores and database server), device by device, the
 * order alternating so the machine's drift falls on both; the projector is drained before each
 * baseline part so none of its work falls there. The baseline writes to a database of its own on
 * the same server, which no running projector reads. Then the projector's own rate on that
 * database's backlog (its rollups start empty there, so it inserts more than it updates).
 */
export async function benchIngest(url: string, visits: number): Promise<IngestBench> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS bench_ingest_alone');
  await admin.query('CREATE DATABASE bench_ingest_alone');
  await admin.end();
  const aloneUrl = new URL(url);
  aloneUrl.pathname = '/bench_ingest_alone';
  const alone = new PostgresStore(aloneUrl.toString());
  // Devices of their own each run, so a database kept between runs takes them again.
  const run = Date.now().toString(36);
  await alone.migrate();
  const withProjector = new PostgresStore(url, { projector: { pollMs: 1_000 } });
  const devices = 4;
  const result: IngestBench = {
    records: 0,
    aloneMs: 0,
    withProjectorMs: 0,
    projected: 0,
    projectorMs: 0,
    catchUpMs: 0,
  };
  try {
    const enrol = async (store: PostgresStore, deviceId: string, centreId: string) => {
      const codeHash = enrolCodeHash(`BENCH-${deviceId}`);
      await store.addEnrolCode({
        codeHash,
        centreId,
        role: 'hall-server',
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      await store.enrol({ codeHash, deviceId, appVersion: 'bench', tokenHash: `bench-${deviceId}`, at: new Date() });
    };
    /** Sends a device's outbox in batches of 500, parsed as the HTTP handler parses them; the time taken. */
    const send = async (store: PostgresStore, deviceId: string, centreId: string, outbox: SyncRecord[]) => {
      await enrol(store, deviceId, centreId);
      let ms = 0;
      for (let i = 0; i < outbox.length; i += 500) {
        const slice = outbox.slice(i, i + 500);
        ms += await timed(async () => {
          const batch = SyncBatch.parse({ deviceId, sentAt: new Date().toISOString(), backlog: 0, records: slice });
          const outcome = await store.ingest(batch, new Date());
          if (outcome.kind !== 'acknowledged') throw new Error(`${deviceId}: ${outcome.kind}`);
        });
      }
      return ms;
    };
    withProjector.startProjector();
    for (let d = 0; d < devices; d++) {
      const outbox = deviceRecords(d + 1, visits, '2026-12-04');
      const centreId = `centre-${String(d + 1).padStart(2, '0')}`;
      const sendAlone = async () => (result.aloneMs += await send(alone, `bench-alone-${run}-${d}`, centreId, outbox));
      const sendWithProjector = async () => {
        result.withProjectorMs += await send(withProjector, `bench-projected-${run}-${d}`, centreId, outbox);
        const lastAcknowledged = performance.now();
        // Waits for the background pass under way, then for anything it left.
        await withProjector.projectPending();
        result.catchUpMs = Math.max(result.catchUpMs, performance.now() - lastAcknowledged);
      };
      if (d % 2 === 0) {
        await sendAlone();
        await sendWithProjector();
      } else {
        await sendWithProjector();
        await sendAlone();
      }
      result.records += outbox.length;
    }
    await withProjector.close();
    const projectorStarted = performance.now();
    result.projected = await alone.projectPending();
    result.projectorMs = performance.now() - projectorStarted;
  } finally {
    await alone.close();
    await withProjector.close().catch(() => {});
  }
  return result;
}

/** The server settings the bench measures with: a central's on a 24 GB machine (the throwaway's are a test's). */
export const SERVER_SETTINGS: Array<[string, string]> = [
  ['shared_buffers', '3GB'],
  ['effective_cache_size', '16GB'],
  ['work_mem', '64MB'],
  ['maintenance_work_mem', '1GB'],
  ['max_wal_size', '16GB'],
  ['random_page_cost', '1.1'],
  // Compiling the rollup queries' ~1,000 sums took longer than running them.
  ['jit', 'off'],
];

/** A database holding a generated network: a throwaway server filled now, or one given (filled before). */
async function networkDatabase(options: MonitoringBenchOptions): Promise<{
  url: string;
  network: Pick<GeneratedNetwork, 'visits' | 'months' | 'now' | 'centres' | 'services'>;
  generatedSeconds: number | null;
  remove(): void;
}> {
  if (options.databaseUrl) {
    // The schema brought up to date first, as a central does at start (a new rollup is filled then).
    const central = new PostgresStore(options.databaseUrl);
    await central.migrate();
    await central.close();
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
    const { rows } = await pool.query<{ visits: string; months: number; centres: string[]; services: string[] }>(
      `SELECT (SELECT count(*) FROM visits WHERE device_id LIKE '${GENERATED_DEVICE_PREFIX}%') AS visits,
              (SELECT count(*)::integer FROM pg_inherits WHERE inhparent = 'visits'::regclass) AS months,
              (SELECT array_agg(centre_id ORDER BY centre_id) FROM centres) AS centres,
              (SELECT array_agg(service_id ORDER BY service_id) FROM service_standards) AS services`,
    );
    await pool.end();
    const row = rows[0]!;
    if (Number(row.visits) === 0) throw new Error(`--database-url: ${options.databaseUrl} holds no generated network`);
    const network = { ...row, visits: Number(row.visits), now: networkNow(END_DAY) };
    return { url: options.databaseUrl, network, generatedSeconds: null, remove: () => {} };
  }
  const cluster = await throwawayPostgres();
  try {
    const admin = new pg.Pool({ connectionString: cluster.url, max: 1 });
    for (const [name, value] of SERVER_SETTINGS) await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    await admin.end();
    cluster.stop();
    cluster.start();
    const network = await generateNetwork(cluster.url, {
      visits: options.visits,
      seed: 1,
      years: 9,
      endDay: END_DAY,
      log: options.visits >= 5_000_000 ? (line) => console.log(line) : undefined,
    });
    return { url: cluster.url, network, generatedSeconds: network.seconds, remove: () => cluster.remove() };
  } catch (error) {
    cluster.remove();
    throw error;
  }
}

export async function benchMonitoring(options: MonitoringBenchOptions): Promise<boolean> {
  const database = await networkDatabase(options);
  const { network } = database;
  try {
    const pool = dashboardReadPool(database.url);
    const monitoring = new MonitoringStore(pool);
    const sizes = await pool.query<{ visits: string; day: string; month: string; settings: string }>(
      `SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS visits,
              pg_size_pretty(pg_total_relation_size('visit_rollup_day')) AS day,
              pg_size_pretty(pg_total_relation_size('visit_rollup_month')) AS month,
              (SELECT string_agg(name || ' ' || setting || COALESCE(unit, ''), ', ' ORDER BY name) FROM pg_settings
                WHERE name IN (${SERVER_SETTINGS.map(([name]) => `'${name}'`).join(', ')}, 'fsync', 'synchronous_commit', 'wal_level')) AS settings
         FROM pg_inherits WHERE inhparent = 'visits'::regclass`,
    );
    console.log(
      `\nMonitoring: a generated network of ${network.visits.toLocaleString('en')} visits over ${network.months} monthly partitions, ` +
        `${network.centres.length} centres and buses, ${network.services.length} services (` +
        (database.generatedSeconds === null
          ? 'generated before this run'
          : `visits, rollups and indexes generated in ${fmt(database.generatedSeconds, 0)} s`) +
        `; visits ${sizes.rows[0]!.visits}, day rollup ${sizes.rows[0]!.day}, month rollup ${sizes.rows[0]!.month})`,
    );
    console.log(`  server: ${sizes.rows[0]!.settings}; load average ${loadAverage()} (2 cores)`);
    console.log(
      `  dashboard queries, each a period and the one before it; p95 of ${options.runs} runs from the rollups (positional sums) and from the rollups with every histogram element unnested (the first way), of ${options.rawRuns} from the raw visits (baseline)`,
    );
    let allMet = true;
    for (const dashboard of DASHBOARDS) {
      const fromRollups: number[] = [];
      const unnested: number[] = [];
      const fromVisits: number[] = [];
      const answers: Partial<Record<FiguresSource, Comparison>> = {};
      const run = async (source: FiguresSource, into: number[]) =>
        into.push(
          await timed(
            async () => (answers[source] = await monitoring.compare(dashboard.scope, dashboard.range, source)),
          ),
        );
      for (let i = 0; i < options.runs; i++) {
        await run('rollups', fromRollups);
        await run('rollups-unnest', unnested);
        if (i < options.rawRuns) await run('visits', fromVisits);
      }
      const same =
        isDeepStrictEqual(answers.rollups, answers.visits) &&
        isDeepStrictEqual(answers.rollups, answers['rollups-unnest']);
      const p95 = percentile(sorted(fromRollups), 95);
      const before = percentile(sorted(unnested), 95);
      const raw = percentile(sorted(fromVisits), 95);
      const met = p95 <= MAX_DASHBOARD_P95_MS && same;
      allMet &&= met;
      console.log(
        `  ${dashboard.name.padEnd(40)} rollups p50 ${fmt(percentile(sorted(fromRollups), 50)).padStart(8)} ms   p95 ${fmt(p95).padStart(8)} ms   unnested sums ${fmt(before).padStart(8)} ms   ` +
          `raw visits p95 ${fmt(raw).padStart(9)} ms   ${fmt(raw / p95, 1).padStart(6)}× faster than raw   same figures: ${same ? 'yes' : 'NO'}   ${met ? 'met' : 'NOT MET'}`,
      );
    }

    console.log(`  load average after the dashboard queries ${loadAverage()}`);
    const live: number[] = [];
    const liveCentre: number[] = [];
    const liveBaseline: number[] = [];
    const unpruned = openVisitsQuery(null, network.now);
    // Baseline: the same open visits without the days around now (every partition's open-visits index).
    const baselineText = unpruned.text.replace(/AND v\.local_day BETWEEN[^\n]*\n/, '\n');
    for (let i = 0; i < options.runs; i++) {
      live.push(await timed(() => monitoring.live(null, network.now)));
      liveCentre.push(await timed(() => monitoring.live('centre-03', network.now)));
      liveBaseline.push(await timed(() => pool.query(baselineText, unpruned.values)));
    }
    const view = await monitoring.live(null, network.now);
    const liveP95 = Math.max(percentile(sorted(live), 95), percentile(sorted(liveCentre), 95));
    const liveMet = liveP95 <= MAX_LIVE_P95_MS;
    allMet &&= liveMet;
    console.log(
      `  live view, every centre: p95 ${fmt(percentile(sorted(live), 95))} ms (${view.inProgress.length} visits in progress, ` +
        `${view.desksOverStandard.length} desks over standard, ${view.queuesOverStandard.length} queues over standard, ${view.printerProblems.length} printers with problems); ` +
        `one centre: p95 ${fmt(percentile(sorted(liveCentre), 95))} ms; baseline, open visits of every day: p95 ${fmt(percentile(sorted(liveBaseline), 95))} ms ` +
        `(target ≤ ${MAX_LIVE_P95_MS} ms: ${liveMet ? 'met' : 'NOT MET'})`,
    );

    const ingest = await benchIngest(database.url, options.ingestVisits);
    const slowdown = ingest.withProjectorMs / ingest.aloneMs - 1;
    const ingestMet = slowdown <= MAX_INGEST_SLOWDOWN;
    allMet &&= ingestMet;
    const rate = (records: number, ms: number) => fmt(records / (ms / 1000), 0);
    console.log(
      `  ingest into this database, ${ingest.records} records each way in batches of 500 (records only; visits and rollups are the projector's): ` +
        `${rate(ingest.records, ingest.withProjectorMs)} records/s while the background projector runs; baseline with no projector ` +
        `${rate(ingest.records, ingest.aloneMs)} records/s; ${fmt(ingest.withProjectorMs / ingest.aloneMs, 2)}× the time, ` +
        `${fmt(slowdown * 100, 0)} % slower (target ≤ ${MAX_INGEST_SLOWDOWN * 100} %: ${ingestMet ? 'met' : 'NOT MET'})`,
    );
    console.log(
      `  projector: ${rate(ingest.projected, ingest.projectorMs)} records/s alone (${ingest.projected} records into visits and rollups in ` +
        `${fmt(ingest.projectorMs, 0)} ms); with a device's ingest running flat out it was at most ${fmt(ingest.catchUpMs, 0)} ms behind ` +
        `when the last batch was acknowledged (it rests while devices send); dashboards lag ingest by the backlog ÷ that rate`,
    );

    const explained: Array<[string, Scope, DayRange]> = [
      ['network, all 9 years', {}, RANGES.at(-1)!.range],
      ['centre, a month', { centreId: 'centre-03' }, RANGES[2]!.range],
    ];
    for (const [name, scope, range] of explained) {
      const rollupQuery = rollupFiguresQuery(scope, range);
      await explain(pool, `${name} from the rollups`, rollupQuery.text, rollupQuery.values);
    }
    const rawQuery = visitFiguresQuery(explained[1]![1], explained[1]![2]);
    await explain(pool, `${explained[1]![0]} from the raw visits (baseline)`, rawQuery.text, rawQuery.values);
    const liveQuery = openVisitsQuery('centre-03', network.now);
    await explain(pool, 'live view, one centre', liveQuery.text, liveQuery.values);
    await pool.end();
    return allMet;
  } finally {
    database.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      visits: { type: 'string', default: '300000' },
      runs: { type: 'string', default: '20' },
      'raw-runs': { type: 'string', default: '5' },
      'ingest-visits': { type: 'string', default: '1500' },
      // A network generated before (scripts/generate-network.ts, end day 2026-12-03) on a server of yours.
      'database-url': { type: 'string' },
    },
  });
  const number = (name: 'visits' | 'runs' | 'raw-runs' | 'ingest-visits') => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name}: "${values[name]}" is not a positive whole number`);
    return value;
  };
  const met = await benchMonitoring({
    visits: number('visits'),
    runs: number('runs'),
    rawRuns: number('raw-runs'),
    ingestVisits: number('ingest-visits'),
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  });
  if (!met) process.exitCode = 1;
}
