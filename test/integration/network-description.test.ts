import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { enrolHallServer, ingestAsDevice } from '../support/central-device';
import { centralCommand, type CentralEnv } from '../support/central-process';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { outboxOf, seededRandom, visitFacts, type VisitPlan } from '../support/visit-facts';

/*
 * A technician describes the network the dashboards read (issue 13): a centre's name, region, kind
 * and time zone, and a service's standards, with the central's own commands; a centre moved to
 * another region takes the days already kept with it, and a bad value is refused naming its field
 * with nothing changed.
 */

const missing = postgresMissing();
const RANGE = { from: '2026-08-01', to: '2026-08-31' };

describe.skipIf(missing)(
  `describing centres and standards with npm run central${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let store: PostgresStore;
    let db: pg.Pool;
    let env: CentralEnv;
    let dataDir: string;
    const central = (...args: string[]) => centralCommand(env, args);

    beforeAll(async () => {
      cluster = await throwawayPostgres();
      store = new PostgresStore(cluster.url);
      await store.migrate();
      db = new pg.Pool({ connectionString: cluster.url });
      dataDir = mkdtempSync(join(tmpdir(), 'central-describe-'));
      env = { DATABASE_URL: cluster.url, CENTRAL_DATA_DIR: dataDir, CENTRAL_PORT: '0' };
      // Thirty visits of a centre nobody has described yet, through ingest and the projector.
      const random = seededRandom(7);
      const plans: VisitPlan[] = Array.from({ length: 30 }, (_, i) => ({
        ticketId: i + 1,
        serviceId: i % 2 === 0 ? 'passport' : 'residence-permit',
        issuedAt: new Date(Date.parse('2026-08-10T05:00:00Z') + i * 600_000),
        localDay: '2026-08-10',
        waitSeconds: 300 + Math.floor(random() * 1200),
        serviceSeconds: 240 + Math.floor(random() * 960),
        deskId: '1',
        offered: true,
        score: 4,
      }));
      await enrolHallServer(store, 'hall-shaki', 'shaki-1');
      await ingestAsDevice(store, 'hall-shaki', outboxOf(plans.flatMap(visitFacts)));
      await store.projectPending();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await db?.end();
      cluster?.remove();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    const ticketsIn = async (region: string) => (await store.monitoring.figures({ region }, RANGE)).tickets;

    it('describes a centre: its days already kept move to its region, and the dashboards show it by its name', async () => {
      expect(await ticketsIn('unassigned')).toBe(30);

      const described = central('describe-centre', '--centre', 'shaki-1', '--name', 'Shaki ASAN', '--region', 'shaki');
      expect(described.status, described.output).toBe(0);
      expect(described.output).toContain('shaki-1: Shaki ASAN, a centre in shaki, on Asia/Baku.');
      expect(await ticketsIn('unassigned')).toBe(0);
      expect(await ticketsIn('shaki')).toBe(30);
      const map = await store.monitoring.networkMap(null);
      expect(map.regions.find((region) => region.region === 'shaki')?.centres).toEqual([
        expect.objectContaining({ centreId: 'shaki-1', name: 'Shaki ASAN' }),
      ]);

      // Only the region changes: the name and the rest are kept.
      const moved = central('describe-centre', '--centre', 'shaki-1', '--region', 'north');
      expect(moved.status, moved.output).toBe(0);
      expect(moved.output).toContain('shaki-1: Shaki ASAN, a centre in north, on Asia/Baku.');
      expect(await ticketsIn('shaki')).toBe(0);
      expect(await ticketsIn('north')).toBe(30);
      expect(await store.monitoring.figures({ region: 'north' }, RANGE)).toEqual(
        await store.monitoring.figures({ region: 'north' }, RANGE, 'visits'),
      );
    }, 60_000);

    it('refuses a bad description naming the field, and changes nothing', async () => {
      const zone = central('describe-centre', '--centre', 'shaki-1', '--time-zone', 'Asia/Nowhere', '--region', 'west');
      expect(zone.status).toBe(2);
      expect(zone.output).toContain('timeZone: "Asia/Nowhere" is not a time zone');
      const kind = central('describe-centre', '--centre', 'shaki-1', '--kind', 'boat');
      expect(kind.status).toBe(2);
      expect(kind.output).toMatch(/refused: kind: /);
      const noCentre = central('describe-centre', '--region', 'west');
      expect(noCentre.status).toBe(2);
      expect(noCentre.output).toMatch(/refused: centreId: /);
      const { rows } = await db.query("SELECT name, region, kind, time_zone FROM centres WHERE centre_id = 'shaki-1'");
      expect(rows).toEqual([{ name: 'Shaki ASAN', region: 'north', kind: 'centre', time_zone: 'Asia/Baku' }]);
      expect(await ticketsIn('north')).toBe(30);
    }, 60_000);

    it("sets a service's standards, read at once over the days already kept, and clears them back to the defaults", async () => {
      const scope = { centreId: 'shaki-1', serviceId: 'passport' };
      const before = await store.monitoring.figures(scope, RANGE);
      expect(before.service.measured).toBe(15);

      const set = central('standard', '--service', 'passport', '--service-minutes', '5', '--waiting-minutes', '10');
      expect(set.status, set.output).toBe(0);
      expect(set.output).toContain('passport: served within 5 minutes, called within 10.');
      const strict = await store.monitoring.figures(scope, RANGE);
      const sql = await db.query<{ within: number; waited: number }>(
        `SELECT count(*) FILTER (WHERE service_seconds / 60 < 5)::int AS within,
                count(*) FILTER (WHERE waiting_seconds / 60 < 10)::int AS waited
           FROM visits WHERE centre_id = 'shaki-1' AND service_id = 'passport'`,
      );
      expect(strict.service.withinStandard).toBe(sql.rows[0]!.within);
      expect(strict.waiting.withinStandard).toBe(sql.rows[0]!.waited);
      expect(strict.service.withinStandard).toBeLessThan(before.service.withinStandard);

      const bad = central('standard', '--service', 'passport', '--service-minutes', 'ten');
      expect(bad.status).toBe(2);
      expect(bad.output).toMatch(/refused: serviceMinutes: /);
      expect(await store.monitoring.figures(scope, RANGE)).toEqual(strict);

      const cleared = central('standard', '--service', 'passport', '--clear');
      expect(cleared.status, cleared.output).toBe(0);
      expect(await store.monitoring.figures(scope, RANGE)).toEqual(before);
    }, 60_000);
  },
);
