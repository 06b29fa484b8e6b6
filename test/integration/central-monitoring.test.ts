import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayRange, Figures, Scope } from '../../main/central/monitoring/figures';
import {
  ROLLUP_GRAINS,
  rollupColumns,
  rollupKeys,
  rollupSelect,
  type RollupGrain,
} from '../../main/central/monitoring/rollup-sql';
import { readMigrations } from '../../main/central/store/migrations';
import { MonitoringStore } from '../../main/central/store/monitoring-store';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { SyncBatch, type SyncRecord } from '../../main/contract/sync';
import { TIME_BANDS } from '../../main/contract/monitoring';
import { enrolHallServer, ingestAsDevice } from '../support/central-device';
import { throwawayPostgres, postgresMissing } from '../support/postgres';
import {
  localDayIn,
  outboxOf,
  printerStateFact,
  seededRandom,
  visitFacts,
  type VisitPlan,
} from '../support/visit-facts';

/*
 * The monitoring's visits and rollups (issue 13) on a real PostgreSQL: batches as devices send
 * them go through the central's ingest; the figures read from the rollups are checked against SQL
 * written here, independently, over the raw visit rows.
 */

const missing = postgresMissing();

const CENTRES = [
  { id: 'baku-1', region: 'absheron', zone: 'Asia/Baku' },
  { id: 'almaty-1', region: 'south', zone: 'Asia/Almaty' },
] as const;
const STANDARDS = [
  { serviceId: 'passport', service: 10, waiting: 15 },
  { serviceId: 'residence-permit', service: 20, waiting: 25 },
];
// 'birth-certificate' has no standard row: the defaults (15 and 15) apply.
const SERVICES = ['passport', 'residence-permit', 'birth-certificate'];

describe.skipIf(missing)(
  `monitoring's visits and rollups on real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let store: PostgresStore;
    let db: pg.Pool;
    let monitoring: MonitoringStore;

    const prepare = async (url: string) => {
      const pool = new pg.Pool({ connectionString: url });
      pool.on('error', () => {});
      const central = new PostgresStore(url);
      await central.migrate();
      for (const centre of CENTRES) {
        await pool.query('INSERT INTO centres (centre_id, region, time_zone) VALUES ($1, $2, $3)', [
          centre.id,
          centre.region,
          centre.zone,
        ]);
      }
      for (const standard of STANDARDS) {
        await pool.query('INSERT INTO service_standards VALUES ($1, $2, $3)', [
          standard.serviceId,
          standard.service,
          standard.waiting,
        ]);
      }
      return { pool, central };
    };

    beforeAll(async () => {
      cluster = await throwawayPostgres();
      ({ pool: db, central: store } = await prepare(cluster.url));
      monitoring = new MonitoringStore(db);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await db?.end();
      cluster?.remove();
    });

    const enrol = enrolHallServer;

    /** Sends records as the device's sync worker does: checked against the contract, in batches. */
    const ingest = ingestAsDevice;
    /** Sends records, then lets the projector fold them into visits and rollups (as the server's would, soon after). */
    const send = async (central: PostgresStore, deviceId: string, records: SyncRecord[], size = 50) => {
      await ingest(central, deviceId, records, size);
      await central.projectPending();
    };

    const visitRows = async (pool: pg.Pool, deviceId: string) =>
      (
        await pool.query(
          `SELECT ticket_id::int, centre_id, to_char(local_day, 'YYYY-MM-DD') AS local_day, local_hour, service_id, desk_id,
                outcome, waiting_seconds, service_seconds, rating_offered, score, reasons
           FROM visits WHERE device_id = $1 ORDER BY ticket_id`,
          [deviceId],
        )
      ).rows;

    /** Histograms compared without trailing zero buckets (a visit taken back out leaves them). */
    const trimmed = (row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([name, value]) => {
          if (!Array.isArray(value)) return [name, value];
          const copy = [...(value as number[])];
          while (copy.at(-1) === 0) copy.pop();
          return [name, copy];
        }),
      );
    const order = (grain: RollupGrain) => rollupKeys(grain).join(', ');
    /** Every rollup as kept, rows of no ticket left out (a visit moved away leaves its old row at zero). */
    const storedRollups = async (pool: pg.Pool) => {
      const all: Partial<Record<RollupGrain, Array<Record<string, unknown>>>> = {};
      for (const grain of ROLLUP_GRAINS) {
        const { rows } = await pool.query(
          `SELECT ${rollupColumns(grain).join(', ')} FROM visit_rollup_${grain} WHERE tickets <> 0 ORDER BY ${order(grain)}`,
        );
        all[grain] = rows.map(trimmed);
      }
      return all;
    };
    /** Every rollup rebuilt from the visits held, as the generator builds them. */
    const rebuiltRollups = async (pool: pg.Pool) => {
      const all: Partial<Record<RollupGrain, Array<Record<string, unknown>>>> = {};
      for (const grain of ROLLUP_GRAINS) {
        const { rows } = await pool.query(
          `SELECT ${rollupColumns(grain).join(', ')} FROM (${rollupSelect(grain, '(SELECT visits.*, 1 AS sign FROM visits)')}) x ORDER BY ${order(grain)}`,
        );
        all[grain] = rows.map(trimmed);
      }
      return all;
    };

    it('projects a batch into one visit row per ticket, with waiting and service times and the local hour', async () => {
      await enrol(store, 'hall-a', 'baku-1');
      // 05:10 UTC is 09:10 in Baku.
      const issuedAt = new Date('2026-11-20T05:10:00Z');
      const plans: VisitPlan[] = [
        {
          ticketId: 1,
          issuedAt,
          localDay: '2026-11-20',
          serviceId: 'passport',
          deskId: '3',
          waitSeconds: 754,
          serviceSeconds: 610,
          offered: true,
          score: 2,
          reasons: ['waiting-time', 'staff'],
        },
        {
          ticketId: 2,
          issuedAt,
          localDay: '2026-11-20',
          serviceId: 'passport',
          deskId: '4',
          waitSeconds: 60,
          noShow: true,
        },
        { ticketId: 3, issuedAt, localDay: '2026-11-20', serviceId: 'residence-permit' },
      ];
      const records = outboxOf(plans.flatMap(visitFacts));
      await send(store, 'hall-a', records);
      expect(await visitRows(db, 'hall-a')).toEqual([
        {
          ticket_id: 1,
          centre_id: 'baku-1',
          local_day: '2026-11-20',
          local_hour: 9,
          service_id: 'passport',
          desk_id: '3',
          outcome: 'done',
          waiting_seconds: 754,
          service_seconds: 610,
          rating_offered: true,
          score: 2,
          reasons: ['waiting-time', 'staff'],
        },
        {
          ticket_id: 2,
          centre_id: 'baku-1',
          local_day: '2026-11-20',
          local_hour: 9,
          service_id: 'passport',
          desk_id: '4',
          outcome: 'no-show',
          waiting_seconds: 60,
          service_seconds: null,
          rating_offered: false,
          score: null,
          reasons: [],
        },
        {
          ticket_id: 3,
          centre_id: 'baku-1',
          local_day: '2026-11-20',
          local_hour: 9,
          service_id: 'residence-permit',
          desk_id: null,
          outcome: 'waiting',
          waiting_seconds: null,
          service_seconds: null,
          rating_offered: false,
          score: null,
          reasons: [],
        },
      ]);
      const rollups = await storedRollups(db);
      expect(rollups).toEqual(await rebuiltRollups(db));
      expect(rollups.day!.find((row) => row.service_id === 'passport')).toMatchObject({
        tickets: 2,
        no_shows: 1,
        served: 1,
        rated: 1,
        score_2: 1,
        reason_waiting_time: 1,
        reason_staff: 1,
        // Ticket 2 waited a minute, ticket 1 twelve.
        wait_hist: [0, 1, ...Array<number>(10).fill(0), 1],
        service_hist: [...Array<number>(10).fill(0), 1],
      });

      // The same batch again (a lost answer): acknowledged, nothing changes.
      const before = { visits: await visitRows(db, 'hall-a'), rollups };
      const repeat = await store.ingest(
        SyncBatch.parse({ deviceId: 'hall-a', sentAt: new Date().toISOString(), backlog: 0, records }),
        new Date(),
      );
      expect(repeat).toEqual({ kind: 'acknowledged', acknowledgedSeq: records.length, stored: 0 });
      expect(await store.projectPending()).toBe(0);
      expect({ visits: await visitRows(db, 'hall-a'), rollups: await storedRollups(db) }).toEqual(before);
    });

    it("updates a ticket's row from later batches and moves its rollup contribution with it (a transfer changes its service)", async () => {
      await enrol(store, 'hall-b', 'almaty-1');
      const issuedAt = new Date('2026-11-21T04:00:00Z');
      const facts = visitFacts({
        ticketId: 7,
        issuedAt,
        localDay: '2026-11-21',
        serviceId: 'passport',
        deskId: '2',
        waitSeconds: 300,
        serviceSeconds: 400,
        offered: true,
        score: 5,
      });
      const [issued, printed, called, started, ...rest] = facts;
      // Transferred to another service after the start, then called again there and finished.
      const at = (minutes: number) => new Date(issuedAt.getTime() + minutes * 60_000);
      const transfer = [
        {
          at: at(8),
          fact: {
            kind: 'visit-step' as const,
            ticketId: 7,
            step: 'transferred' as const,
            stateAfter: 'waiting' as const,
            deskId: null,
            serviceId: 'residence-permit',
          },
        },
        {
          at: at(20),
          fact: {
            kind: 'visit-step' as const,
            ticketId: 7,
            step: 'called' as const,
            stateAfter: 'called' as const,
            deskId: '5',
            serviceId: 'residence-permit',
          },
        },
        {
          at: at(21),
          fact: {
            kind: 'visit-step' as const,
            ticketId: 7,
            step: 'started' as const,
            stateAfter: 'serving' as const,
            deskId: '5',
            serviceId: 'residence-permit',
          },
        },
        {
          at: at(40),
          fact: {
            kind: 'visit-step' as const,
            ticketId: 7,
            step: 'finished' as const,
            stateAfter: 'done' as const,
            deskId: '5',
            serviceId: 'residence-permit',
          },
        },
      ];
      const records = outboxOf([issued!, printed!, called!, started!, ...transfer]);
      await send(store, 'hall-b', records.slice(0, 2));
      expect((await visitRows(db, 'hall-b'))[0]).toMatchObject({
        outcome: 'waiting',
        service_id: 'passport',
        desk_id: null,
      });
      await send(store, 'hall-b', records.slice(2, 4));
      expect((await visitRows(db, 'hall-b'))[0]).toMatchObject({
        outcome: 'serving',
        service_id: 'passport',
        desk_id: '2',
        waiting_seconds: 300,
      });
      await send(store, 'hall-b', records.slice(4));
      // Waiting runs to the first call; service from the first start to the last finish.
      expect((await visitRows(db, 'hall-b'))[0]).toMatchObject({
        outcome: 'done',
        service_id: 'residence-permit',
        desk_id: '5',
        waiting_seconds: 300,
        service_seconds: 40 * 60 - 330,
      });
      expect(rest.length).toBeGreaterThan(0);
      expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
    });

    it('keeps facts for a ticket not held yet, and folds them into its visit when the ticket arrives', async () => {
      await enrol(store, 'hall-c', 'baku-1');
      const issuedAt = new Date('2026-11-22T06:00:00Z');
      const [issued, printed, ...steps] = visitFacts({
        ticketId: 40,
        issuedAt,
        localDay: '2026-11-22',
        serviceId: 'passport',
        deskId: '1',
        waitSeconds: 120,
        serviceSeconds: 200,
        offered: true,
        score: 4,
      });
      // The device's outbox holds the steps before the ticket (a ticket handed over late, say); each
      // fact keeps its own time, only the order is unusual.
      const ordered: SyncRecord[] = [...steps, issued!, printed!].map((entry, index) => ({
        seq: index + 1,
        at: entry.at.toISOString(),
        fact: entry.fact,
      }));
      await send(store, 'hall-c', ordered.slice(0, steps.length));
      expect(await visitRows(db, 'hall-c')).toEqual([]);
      const orphan = await db.query('SELECT ticket_id::int, centre_id FROM visit_orphans WHERE device_id = $1', [
        'hall-c',
      ]);
      expect(orphan.rows).toEqual([{ ticket_id: 40, centre_id: 'baku-1' }]);
      await send(store, 'hall-c', ordered.slice(steps.length));
      expect(await visitRows(db, 'hall-c')).toMatchObject([
        {
          ticket_id: 40,
          outcome: 'done',
          waiting_seconds: 120,
          service_seconds: 200,
          rating_offered: true,
          score: 4,
          desk_id: '1',
        },
      ]);
      expect((await db.query('SELECT 1 FROM visit_orphans WHERE device_id = $1', ['hall-c'])).rowCount).toBe(0);
      expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
    });

    it('creates the partition of a month not seen before, and the visit lands in it', async () => {
      await enrol(store, 'bus-far', 'almaty-1');
      const before = await db.query("SELECT to_regclass('visits_2031_05') IS NULL AS missing");
      expect(before.rows[0]).toEqual({ missing: true });
      const records = outboxOf(
        visitFacts({
          ticketId: 1,
          issuedAt: new Date('2031-05-10T05:00:00Z'),
          localDay: '2031-05-10',
          serviceId: 'passport',
          waitSeconds: 30,
          serviceSeconds: 60,
        }),
      );
      await send(store, 'bus-far', records);
      const { rows } = await db.query(
        "SELECT tableoid::regclass::text AS partition FROM visits WHERE device_id = 'bus-far'",
      );
      expect(rows).toEqual([{ partition: 'visits_2031_05' }]);
    });

    it('ends in the same visits and rollups whatever order the devices’ batches arrive in', async () => {
      const random = seededRandom(7);
      const outboxes = new Map<string, SyncRecord[]>();
      for (const [deviceId, centre] of [
        ['order-x', CENTRES[0]],
        ['order-y', CENTRES[1]],
      ] as const) {
        const plans = Array.from({ length: 40 }, (_, i) =>
          planned(random, i + 1, centre.zone, '2026-10-30T03:00:00Z', 4),
        );
        outboxes.set(deviceId, outboxOf(plans.flatMap(visitFacts)));
      }
      const other = `monitoring_order_${Date.now()}`;
      await db.query(`CREATE DATABASE ${other}`);
      const otherUrl = cluster.url.replace(/\/postgres$/, `/${other}`);
      const second = await prepare(otherUrl);
      try {
        for (const central of [store, second.central]) {
          await enrol(central, 'order-x', 'baku-1');
          await enrol(central, 'order-y', 'almaty-1');
        }
        const x = outboxes.get('order-x')!;
        const y = outboxes.get('order-y')!;
        const batches = (records: SyncRecord[]) => [records.slice(0, 60), records.slice(60, 150), records.slice(150)];
        const [x1, x2, x3] = batches(x);
        const [y1, y2, y3] = batches(y);
        // Interleaved one way here, the other way there.
        for (const [deviceId, part] of [
          ['order-x', x1],
          ['order-y', y1],
          ['order-x', x2],
          ['order-y', y2],
          ['order-x', x3],
          ['order-y', y3],
        ] as const) {
          await send(store, deviceId, part!, 1000);
        }
        for (const [deviceId, part] of [
          ['order-y', y1],
          ['order-y', y2],
          ['order-y', y3],
          ['order-x', x1],
          ['order-x', x2],
          ['order-x', x3],
        ] as const) {
          await send(second.central, deviceId, part!, 1000);
        }
        for (const deviceId of ['order-x', 'order-y']) {
          expect(await visitRows(second.pool, deviceId)).toEqual(await visitRows(db, deviceId));
        }
        expect(await storedRollups(second.pool)).toEqual(await rebuiltRollups(second.pool));
        expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
      } finally {
        await second.central.close();
        await second.pool.end();
      }
    });

    describe('the projector: visits and rollups folded from the records after ingest', () => {
      const cursorOf = async (deviceId: string) =>
        (
          await db.query<{ projected: number; held: number }>(
            `SELECT COALESCE(p.projected_seq, 0)::int AS projected, d.held_seq::int AS held
               FROM devices d LEFT JOIN visit_projection p USING (device_id) WHERE d.device_id = $1`,
            [deviceId],
          )
        ).rows[0]!;
      const outboxFor = (seed: number, visits: number) => {
        const random = seededRandom(seed);
        return outboxOf(
          Array.from({ length: visits }, (_, i) =>
            planned(random, i + 1, 'Asia/Baku', '2026-08-10T03:00:00Z', 6),
          ).flatMap(visitFacts),
        );
      };

      it('stores the records only at ingest; the projector folds them once, and again finds nothing', async () => {
        await enrol(store, 'proj-a', 'baku-1');
        const records = outboxFor(11, 60);
        await ingest(store, 'proj-a', records);
        expect(await visitRows(db, 'proj-a')).toEqual([]);
        expect(await cursorOf('proj-a')).toEqual({ projected: 0, held: records.length });

        expect(await store.projectPending()).toBe(records.length);
        expect(await visitRows(db, 'proj-a')).toHaveLength(60);
        expect(await cursorOf('proj-a')).toEqual({ projected: records.length, held: records.length });
        expect(await store.projectPending()).toBe(0);
        expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
      });

      it('projects each record once when a projector fails or is closed mid-way and another runs after it', async () => {
        const records = outboxFor(12, 80);
        await enrol(store, 'proj-solo', 'baku-1');
        await send(store, 'proj-solo', records);
        const expected = await visitRows(db, 'proj-solo');

        await enrol(store, 'proj-b', 'baku-1');
        await ingest(store, 'proj-b', records);
        // A batch that fails after writing its visits and rollups (as a process killed before its
        // commit): nothing of it stays, the cursor included.
        const failAt = Math.floor(records.length / 3);
        await db.query(
          `ALTER TABLE visit_projection ADD CONSTRAINT test_fail_mid_way CHECK (device_id <> 'proj-b' OR projected_seq <= ${failAt})`,
        );
        const small = new PostgresStore(cluster.url, { projector: { batchRecords: 25 } });
        try {
          await expect(small.projectPending()).rejects.toThrow(/test_fail_mid_way/);
          const afterFailure = await cursorOf('proj-b');
          expect(afterFailure.projected).toBeGreaterThan(0);
          expect(afterFailure.projected).toBeLessThanOrEqual(failAt);
          expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
        } finally {
          await db.query('ALTER TABLE visit_projection DROP CONSTRAINT test_fail_mid_way');
          await small.close();
        }

        // Closed while it works: it stops after the batch under way, the cursor where it committed.
        const stopped = new PostgresStore(cluster.url, { projector: { batchRecords: 5 } });
        const before = (await cursorOf('proj-b')).projected;
        const running = stopped.projectPending();
        while ((await cursorOf('proj-b')).projected === before) await new Promise((resolve) => setTimeout(resolve, 2));
        await stopped.close();
        const foldedBeforeClose = await running;
        const afterClose = await cursorOf('proj-b');
        expect(afterClose.projected).toBe(before + foldedBeforeClose);
        expect(afterClose.projected).toBeLessThan(records.length);

        // Run again: the rest, each record once.
        expect(await store.projectPending()).toBe(records.length - afterClose.projected);
        expect(await cursorOf('proj-b')).toEqual({ projected: records.length, held: records.length });
        expect(await visitRows(db, 'proj-b')).toEqual(expected);
        expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
      });

      it('gives the same visits and rollups when two central processes project at once as when one does', async () => {
        const devices = ['proj-two-1', 'proj-two-2', 'proj-two-3'];
        const outboxes = devices.map((_, index) => outboxFor(20 + index, 50));
        // Each device's twin (same records, same centre) projected by one projector, first.
        for (const [index, deviceId] of devices.entries()) {
          await enrol(store, `${deviceId}-solo`, 'baku-1');
          await send(store, `${deviceId}-solo`, outboxes[index]!);
        }
        for (const [index, deviceId] of devices.entries()) {
          await enrol(store, deviceId, 'baku-1');
          await ingest(store, deviceId, outboxes[index]!);
        }
        const pending = outboxes.reduce((sum, outbox) => sum + outbox.length, 0);
        const two = [
          new PostgresStore(cluster.url, { projector: { batchRecords: 20 } }),
          new PostgresStore(cluster.url, { projector: { batchRecords: 20 } }),
        ];
        try {
          const folded = await Promise.all(two.map((central) => central.projectPending()));
          // Every record folded by exactly one of them.
          expect(folded[0]! + folded[1]!).toBe(pending);
        } finally {
          await Promise.all(two.map((central) => central.close()));
        }
        for (const [index, deviceId] of devices.entries()) {
          expect(await cursorOf(deviceId)).toEqual({
            projected: outboxes[index]!.length,
            held: outboxes[index]!.length,
          });
          expect(await visitRows(db, deviceId)).toEqual(await visitRows(db, `${deviceId}-solo`));
        }
        expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
      });

      it("moves a centre's rows between the region rollups when it is described, moved (while a projector folds its visits) or removed", async () => {
        const range = { from: '2026-08-01', to: '2026-08-31' };
        const regionTickets = async (region: string) =>
          (
            await db.query<{ tickets: number }>(
              "SELECT COALESCE(sum(tickets), 0)::int AS tickets FROM visit_rollup_region_month WHERE region = $1 AND month = '2026-08-01'",
              [region],
            )
          ).rows[0]!.tickets;
        const expectRegionRead = async (region: string) => {
          expect(await storedRollups(db)).toEqual(await rebuiltRollups(db));
          // The region's figures (read from its own rollups) equal those of its centres' visit rows.
          expect(await monitoring.figures({ region }, range)).toEqual(
            await monitoring.figures({ region }, range, 'visits'),
          );
        };
        const unassignedBefore = await regionTickets('unassigned');

        // Visits of a centre nobody has described yet count in 'unassigned'.
        await enrol(store, 'region-move', 'oguz-1');
        await send(store, 'region-move', outboxFor(40, 30));
        expect(await regionTickets('unassigned')).toBe(unassignedBefore + 30);
        await expectRegionRead('unassigned');

        // Described: its rows go to its region.
        await db.query("INSERT INTO centres (centre_id, region) VALUES ('oguz-1', 'shaki')");
        expect(await regionTickets('unassigned')).toBe(unassignedBefore);
        expect(await regionTickets('shaki')).toBe(30);
        await expectRegionRead('shaki');

        // Moved while a projector folds more of its visits (its second device's): every visit ends
        // in the new region once.
        await enrol(store, 'region-move-2', 'oguz-1');
        await ingest(store, 'region-move-2', outboxFor(41, 40));
        const projecting = new PostgresStore(cluster.url, { projector: { batchRecords: 10 } });
        try {
          const [folded] = await Promise.all([
            projecting.projectPending(),
            new Promise((resolve) => setTimeout(resolve, 15)).then(() =>
              db.query("UPDATE centres SET region = 'ganja' WHERE centre_id = 'oguz-1'"),
            ),
          ]);
          expect(folded).toBeGreaterThan(0);
        } finally {
          await projecting.close();
        }
        expect(await regionTickets('shaki')).toBe(0);
        expect(await regionTickets('ganja')).toBe(70);
        await expectRegionRead('ganja');

        // Under a snapshot kept for the whole transaction the move could miss visits committed
        // meanwhile: refused, and nothing moves.
        const client = await db.connect();
        try {
          await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
          await expect(client.query("UPDATE centres SET region = 'shaki' WHERE centre_id = 'oguz-1'")).rejects.toThrow(
            /region is changed under READ COMMITTED only/,
          );
          await client.query('ROLLBACK');
        } finally {
          client.release();
        }
        expect(await regionTickets('ganja')).toBe(70);

        // No longer described: back to 'unassigned'.
        await db.query("DELETE FROM centres WHERE centre_id = 'oguz-1'");
        expect(await regionTickets('ganja')).toBe(0);
        expect(await regionTickets('unassigned')).toBe(unassignedBefore + 70);
        await expectRegionRead('unassigned');
      });

      // Each migration that adds rollups fills them on a database already holding visits: run again
      // on its tables emptied, its fill (from `from` in the file to its end) gives back the rows the
      // projector kept, which equal the rollups rebuilt from the visits.
      it.each([
        {
          name: 'the region rollups from the centres’ ones',
          file: '010-rollup-regions.sql',
          from: 'DO $$',
          tables: ['visit_rollup_region_day', 'visit_rollup_region_month', 'visit_rollup_region_year'],
        },
        {
          name: 'the desk rollups from the visits',
          file: '012-rollup-desks.sql',
          from: 'INSERT INTO visit_rollup_desk_month',
          tables: ['visit_rollup_desk_month', 'visit_rollup_desk_year'],
        },
      ])('fills $name as migration $file does', async ({ file, from, tables }) => {
        const migration = readMigrations().find((m) => m.name === file)!;
        const fill = migration.sql.slice(migration.sql.indexOf(from));
        expect(fill.startsWith(from)).toBe(true);
        const rows = async () =>
          (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${tables.at(-1)} WHERE tickets <> 0`)).rows[0]!
            .n;
        const before = await storedRollups(db);
        expect(await rows()).toBeGreaterThan(0);
        await db.query(`TRUNCATE ${tables.join(', ')}`);
        expect(await rows()).toBe(0);
        await db.query(fill);
        expect(await storedRollups(db)).toEqual(before);
        expect(before).toEqual(await rebuiltRollups(db));
      });

      it('runs in the background once started: woken by an ingest, stopped by close', async () => {
        const background = new PostgresStore(cluster.url, { projector: { pollMs: 60_000 } });
        try {
          await enrol(background, 'proj-bg', 'almaty-1');
          background.startProjector();
          const records = outboxFor(30, 10);
          await ingest(background, 'proj-bg', records);
          const deadline = Date.now() + 10_000;
          while ((await cursorOf('proj-bg')).projected < records.length && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          expect(await cursorOf('proj-bg')).toEqual({ projected: records.length, held: records.length });
          expect(await visitRows(db, 'proj-bg')).toHaveLength(10);
        } finally {
          await background.close();
        }
      });
    });

    describe('figures from the rollups equal SQL written here over the raw visits', () => {
      beforeAll(async () => {
        const random = seededRandom(2026);
        for (const [index, centre] of CENTRES.entries()) {
          const deviceId = `figures-${centre.id}`;
          await enrol(store, deviceId, centre.id);
          const plans = Array.from({ length: 700 }, (_, i) =>
            planned(random, i + 1, centre.zone, '2026-09-20T03:00:00Z', 75, index),
          );
          await send(store, deviceId, outboxOf(plans.flatMap(visitFacts)), 500);
        }
        // Long waits and services, past the minutes the rollup query sums positionally (64) and
        // past the histograms' cap (600), in months and days both.
        await enrol(store, 'figures-long', 'baku-1');
        const long = [65, 64, 130, 599, 600, 700, 2000].map((minutes, i): VisitPlan => ({
          ticketId: i + 1,
          issuedAt: new Date(Date.parse('2026-10-05T04:00:00Z') + i * 9 * 86_400_000),
          localDay: localDayIn(new Date(Date.parse('2026-10-05T04:00:00Z') + i * 9 * 86_400_000), 'Asia/Baku'),
          serviceId: SERVICES[i % SERVICES.length]!,
          deskId: '1',
          waitSeconds: minutes * 60 + 5,
          serviceSeconds: (minutes + 3) * 60,
        }));
        await send(store, 'figures-long', outboxOf(long.flatMap(visitFacts)));
      }, 60_000);

      const cases: Array<[string, Scope, DayRange]> = [
        ['the network over everything', {}, { from: '2026-01-01', to: '2031-12-31' }],
        ['the network across two whole months and part of two more', {}, { from: '2026-09-25', to: '2026-12-02' }],
        ['a region over a month', { region: 'south' }, { from: '2026-10-01', to: '2026-10-31' }],
        ['a centre over 11 days', { centreId: 'baku-1' }, { from: '2026-10-27', to: '2026-11-06' }],
        // Whole years from the year rollup, the months and days either side from the others.
        [
          'a region over a whole year and parts of years either side',
          { region: 'south' },
          { from: '2025-09-14', to: '2027-02-03' },
        ],
        ['the network over a whole year and the days before it', {}, { from: '2025-12-20', to: '2026-12-31' }],
        // Days that are most of their month: the month's row less its other days.
        ['a centre over most of three months', { centreId: 'baku-1' }, { from: '2026-09-03', to: '2026-11-28' }],
        ['the network over most of one month', {}, { from: '2026-11-02', to: '2026-11-29' }],
        [
          'a service in a centre over two months',
          { centreId: 'almaty-1', serviceId: 'residence-permit' },
          { from: '2026-10-01', to: '2026-11-30' },
        ],
        [
          'a service without a standard row',
          { centreId: 'baku-1', serviceId: 'birth-certificate' },
          { from: '2026-09-01', to: '2026-12-31' },
        ],
        [
          'a desk over six weeks',
          { centreId: 'baku-1', serviceId: 'passport', deskId: '2' },
          { from: '2026-10-10', to: '2026-11-20' },
        ],
      ];

      it.each(cases)('%s', async (_, scope, range) => {
        const fromRollups = await monitoring.figures(scope, range, 'rollups');
        const fromVisits = await monitoring.figures(scope, range, 'visits');
        const independent = await figuresBySql(db, scope, range);
        expect(fromRollups.tickets).toBeGreaterThan(0);
        expect(fromRollups).toEqual(fromVisits);
        expect(comparable(fromRollups)).toEqual(comparable(independent));
      });

      it('reads a changed standard back over periods already kept', async () => {
        const range = { from: '2026-09-01', to: '2026-12-31' };
        const before = await monitoring.figures({}, range);
        await db.query("UPDATE service_standards SET service_minutes = 3 WHERE service_id = 'passport'");
        try {
          const after = await monitoring.figures({}, range);
          expect(after.service.withinStandard).toBeLessThan(before.service.withinStandard);
          expect(comparable(after)).toEqual(comparable(await figuresBySql(db, {}, range)));
        } finally {
          await db.query("UPDATE service_standards SET service_minutes = 10 WHERE service_id = 'passport'");
        }
      });

      it('compares a period with the same number of days before it', async () => {
        const comparison = await monitoring.compare({ centreId: 'almaty-1' }, { from: '2026-11-01', to: '2026-11-30' });
        expect(comparison.previousRange).toEqual({ from: '2026-10-02', to: '2026-10-31' });
        expect(comparable(comparison.previous)).toEqual(
          comparable(await figuresBySql(db, { centreId: 'almaty-1' }, comparison.previousRange)),
        );
      });
    });

    it('shows live: visits in progress against their standard, queues over the waiting standard, printers with problems', async () => {
      await enrol(store, 'live-1', 'almaty-1');
      const now = new Date('2027-03-03T07:00:00Z'); // 12:00 in Almaty, a day no other test uses
      const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
      const day = localDayIn(now, 'Asia/Almaty');
      const plans: VisitPlan[] = [
        { ticketId: 1, issuedAt: ago(40), localDay: day, serviceId: 'passport', deskId: '1', waitSeconds: 60 }, // serving 38.5 min > 10
        { ticketId: 2, issuedAt: ago(10), localDay: day, serviceId: 'passport', deskId: '2', waitSeconds: 60 }, // serving 8.5 min < 10
        { ticketId: 3, issuedAt: ago(30), localDay: day, serviceId: 'residence-permit' }, // waiting 30 > 25
        { ticketId: 4, issuedAt: ago(5), localDay: day, serviceId: 'residence-permit' },
        { ticketId: 5, issuedAt: ago(3), localDay: day, serviceId: 'passport' }, // waiting 3 < 15
        {
          ticketId: 6,
          issuedAt: ago(50),
          localDay: day,
          serviceId: 'passport',
          deskId: '3',
          waitSeconds: 60,
          serviceSeconds: 300,
        },
      ];
      const records = outboxOf(plans.flatMap(visitFacts));
      records.push({
        seq: records.length + 1,
        at: ago(1).toISOString(),
        fact: printerStateFact('out'),
      });
      await send(store, 'live-1', records);
      const live = await monitoring.live('almaty-1', now);
      expect(live.inProgress.map((desk) => [desk.deskId, desk.elapsedSeconds, desk.overStandard])).toEqual([
        ['1', 38.5 * 60, true],
        ['2', 8.5 * 60, false],
      ]);
      expect(live.desksOverStandard.map((desk) => desk.deskId)).toEqual(['1']);
      expect(
        live.queues.map((queue) => [queue.serviceId, queue.waiting, queue.longestWaitSeconds, queue.overStandard]),
      ).toEqual([
        ['residence-permit', 2, 30 * 60, true],
        ['passport', 1, 3 * 60, false],
      ]);
      expect(live.queuesOverStandard.map((queue) => queue.serviceId)).toEqual(['residence-permit']);
      expect(live.printerProblems).toEqual([
        { deviceId: 'live-1', centreId: 'almaty-1', problems: ['paper-out'], reportedAt: ago(1).toISOString() },
      ]);
      // The plan reads only the open visits' index of the days around now.
      const plan = await db.query(
        `EXPLAIN (FORMAT JSON) SELECT * FROM visits WHERE outcome IN ('waiting', 'called', 'serving') AND centre_id = 'almaty-1' AND local_day BETWEEN '2027-03-02' AND '2027-03-04'`,
      );
      const text = JSON.stringify(plan.rows[0]);
      expect(text).toContain('visits_2027_03');
      expect(text).not.toContain('visits_2027_02');
    });
  },
);

/** A visit with random times: mostly served, some no-shows, some still waiting, ratings of every kind. */
function planned(
  random: () => number,
  ticketId: number,
  zone: string,
  start: string,
  days: number,
  salt = 0,
): VisitPlan {
  const issuedAt = new Date(Date.parse(start) + Math.floor(random() * days * 86_400) * 1000);
  const roll = random();
  const score = (1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5;
  return {
    ticketId,
    issuedAt,
    localDay: localDayIn(issuedAt, zone),
    serviceId: SERVICES[(ticketId + salt) % SERVICES.length]!,
    deskId: String(1 + Math.floor(random() * 3)),
    ...(roll < 0.05 ? {} : { waitSeconds: Math.floor(random() * 3000) }),
    noShow: roll >= 0.05 && roll < 0.12,
    serviceSeconds: Math.floor(random() * 2400),
    offered: random() < 0.8,
    ...(random() < 0.6
      ? {
          score,
          reasons:
            score <= 2 ? (['waiting-time', 'staff', 'result', 'premises'] as const).filter(() => random() < 0.5) : [],
        }
      : {}),
  };
}

/** Floats compared to 9 places: the two computations add in different orders. */
function comparable(figures: Figures) {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 1e9) / 1e9);
  return {
    ...figures,
    waiting: {
      ...figures.waiting,
      withinShare: round(figures.waiting.withinShare),
      meanExcessMinutes: round(figures.waiting.meanExcessMinutes),
    },
    service: {
      ...figures.service,
      withinShare: round(figures.service.withinShare),
      meanExcessMinutes: round(figures.service.meanExcessMinutes),
    },
    satisfaction: {
      ...figures.satisfaction,
      responseRate: round(figures.satisfaction.responseRate),
      average: round(figures.satisfaction.average),
    },
  };
}

/**
 * The figures by plain SQL over raw visits, written without the module's queries: times from the
 * timestamps, percentile_disc over floor(seconds / 60), local hours from issued_at in the centre's zone.
 */
async function figuresBySql(db: pg.Pool, scope: Scope, range: DayRange): Promise<Figures> {
  // Visits per band of whole minutes: [0, 5), [5, 10), … [45, 60), 60 and over.
  const bands = (minutes: string) =>
    `ARRAY[${TIME_BANDS.map((first, i) => {
      const next = TIME_BANDS[i + 1];
      return `count(*) FILTER (WHERE ${minutes} >= ${first}${next === undefined ? '' : ` AND ${minutes} < ${next}`})::int`;
    }).join(', ')}]`;
  const where = ['v.local_day BETWEEN $1 AND $2'];
  const values: unknown[] = [range.from, range.to];
  // A centre not described in centres is in the region 'unassigned' (the table's default).
  if (scope.region) where.push(`COALESCE(c.region, 'unassigned') = $${values.push(scope.region)}`);
  if (scope.centreId) where.push(`v.centre_id = $${values.push(scope.centreId)}`);
  if (scope.serviceId)
    where.push(`COALESCE(v.outcome_service_id, v.issued_service_id) = $${values.push(scope.serviceId)}`);
  if (scope.deskId) where.push(`v.desk_id = $${values.push(scope.deskId)}`);
  const base = `FROM (
      SELECT v.*, COALESCE(c.time_zone, network_time_zone()) AS time_zone,
        CASE WHEN v.called_at IS NOT NULL THEN LEAST(600, floor(GREATEST(0, extract(epoch FROM v.called_at - v.issued_at)) / 60)) END AS w,
        CASE WHEN v.outcome = 'done' THEN LEAST(600, floor(GREATEST(0, extract(epoch FROM v.finished_at - v.started_at)) / 60)) END AS s,
        COALESCE(st.waiting_minutes, 15) AS ws, COALESCE(st.service_minutes, 15) AS ss
      FROM visits v LEFT JOIN centres c USING (centre_id)
      LEFT JOIN service_standards st ON st.service_id = COALESCE(v.outcome_service_id, v.issued_service_id)
      WHERE ${where.join(' AND ')}) x`;
  const { rows } = await db.query(
    `SELECT count(*)::int AS tickets, count(*) FILTER (WHERE outcome = 'done')::int AS served,
            count(*) FILTER (WHERE outcome = 'no-show')::int AS no_shows,
            count(w)::int AS w_n, percentile_disc(0.5) WITHIN GROUP (ORDER BY w)::int AS w_med, percentile_disc(0.9) WITHIN GROUP (ORDER BY w)::int AS w_p90,
            count(*) FILTER (WHERE w < ws)::int AS w_in, avg(w - ws) FILTER (WHERE w >= ws)::float8 AS w_ex,
            count(s)::int AS s_n, percentile_disc(0.5) WITHIN GROUP (ORDER BY s)::int AS s_med, percentile_disc(0.9) WITHIN GROUP (ORDER BY s)::int AS s_p90,
            count(*) FILTER (WHERE s < ss)::int AS s_in, avg(s - ss) FILTER (WHERE s >= ss)::float8 AS s_ex,
            ${bands('w')} AS w_bands, ${bands('s')} AS s_bands,
            count(*) FILTER (WHERE rating_offered)::int AS offered, count(score)::int AS rated, avg(score)::float8 AS average,
            ${[1, 2, 3, 4, 5].map((n) => `count(*) FILTER (WHERE score = ${n})::int AS f${n}`).join(', ')},
            ${['waiting-time', 'staff', 'result', 'premises'].map((reason, i) => `count(*) FILTER (WHERE '${reason}' = ANY (reasons))::int AS r${i}`).join(', ')}
       ${base}`,
    values,
  );
  const hours = await db.query(
    `SELECT extract(isodow FROM local_day)::int AS dow, extract(hour FROM issued_at AT TIME ZONE time_zone)::int AS hour, count(*)::int AS n
       ${base} GROUP BY 1, 2`,
    values,
  );
  const r = rows[0];
  const busiestHours = Array.from({ length: 168 }, () => 0);
  for (const row of hours.rows) busiestHours[(row.dow - 1) * 24 + row.hour] = row.n;
  const time = (
    n: number,
    med: number | null,
    p90: number | null,
    within: number,
    excess: number | null,
    bands: number[],
  ) => ({
    measured: n,
    medianMinutes: med,
    p90Minutes: p90,
    withinStandard: within,
    withinShare: n === 0 ? null : within / n,
    overStandard: n - within,
    meanExcessMinutes: excess,
    bands,
  });
  return {
    tickets: r.tickets,
    served: r.served,
    noShows: r.no_shows,
    waiting: time(r.w_n, r.w_med, r.w_p90, r.w_in, r.w_ex, r.w_bands),
    service: time(r.s_n, r.s_med, r.s_p90, r.s_in, r.s_ex, r.s_bands),
    satisfaction: {
      offered: r.offered,
      rated: r.rated,
      responseRate: r.offered === 0 ? null : r.rated / r.offered,
      average: r.average,
      faces: [r.f1, r.f2, r.f3, r.f4, r.f5],
      reasons: { 'waiting-time': r.r0, staff: r.r1, result: r.r2, premises: r.r3 },
    },
    busiestHours,
  };
}
