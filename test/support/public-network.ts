import pg from 'pg';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { startTestDashboards } from './dashboards';
import { enrolHallServer, ingestAsDevice } from './central-device';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { LANGUAGES, type LocalizedText } from '../../main/contract';
import { throwawayPostgres } from './postgres';
import { localDayIn, outboxOf, seededRandom, visitFacts, type VisitPlan } from './visit-facts';

/*
 * A small network for the public pages' and open data's tests (issue 13): two centres in different
 * time zones, services with and without standards, one service too rare to publish, visits over
 * the month before `now`, the 30 days before it and today (some still waiting), sent through the
 * central's real ingest and folded by its real projector.
 */

export const PUBLIC_CENTRES = [
  { id: 'baku-1', name: 'Baku service centre 1', region: 'absheron', zone: 'Asia/Baku' },
  { id: 'almaty-1', name: 'Almaty service centre 1', region: 'south', zone: 'Asia/Almaty' },
] as const;

/** Visits per centre from the first day of last month to yesterday, and today's called and waiting. */
export const PUBLIC_SERVICES = [
  { id: 'passport', standard: { service: 10, waiting: 15 }, visits: 70, rated: 0.7, todayCalled: 12, todayWaiting: 3 },
  {
    id: 'residence-permit',
    standard: { service: 20, waiting: 25 },
    visits: 40,
    rated: 0.7,
    todayCalled: 4,
    todayWaiting: 2,
  },
  // No standard row: the defaults (15 and 15) apply. Seldom rated: enough offers, too few ratings.
  { id: 'birth-certificate', standard: null, visits: 40, rated: 0.15, todayCalled: 0, todayWaiting: 1 },
  // Too few for any figure to be published, in a month or in 30 days.
  { id: 'apostille', standard: { service: 30, waiting: 20 }, visits: 7, rated: 0.7, todayCalled: 2, todayWaiting: 0 },
] as const;

const nameOf = (id: string): LocalizedText =>
  Object.fromEntries(LANGUAGES.map((lng) => [lng, `${id} (${lng})`])) as LocalizedText;

const DAY_MS = 86_400_000;

export interface PublicNetwork {
  /** The central's database, for SQL the tests write themselves. */
  db: pg.Pool;
  /** One dashboards listener per threshold asked for, in that order, its clock at `now`. */
  servers: RunningDashboards[];
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL with the network seeded, and the central's dashboards listener(s) serving its public pages. */
export async function startPublicNetwork(options: {
  now: Date;
  staticDir: string;
  thresholds: readonly number[];
}): Promise<PublicNetwork> {
  const cluster = await throwawayPostgres();
  const store = new PostgresStore(cluster.url);
  const db = new pg.Pool({ connectionString: cluster.url });
  db.on('error', () => {});
  const servers: RunningDashboards[] = [];
  const stop = async () => {
    for (const server of servers) await server.close();
    await store.close();
    await db.end();
    cluster.remove();
  };
  try {
    await store.migrate();
    await seedPublicNetwork(store, db, options.now);
    for (const threshold of options.thresholds)
      servers.push(
        await startTestDashboards(store, {
          staticDir: options.staticDir,
          now: () => options.now,
          https: false,
          publicThreshold: threshold,
        }),
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return { db, servers, stop };
}

/** The network's visits, ingested and projected. */
export async function seedPublicNetwork(store: PostgresStore, pool: pg.Pool, now: Date): Promise<void> {
  for (const centre of PUBLIC_CENTRES) {
    await pool.query('INSERT INTO centres (centre_id, name, region, time_zone) VALUES ($1, $2, $3, $4)', [
      centre.id,
      centre.name,
      centre.region,
      centre.zone,
    ]);
  }
  for (const service of PUBLIC_SERVICES) {
    if (service.standard)
      await pool.query('INSERT INTO service_standards VALUES ($1, $2, $3)', [
        service.id,
        service.standard.service,
        service.standard.waiting,
      ]);
  }
  // Only the names are read from a release; the newest one is used, so an older one says otherwise.
  await pool.query(`INSERT INTO catalog_releases (version, catalog, released_at) VALUES ('old', $1, $2)`, [
    JSON.stringify({ services: PUBLIC_SERVICES.map((s) => ({ id: s.id, name: nameOf(`old ${s.id}`) })) }),
    new Date(now.getTime() - 40 * DAY_MS),
  ]);
  await pool.query(`INSERT INTO catalog_releases (version, catalog, released_at) VALUES ('new', $1, $2)`, [
    JSON.stringify({ services: PUBLIC_SERVICES.map((s) => ({ id: s.id, name: nameOf(s.id) })) }),
    new Date(now.getTime() - DAY_MS),
  ]);

  const random = seededRandom(1313);
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.round((todayStart - monthStart) / DAY_MS);
  for (const [index, centre] of PUBLIC_CENTRES.entries()) {
    const deviceId = `hall-${centre.id}`;
    await enrolHallServer(store, deviceId, centre.id);
    const plans: VisitPlan[] = [];
    const add = (plan: Omit<VisitPlan, 'ticketId' | 'localDay'>) =>
      plans.push({ ...plan, ticketId: plans.length + 1, localDay: localDayIn(plan.issuedAt, centre.zone) });
    for (const service of PUBLIC_SERVICES) {
      // The second centre has a few more of each, so the centres' figures differ.
      for (let i = 0; i < service.visits + index * 5; i += 1) {
        // Between 05:00 and 11:00 UTC: the centres' working hours, never across their midnight.
        const issuedAt = new Date(
          monthStart + Math.floor(random() * days) * DAY_MS + (5 * 60 + Math.floor(random() * 360)) * 60_000,
        );
        const noShow = random() < 0.1;
        const offered = !noShow && random() < 0.85;
        add({
          issuedAt,
          serviceId: service.id,
          deskId: String(1 + Math.floor(random() * 4)),
          waitSeconds: Math.floor(random() * 40 * 60),
          noShow,
          serviceSeconds: noShow ? undefined : 60 + Math.floor(random() * 30 * 60),
          offered,
          score:
            offered && random() < service.rated ? ((1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5) : undefined,
        });
      }
      // Today: called between 05:00 and 06:30 UTC, waiting since after 07:00 (now is past 08:00).
      for (let i = 0; i < service.todayCalled; i += 1) {
        add({
          issuedAt: new Date(todayStart + (5 * 60 + Math.floor(random() * 90)) * 60_000),
          serviceId: service.id,
          waitSeconds: Math.floor(random() * 30 * 60),
          serviceSeconds: 120 + Math.floor(random() * 600),
        });
      }
      for (let i = 0; i < service.todayWaiting; i += 1) {
        add({ issuedAt: new Date(todayStart + (7 * 60 + Math.floor(random() * 50)) * 60_000), serviceId: service.id });
      }
    }
    await ingestAsDevice(store, deviceId, outboxOf(plans.flatMap(visitFacts)), 200);
  }
  await store.projectPending();
}
