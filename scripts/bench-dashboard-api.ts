// The dashboards' read API (issue 13) on a generated network: each route's reads (network map,
// figures, breakdown, series, visits) for a month, a year and nine years at every level, p95 of N runs against
// the 300 ms target, with the breakdown's rows and the series' points checked to add up to the
// scope's figures. Alone:
//   npx tsx scripts/bench-dashboard-api.ts [--visits 300000] [--runs 20] [--database-url <a generated network's>]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { DayRange } from '../main/contract/monitoring';
import { childLevelOf } from '../main/central/monitoring/breakdown';
import { MonitoringStore, dashboardReadPool } from '../main/central/store/monitoring-store';
import { PostgresStore } from '../main/central/store/postgres-store';
import { throwawayPostgres } from '../test/support/postgres';
import { fmt, percentile, sorted } from './bench-tap';
import { SCOPES } from './bench-monitoring';
import { generateNetwork } from './generate-network';

const MAX_P95_MS = 300;
const END_DAY = '2026-12-03';

const RANGES: Array<{ name: string; range: DayRange }> = [
  { name: 'a month', range: { from: '2026-11-01', to: '2026-11-30' } },
  { name: 'a year', range: { from: '2025-12-04', to: END_DAY } },
  { name: 'all 9 years', range: { from: '2017-12-04', to: END_DAY } },
];

async function p95Of(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return percentile(sorted(times), 95);
}

/** A database holding a generated network: one given (brought up to date), or a throwaway one filled now. */
async function networkDatabase(options: { visits: number; databaseUrl?: string }) {
  if (options.databaseUrl) {
    const central = new PostgresStore(options.databaseUrl);
    await central.migrate();
    await central.close();
    return { url: options.databaseUrl, remove: () => {} };
  }
  const cluster = await throwawayPostgres();
  try {
    await generateNetwork(cluster.url, { visits: options.visits, seed: 1, years: 9, endDay: END_DAY });
  } catch (error) {
    cluster.remove();
    throw error;
  }
  return { url: cluster.url, remove: () => cluster.remove() };
}

export async function benchDashboardApi(options: {
  visits: number;
  runs: number;
  databaseUrl?: string;
}): Promise<boolean> {
  const database = await networkDatabase(options);
  const pool = dashboardReadPool(database.url);
  try {
    const monitoring = new MonitoringStore(pool);
    const { rows } = await pool.query<{ visits: string }>(
      'SELECT sum(tickets) AS visits FROM visit_rollup_network_year',
    );
    console.log(
      `\nDashboards' read API: ${Number(rows[0]!.visits).toLocaleString('en')} generated visits; p95 of ${options.runs} runs (target ${MAX_P95_MS} ms; load average ${loadavg()
        .map((load) => load.toFixed(1))
        .join(', ')}, 2 cores)`,
    );
    let allMet = true;
    const report = (name: string, p95: number) => {
      const met = p95 <= MAX_P95_MS;
      allMet &&= met;
      console.log(`  ${name.padEnd(40)} ${fmt(p95).padStart(8)} ms${met ? '' : '  OVER TARGET'}`);
    };
    report('network map', await p95Of(options.runs, () => monitoring.networkMap(null)));
    for (const { level, scope } of SCOPES) {
      for (const { name, range } of RANGES) {
        report(`${level}, ${name}: figures`, await p95Of(options.runs, () => monitoring.compare(scope, range)));
        const child = childLevelOf(scope);
        if (child !== null) {
          report(
            `${level}, ${name}: breakdown by ${child}`,
            await p95Of(options.runs, () => monitoring.breakdown(scope, range, child)),
          );
        }
        report(`${level}, ${name}: series`, await p95Of(options.runs, () => monitoring.series(scope, range)));
        const centreId = scope.centreId;
        if (centreId !== undefined) {
          report(
            `${level}, ${name}: visits over standard`,
            await p95Of(options.runs, () =>
              monitoring.visits({ scope: { ...scope, centreId }, range, filter: 'service-over-standard', offset: 0 }),
            ),
          );
        }
        // The answers must add up, or their speed means nothing.
        const figures = await monitoring.figures(scope, range);
        const series = await monitoring.series(scope, range);
        const seriesTickets = series.points.reduce((sum, point) => sum + point.tickets, 0);
        const breakdownTickets =
          child === null
            ? figures.tickets
            : (await monitoring.breakdown(scope, range, child)).rows.reduce((sum, row) => sum + row.current.tickets, 0);
        if (seriesTickets !== figures.tickets || breakdownTickets !== figures.tickets) {
          console.log(
            `  ${level}, ${name}: DOES NOT ADD UP: figures ${figures.tickets}, series ${seriesTickets}, breakdown ${breakdownTickets}`,
          );
          allMet = false;
        }
      }
    }
    return allMet;
  } finally {
    await pool.end();
    database.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      visits: { type: 'string', default: '300000' },
      runs: { type: 'string', default: '20' },
      'database-url': { type: 'string' },
    },
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name}: "${values[name]}" is not a positive whole number`);
    return value;
  };
  const databaseUrl = values['database-url'];
  const met = await benchDashboardApi({
    visits: number('visits'),
    runs: number('runs'),
    ...(databaseUrl !== undefined && { databaseUrl }),
  });
  if (!met) process.exitCode = 1;
}
