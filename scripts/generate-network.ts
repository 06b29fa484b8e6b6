// A synthetic network for the monitoring (issue 13): 32 centres and buses in regions, 70 services
// with standards, and N visits over some years with realistic hours, weekdays, seasons, waiting and
// service times and ratings, written straight into the central's PostgreSQL by INSERT … SELECT
// (the same rows ingest would project), then rolled up with the ingest's own definitions.
//   DATABASE_URL=postgres://… npx tsx scripts/generate-network.ts --visits 1000000 [--seed 1] [--years 9] [--end-day 2026-12-03] [--connections 2]
// The same seed, size, years and end day give the same network (on one PostgreSQL major version:
// its hash functions are the random source).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ROLLUP_GRAINS, rollupTable, rollupUpsert } from '../main/central/monitoring/rollup-sql';
import { PostgresStore } from '../main/central/store/postgres-store';

export interface NetworkOptions {
  visits: number;
  seed: number;
  years: number;
  /** The last local day generated (YYYY-MM-DD); its visits stop at `now`, leaving some open. */
  endDay: string;
  /** Progress lines (a month at a time); none when absent. */
  log?: (line: string) => void;
  /** Months generated at once, one database connection each (default 2). */
  connections?: number;
}

export interface GeneratedNetwork {
  visits: number;
  months: number;
  /** 12:00 on the end day in Baku: the instant the open visits are open at (the live view's now). */
  now: Date;
  centres: string[];
  services: string[];
  /** Visits, their rollups, indexes and statistics, months in parallel. */
  seconds: number;
}

const REGIONS = ['absheron', 'ganja', 'shaki', 'lankaran', 'guba', 'shirvan', 'karabakh', 'nakhchivan'];
const CENTRE_COUNT = 26;
const BUS_COUNT = 6;
const SERVICE_COUNT = 70;
/** 12:00 on the end day in Baku: the instant the generated network's open visits are open at. */
export const networkNow = (endDay: string) => new Date(`${endDay}T08:00:00Z`);

/** Only these devices' visits are the generator's: a database may hold real ones too. */
export const GENERATED_DEVICE_PREFIX = 'gen-';

/** A uniform number in [0, 1) from a visit's index and a salt: deterministic, parallel-safe. */
const U = (salt: number) => `((hashint8extended(i, seed * 64 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;
/** Roughly normal (mean 0, sd 1) from three uniforms. */
const Z = (salt: number) => `((${U(salt)} + ${U(salt + 1)} + ${U(salt + 2)} - 1.5) * 2.0)`;

async function describeNetwork(pool: pg.Pool, seed: number): Promise<{ centres: string[]; services: string[] }> {
  const centres: string[] = [];
  for (let i = 1; i <= CENTRE_COUNT + BUS_COUNT; i++) {
    const bus = i > CENTRE_COUNT;
    const id = bus ? `bus-${i - CENTRE_COUNT}` : `centre-${String(i).padStart(2, '0')}`;
    const region = REGIONS[(i - 1) % REGIONS.length]!;
    centres.push(id);
    await pool.query(
      `INSERT INTO centres (centre_id, name, region, kind, time_zone) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (centre_id) DO NOTHING`,
      // Two zones, so reading hours on each centre's own wall clock matters.
      [
        id,
        bus ? `Mobile centre ${i - CENTRE_COUNT}` : `Centre ${i}`,
        region,
        bus ? 'bus' : 'centre',
        region === 'nakhchivan' ? 'Asia/Tbilisi' : 'Asia/Baku',
      ],
    );
    const problem = (i * 7 + seed) % 11 === 0;
    await pool.query(
      `INSERT INTO devices (device_id, centre_id, role, token_hash, printer_status, printer_reported_at)
       VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (device_id) DO NOTHING`,
      [
        `${GENERATED_DEVICE_PREFIX}${id}`,
        id,
        bus ? 'bus' : 'hall-server',
        `generated-${id}`,
        JSON.stringify({
          connection: 'online',
          paper: problem ? 'out' : 'ok',
          coverOpen: false,
          cutterError: false,
          otherError: false,
          checkedAt: null,
          detail: null,
        }),
      ],
    );
  }
  const services: string[] = [];
  for (let i = 1; i <= SERVICE_COUNT; i++) {
    const id = `service-${String(i).padStart(2, '0')}`;
    services.push(id);
    await pool.query(
      `INSERT INTO service_standards (service_id, service_minutes, waiting_minutes) VALUES ($1, $2, $3)
       ON CONFLICT (service_id) DO NOTHING`,
      [id, 5 + ((i * 7) % 26), i % 5 === 0 ? 10 : i % 7 === 0 ? 20 : 15],
    );
  }
  return { centres, services };
}

/**
 * How many visits each centre gets each day: the total shared by weight, the weight a centre's size
 * times its weekday (Monday busiest, Saturday half, Sunday closed, buses on weekdays only), its season
 * (winter and the weeks before September busier, August quieter), growth over the years, and closed
 * on New Year's days.
 */
export const PLAN = `
CREATE TEMP TABLE gen_plan ON COMMIT PRESERVE ROWS AS
WITH days AS (
  SELECT d::date AS day FROM generate_series(($1::date - make_interval(years => $2::int))::date + 1, $1::date, interval '1 day') d
), weights AS (
  SELECT days.day, c.centre_id, c.kind,
    (CASE WHEN c.kind = 'bus' THEN 0.35 ELSE 0.6 + (hashtext(c.centre_id) & 1023) / 1023.0 END)
    * (CASE extract(isodow FROM days.day)::int WHEN 1 THEN 1.2 WHEN 6 THEN (CASE WHEN c.kind = 'bus' THEN 0 ELSE 0.5 END)
        WHEN 7 THEN 0 ELSE 1.0 END)
    * (1 + 0.15 * cos(2 * pi() * extract(doy FROM days.day) / 365.0)
         + CASE WHEN extract(month FROM days.day) = 8 THEN -0.25 WHEN extract(month FROM days.day) = 9 AND extract(day FROM days.day) < 15 THEN 0.2 ELSE 0 END)
    * (0.7 + 0.3 * (days.day - ($1::date - make_interval(years => $2::int))::date) / (365.25 * $2))
    * (CASE WHEN extract(month FROM days.day) = 1 AND extract(day FROM days.day) <= 2 THEN 0 ELSE 1 END) AS weight
  FROM days CROSS JOIN centres c WHERE c.centre_id = ANY ($4::text[])
), counts AS (
  SELECT day, centre_id, kind, round($3::bigint * weight / sum(weight) OVER ())::int AS n FROM weights
)
SELECT day, centre_id, kind, n, sum(n) OVER (ORDER BY day, centre_id) - n AS first_index
  FROM counts WHERE n > 0`;

/**
 * One month's visits. Times of issue follow a morning and an afternoon peak inside opening hours
 * (9–18, buses 10–16); waiting is log-normal around 8 minutes, longer at peak hours and on Mondays;
 * service log-normal around three quarters of the service's standard; 6 % no-shows; 85 % of served
 * visitors offered a rating and 55 % of them answering, scores lower after long waits, low scores
 * with reasons. On the end day, visits after `now` are not generated and those not over are open.
 */
export const monthVisits = (table: string) => `
INSERT INTO ${table} (device_id, ticket_id, centre_id, local_day, local_hour, issued_at, issued_service_id, language,
  called_at, started_at, finished_at, outcome, outcome_at, outcome_service_id, desk_id, desk_at,
  rating_offered, score, reasons, rated_at)
SELECT '${GENERATED_DEVICE_PREFIX}' || centre_id, i, centre_id, day, (minute_of_day / 60)::smallint, issued_at, service_id, language,
  CASE WHEN open_state <> 'waiting' THEN called_at END,
  CASE WHEN open_state IN ('serving', 'done') AND NOT no_show THEN started_at END,
  CASE WHEN open_state = 'done' AND NOT no_show THEN finished_at END,
  CASE WHEN open_state = 'done' AND no_show THEN 'no-show' ELSE open_state END,
  CASE open_state WHEN 'waiting' THEN issued_at WHEN 'called' THEN called_at WHEN 'serving' THEN started_at
    ELSE CASE WHEN no_show THEN called_at + interval '3 minutes' ELSE finished_at END END,
  CASE WHEN open_state <> 'waiting' THEN service_id END,
  CASE WHEN open_state <> 'waiting' THEN desk END,
  CASE WHEN open_state <> 'waiting' THEN called_at END,
  open_state = 'done' AND NOT no_show AND offered,
  CASE WHEN open_state = 'done' AND NOT no_show AND offered AND rated THEN score END,
  CASE WHEN open_state = 'done' AND NOT no_show AND offered AND rated AND score <= 2 THEN reasons ELSE '{}' END,
  CASE WHEN open_state = 'done' AND NOT no_show AND offered AND rated THEN finished_at + interval '10 seconds' END
FROM (
  SELECT *, CASE WHEN called_at > $3 THEN 'waiting' WHEN no_show THEN 'done' WHEN started_at > $3 THEN 'called'
                 WHEN finished_at > $3 THEN 'serving' ELSE 'done' END AS open_state
  FROM (
    SELECT *,
      issued_at + make_interval(secs => wait_s) AS called_at,
      issued_at + make_interval(secs => wait_s + 20 + floor(40 * ${U(20)})) AS started_at,
      issued_at + make_interval(secs => wait_s + 20 + floor(40 * ${U(20)}) + service_s) AS finished_at,
      ${U(21)} < 0.06 AS no_show,
      ${U(22)} < 0.85 AS offered,
      ${U(23)} < 0.55 AS rated,
      CASE WHEN ${U(24)} < low * 0.5 THEN 1 WHEN ${U(24)} < low THEN 2 WHEN ${U(24)} < low + 0.08 THEN 3
           WHEN ${U(24)} < low + 0.3 THEN 4 ELSE 5 END AS score,
      array_remove(ARRAY[
        CASE WHEN wait_s > 1200 OR ${U(25)} < 0.3 THEN 'waiting-time' END,
        CASE WHEN ${U(26)} < 0.35 THEN 'staff' END,
        CASE WHEN ${U(27)} < 0.25 THEN 'result' END,
        CASE WHEN ${U(28)} < 0.15 THEN 'premises' END], NULL) AS reasons
    FROM (
      SELECT *,
        ((day + make_interval(mins => minute_of_day, secs => floor(60 * ${U(5)}))) AT TIME ZONE time_zone) AS issued_at,
        floor(480 * load * exp(0.75 * ${Z(6)}))::int AS wait_s,
        floor(standard * 45 * exp(0.45 * ${Z(9)}))::int AS service_s,
        CASE WHEN load > 1.3 THEN 0.3 ELSE 0.1 END AS low
      FROM (
        SELECT p.day, p.centre_id, p.first_index + k AS i, $2::bigint AS seed, c.time_zone,
          s.service_id, s.service_minutes AS standard,
          (1 + floor(CASE WHEN p.kind = 'bus' THEN 2 ELSE 8 + (hashtext(p.centre_id) & 7) END * ${U(13)}))::text AS desk,
          (ARRAY['az', 'az', 'az', 'az', 'az', 'az', 'ru', 'ru', 'ru', 'en', 'kk', 'ky', 'uz'])[1 + floor(13 * ${U(14)})::int] AS language,
          LEAST(CASE WHEN p.kind = 'bus' THEN 16 * 60 - 1 ELSE 18 * 60 - 1 END, GREATEST(CASE WHEN p.kind = 'bus' THEN 600 ELSE 540 END,
            CASE WHEN ${U(15)} < 0.55 THEN 660 + 75 * ${Z(16)} ELSE 900 + 85 * ${Z(16)} END))::int AS minute_of_day,
          (CASE WHEN extract(isodow FROM p.day) = 1 THEN 1.2 ELSE 1.0 END) AS weekday_load
        FROM gen_plan p
        JOIN centres c ON c.centre_id = p.centre_id
        CROSS JOIN LATERAL generate_series(1, p.n) AS k
        CROSS JOIN LATERAL (SELECT p.first_index + k AS i, $2::bigint AS seed) AS r
        -- Popular services far more often (a power law over the catalog); a bus offers the first 12.
        JOIN service_standards s ON s.service_id = 'service-' || lpad((1 + floor(
          CASE WHEN p.kind = 'bus' THEN 12 ELSE ${SERVICE_COUNT} END * power(${U(17)}, 2.2)))::text, 2, '0')
        WHERE p.day >= $1::date AND p.day < ($1::date + interval '1 month')
        OFFSET 0
      ) base
      CROSS JOIN LATERAL (SELECT weekday_load * (CASE WHEN minute_of_day / 60 IN (10, 11, 15) THEN 1.4 ELSE 1.0 END) AS load) l
      OFFSET 0
    ) timed
    OFFSET 0
  ) stepped
  OFFSET 0
) visit
WHERE issued_at <= $3`;

/** Months generated at once, one connection each (the machine's two cores). */
const DEFAULT_CONNECTIONS = 2;

/** A connection set up for bulk generation, with its own copy of the plan (a temporary table). */
async function generatorSession(pool: pg.Pool, options: NetworkOptions, centres: string[]): Promise<pg.PoolClient> {
  const client = await pool.connect();
  await client.query("SELECT set_config('work_mem', '256MB', false)");
  await client.query("SELECT set_config('maintenance_work_mem', '512MB', false)");
  // Generated rows are rebuilt from the seed if a crash loses the last ones: no need to wait for the WAL flush.
  await client.query("SELECT set_config('synchronous_commit', 'off', false)");
  // Compiling the generator's long expressions took PostgreSQL's JIT minutes per month, for rows it reads once.
  await client.query("SELECT set_config('jit', 'off', false)");
  // A parallel rollup would combine partial histograms with hist_add, far slower than one pass.
  await client.query("SELECT set_config('max_parallel_workers_per_gather', '0', false)");
  await client.query(PLAN, [options.endDay, options.years, options.visits, centres]);
  return client;
}

/**
 * One month: its visits and their rollups in one transaction. A month with no partition yet (the
 * usual case) is written into a table of its own first, rolled up from it, and attached as the
 * month's partition at the end, so its indexes are built once by sorting rather than kept row by
 * row; a month that already has a partition (real visits in it) is inserted into the usual way.
 */
async function generateMonth(
  client: pg.PoolClient,
  month: string,
  seed: number,
  now: Date,
): Promise<{ partition: string; visits: number }> {
  const partition = `visits_${month.slice(0, 4)}_${month.slice(5, 7)}`;
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);
  await client.query('BEGIN');
  try {
    const exists = (await client.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [partition]))
      .rows[0]!.name;
    let visits: number;
    if (exists) {
      visits = (await client.query(monthVisits(partition), [month, seed, now])).rowCount!;
      // Only the generator's rows: real ones there are rolled up already.
      const source = `(SELECT p.*, 1 AS sign FROM ${partition} p WHERE p.device_id LIKE '${GENERATED_DEVICE_PREFIX}%')`;
      for (const grain of ROLLUP_GRAINS) await client.query(rollupUpsert(grain, source));
    } else {
      await client.query(
        `CREATE TABLE ${partition} (LIKE visits INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)`,
      );
      visits = (await client.query(monthVisits(partition), [month, seed, now])).rowCount!;
      // A month's table holds whole days and the whole month: its rollups are its own.
      const source = `(SELECT p.*, 1 AS sign FROM ${partition} p)`;
      for (const grain of ROLLUP_GRAINS) await client.query(rollupUpsert(grain, source));
      // Builds the parent's indexes on it (PRIMARY KEY included) and checks its days are the month's.
      await client.query(
        `ALTER TABLE visits ATTACH PARTITION ${partition} FOR VALUES FROM ('${month}') TO ('${next}')`,
      );
    }
    await client.query('COMMIT');
    // Hint bits and the visibility map set now, as on a central's old months, not by the bench's first reads.
    await client.query(`VACUUM (ANALYZE) ${partition}`);
    return { partition, visits };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function generateNetwork(databaseUrl: string, options: NetworkOptions): Promise<GeneratedNetwork> {
  const log = options.log ?? (() => {});
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  // The schema first, as the central applies it.
  const central = new PostgresStore(databaseUrl);
  await central.migrate();
  await central.close();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  try {
    const already = await pool.query(`SELECT 1 FROM visits WHERE device_id LIKE '${GENERATED_DEVICE_PREFIX}%' LIMIT 1`);
    if (already.rowCount) throw new Error('this database already holds a generated network (devices gen-…)');
    const { centres, services } = await describeNetwork(pool, options.seed);
    const now = networkNow(options.endDay);
    const started = performance.now();
    const sessions = await Promise.all(
      Array.from({ length: connections }, () => generatorSession(pool, options, centres)),
    );
    const months = (
      await sessions[0]!.query<{ month: string }>(
        "SELECT DISTINCT to_char(date_trunc('month', day), 'YYYY-MM-DD') AS month FROM gen_plan ORDER BY 1",
      )
    ).rows.map((row) => row.month);
    // Each session takes the next year not yet taken and writes its months one by one, so no two
    // sessions add to the same year's rollup rows at once (they would wait for, even deadlock on,
    // each other's row locks). Every visit's randomness is its own index's, so which session writes
    // a month changes nothing in it.
    const years = [...new Set(months.map((month) => month.slice(0, 4)))];
    let visits = 0;
    let next = 0;
    await Promise.all(
      sessions.map(async (client) => {
        try {
          while (next < years.length) {
            const year = years[next++]!;
            for (const month of months.filter((first) => first.startsWith(year))) {
              const written = await generateMonth(client, month, options.seed, now);
              visits += written.visits;
              log(`  ${month}: ${written.visits} visits into ${written.partition}, rolled up`);
            }
          }
        } finally {
          client.release();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await pool.query(
      `ANALYZE centres, service_standards, devices, ${ROLLUP_GRAINS.map(rollupTable).join(', ')}, visits`,
    );
    return { visits, months: months.length, now, centres, services, seconds };
  } finally {
    await pool.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      visits: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      years: { type: 'string', default: '9' },
      'end-day': { type: 'string', default: new Date().toISOString().slice(0, 10) },
      connections: { type: 'string', default: String(DEFAULT_CONNECTIONS) },
      'database-url': { type: 'string', default: process.env.DATABASE_URL },
    },
  });
  const number = (name: 'visits' | 'seed' | 'years' | 'connections') => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name}: "${values[name]}" is not a whole number`);
    return value;
  };
  if (!values['database-url']) throw new Error('--database-url (or DATABASE_URL): the central PostgreSQL to fill');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values['end-day']!))
    throw new Error(`--end-day: "${values['end-day']}" is not YYYY-MM-DD`);
  const network = await generateNetwork(values['database-url'], {
    visits: number('visits'),
    seed: number('seed'),
    years: number('years'),
    endDay: values['end-day']!,
    connections: Math.max(1, number('connections')),
    log: (line) => console.log(line),
  });
  console.log(
    `${network.visits} visits over ${network.months} months, ${network.centres.length} centres and buses, ${network.services.length} services: ` +
      `${network.seconds.toFixed(1)} s`,
  );
}
