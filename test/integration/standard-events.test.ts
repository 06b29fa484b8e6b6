import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboards } from '../../main/central/http/dashboard-server';
import { addStaffAccount, askDashboards, signInToDashboards, startTestDashboards } from '../support/dashboards';
import type { StaffAccount } from '../../main/central/staff/staff-store';
import { PostgresStore } from '../../main/central/store/postgres-store';
import { DailyDigest, EventsAnswer, LiveView } from '../../main/contract/monitoring';
import { SyncBatch, type SyncRecord } from '../../main/contract/sync';
import { centralCommand } from '../support/central-process';
import { enrolHallServer } from '../support/central-device';
import { postgresMissing, throwawayPostgres } from '../support/postgres';
import { outboxOf, visitFacts, type VisitPlan } from '../support/visit-facts';

/*
 * Operator control (issue 13) on a real PostgreSQL: visits go through the central's real ingest and
 * projector; an event is kept when a visit passes its standard (folded over standard, or still open
 * past it by the projector's clock, which the test sets), once per visit and kind however often
 * records are sent or folded and however many projectors race; the dashboards' live, events and
 * digest routes answer over real HTTPS to a signed-in account, within its centres only; and the
 * digest command prints the same digest.
 */

const missing = postgresMissing();
const PASSWORD = 'pale blue river stones';

/** The projector's and the dashboards' clock: 12:00 in Baku on DAY. */
const CLOCK = new Date('2026-12-03T08:00:00Z');
const DAY = '2026-12-03';
const WEEK_BEFORE = '2026-11-26';
const minutesBefore = (minutes: number) => new Date(CLOCK.getTime() - minutes * 60_000);
const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();

// passport: service 10, waiting 15; birth-certificate has no row (the defaults: 15 and 15).
const STANDARDS = [{ serviceId: 'passport', service: 10, waiting: 15 }];

const visit = (ticketId: number, minutesAgo: number, serviceId: string, rest: Partial<VisitPlan> = {}): VisitPlan => ({
  ticketId,
  issuedAt: minutesBefore(minutesAgo),
  localDay: DAY,
  serviceId,
  ...rest,
});

/** baku-1's hall server: what each visit is, by its standards, at CLOCK. */
const BAKU: VisitPlan[] = [
  visit(1, 120, 'passport', { deskId: '1', waitSeconds: 300, serviceSeconds: 480 }), // within both
  visit(2, 110, 'passport', { deskId: '1', waitSeconds: 960, serviceSeconds: 720 }), // waited 16, served 12: both over
  visit(3, 100, 'birth-certificate', { deskId: '2', waitSeconds: 120, serviceSeconds: 900 }), // served 15 of 15: over
  visit(4, 90, 'passport', { deskId: '1', waitSeconds: 899, serviceSeconds: 599 }), // 14:59 and 9:59: within
  visit(5, 13, 'passport', { deskId: '2', waitSeconds: 60 }), // served since 11.5 minutes: over, still open
  visit(6, 20, 'passport'), // waiting 20 minutes, not called: over, still open
  visit(7, 5, 'passport', { deskId: '3', waitSeconds: 60 }), // served since 3.5 minutes: within so far
  visit(8, 10, 'passport'), // waiting 10 minutes: within so far
  visit(9, 80, 'passport', { deskId: '3', waitSeconds: 1200, noShow: true }), // waited 20, did not come: over
  {
    ticketId: 10,
    issuedAt: new Date('2026-11-26T07:00:00Z'),
    localDay: WEEK_BEFORE,
    serviceId: 'passport',
    deskId: '1',
    waitSeconds: 120,
    serviceSeconds: 300,
  },
];
/** ganja-2's: over standard in both ways, and one still being served past it. */
const GANJA: VisitPlan[] = [
  visit(1, 60, 'passport', { deskId: '1', waitSeconds: 1000, serviceSeconds: 700 }),
  visit(2, 15, 'passport', { deskId: '1', waitSeconds: 60 }),
];

const byIssue = (plans: VisitPlan[], ticketId: number) => plans.find((plan) => plan.ticketId === ticketId)!.issuedAt;
/** The events expected for BAKU and GANJA at CLOCK, as the table keeps them. */
const EXPECTED_EVENTS = [
  ['hall-baku', 2, 'service-over-standard', 'baku-1', 'passport', '1', DAY, plus(byIssue(BAKU, 2), 960 + 30 + 600), 10],
  ['hall-baku', 2, 'waiting-over-standard', 'baku-1', 'passport', '1', DAY, plus(byIssue(BAKU, 2), 900), 15],
  [
    'hall-baku',
    3,
    'service-over-standard',
    'baku-1',
    'birth-certificate',
    '2',
    DAY,
    plus(byIssue(BAKU, 3), 120 + 30 + 900),
    15,
  ],
  ['hall-baku', 5, 'service-over-standard', 'baku-1', 'passport', '2', DAY, plus(byIssue(BAKU, 5), 60 + 30 + 600), 10],
  ['hall-baku', 6, 'waiting-over-standard', 'baku-1', 'passport', null, DAY, plus(byIssue(BAKU, 6), 900), 15],
  ['hall-baku', 9, 'waiting-over-standard', 'baku-1', 'passport', '3', DAY, plus(byIssue(BAKU, 9), 900), 15],
  ['hall-ganja', 1, 'service-over-standard', 'ganja-2', 'passport', '1', DAY, plus(byIssue(GANJA, 1), 1030 + 600), 10],
  ['hall-ganja', 1, 'waiting-over-standard', 'ganja-2', 'passport', '1', DAY, plus(byIssue(GANJA, 1), 900), 15],
  ['hall-ganja', 2, 'service-over-standard', 'ganja-2', 'passport', '1', DAY, plus(byIssue(GANJA, 2), 90 + 600), 10],
];
const BAKU_COUNTS = [
  { centreId: 'baku-1', deskId: '1', serviceId: 'passport', kind: 'service-over-standard', count: 1 },
  { centreId: 'baku-1', deskId: '1', serviceId: 'passport', kind: 'waiting-over-standard', count: 1 },
  { centreId: 'baku-1', deskId: '2', serviceId: 'birth-certificate', kind: 'service-over-standard', count: 1 },
  { centreId: 'baku-1', deskId: '2', serviceId: 'passport', kind: 'service-over-standard', count: 1 },
  { centreId: 'baku-1', deskId: '3', serviceId: 'passport', kind: 'waiting-over-standard', count: 1 },
  { centreId: 'baku-1', deskId: null, serviceId: 'passport', kind: 'waiting-over-standard', count: 1 },
];

describe.skipIf(missing)(
  `operator control's standard events on real PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let cluster: Awaited<ReturnType<typeof throwawayPostgres>>;
    let store: PostgresStore;
    let db: pg.Pool;
    let dashboards: RunningDashboards;
    let staticDir: string;
    const outboxes = new Map<string, SyncRecord[]>();

    const newStore = () => new PostgresStore(cluster.url, { projector: { now: () => CLOCK, batchRecords: 7 } });

    const enrol = (deviceId: string, centreId: string) => enrolHallServer(store, deviceId, centreId);

    /** Sends records as a device's sync worker does (its clock is right: sent now, received now). */
    const ingest = async (deviceId: string, records: SyncRecord[]) => {
      for (let i = 0; i < records.length; i += 20) {
        const batch = SyncBatch.parse({
          deviceId,
          sentAt: new Date().toISOString(),
          backlog: 0,
          records: records.slice(i, i + 20),
        });
        expect((await store.ingest(batch, new Date())).kind).toBe('acknowledged');
      }
    };

    const eventRows = async () =>
      (
        await db.query(
          `SELECT device_id, ticket_id::int, kind, centre_id, service_id, desk_id, to_char(local_day, 'YYYY-MM-DD') AS day,
                passed_at, standard_minutes FROM standard_events ORDER BY device_id, ticket_id, kind`,
        )
      ).rows.map((row: Record<string, unknown>) => [
        row.device_id,
        row.ticket_id,
        row.kind,
        row.centre_id,
        row.service_id,
        row.desk_id,
        row.day,
        (row.passed_at as Date).toISOString(),
        row.standard_minutes,
      ]);
    const eventsOf = async (devices: string[]) =>
      (await eventRows()).filter((row) => devices.includes(row[0] as string));

    const ask = (path: string, cookie?: string) => askDashboards(dashboards, 'GET', path, { cookie });
    const signIn = (username: string) => signInToDashboards(dashboards, username, PASSWORD);

    beforeAll(async () => {
      cluster = await throwawayPostgres();
      store = newStore();
      await store.migrate();
      db = new pg.Pool({ connectionString: cluster.url });
      db.on('error', () => {});
      for (const [centre, region] of [
        ['baku-1', 'absheron'],
        ['ganja-2', 'west'],
        ['sheki-3', 'west'],
      ]) {
        await db.query("INSERT INTO centres (centre_id, region, time_zone) VALUES ($1, $2, 'Asia/Baku')", [
          centre,
          region,
        ]);
      }
      for (const standard of STANDARDS) {
        await db.query('INSERT INTO service_standards VALUES ($1, $2, $3)', [
          standard.serviceId,
          standard.service,
          standard.waiting,
        ]);
      }
      for (const [deviceId, centreId, plans] of [
        ['hall-baku', 'baku-1', BAKU],
        ['hall-ganja', 'ganja-2', GANJA],
      ] as const) {
        await enrol(deviceId, centreId);
        outboxes.set(deviceId, outboxOf(plans.flatMap(visitFacts)));
      }
      staticDir = mkdtempSync(join(tmpdir(), 'control-static-'));
      dashboards = await startTestDashboards(store, { staticDir, now: () => CLOCK });
      const accounts: Array<[string, StaffAccount['role'], StaffAccount['scope']]> = [
        ['leyla', 'analyst', { kind: 'network' }],
        ['aysel', 'manager', { kind: 'centres', centreIds: ['baku-1'] }],
      ];
      for (const [username, role, scope] of accounts) {
        expect(await addStaffAccount(store, { username, role, scope }, PASSWORD)).toBe(true);
      }
    }, 60_000);

    afterAll(async () => {
      await dashboards?.close();
      await store?.close();
      await db?.end();
      cluster?.remove();
      if (staticDir) rmSync(staticDir, { recursive: true, force: true });
    });

    it('records an event for each visit folded over its standard and each open visit past it by now, none within', async () => {
      await ingest('hall-baku', outboxes.get('hall-baku')!);
      await ingest('hall-ganja', outboxes.get('hall-ganja')!);
      // Folded in batches of 7 records, so a visit's steps land in different batches.
      expect(await store.projectPending()).toBe(outboxes.get('hall-baku')!.length + outboxes.get('hall-ganja')!.length);
      expect(await eventRows()).toEqual(EXPECTED_EVENTS);
    });

    it('takes back an event recorded while a visit was open when, folded, it turns out within its standard', async () => {
      // Served since 10.5 minutes by the clock; its finish, at 9:54 by the device's, arrives late.
      const late = outboxOf(
        visitFacts(visit(11, 12, 'passport', { deskId: '4', waitSeconds: 60, serviceSeconds: 594 })),
      );
      await enrol('hall-baku-late', 'baku-1');
      const finish = late.at(-1)!;
      expect(finish.fact).toMatchObject({ kind: 'visit-step', step: 'finished' });
      await ingest('hall-baku-late', late.slice(0, -1));
      await store.projectPending();
      expect((await eventsOf(['hall-baku-late'])).map((row) => [row[1], row[2]])).toEqual([
        [11, 'service-over-standard'],
      ]);
      await ingest('hall-baku-late', [finish]);
      await store.projectPending();
      expect(await eventsOf(['hall-baku-late'])).toEqual([]);
      expect(await eventRows()).toEqual(EXPECTED_EVENTS);
    });

    it('keeps one event per visit and kind when a batch is sent again and when two projectors race', async () => {
      // The same batches again: the central holds them already.
      await ingest('hall-baku', outboxes.get('hall-baku')!);
      await store.projectPending();
      expect(await eventRows()).toEqual(EXPECTED_EVENTS);

      // Two new devices with visits over standard, folded by two projectors (two central processes) at
      // once; each looks at the open visits after its pass, and then both again at the same moment.
      const race = [
        visit(1, 70, 'passport', { deskId: '7', waitSeconds: 1000, serviceSeconds: 650 }),
        visit(2, 40, 'passport', { deskId: '7', waitSeconds: 100 }),
        visit(3, 30, 'passport'),
      ];
      for (const deviceId of ['hall-sheki', 'hall-sheki-2']) {
        await enrol(deviceId, 'sheki-3');
        await ingest(deviceId, outboxOf(race.flatMap(visitFacts)));
      }
      const two = [newStore(), newStore()];
      try {
        await Promise.all(two.map((central) => central.projectPending()));
        await Promise.all(two.map((central) => central.standardEvents.recordPassed(CLOCK)));
      } finally {
        await Promise.all(two.map((central) => central.close()));
      }
      expect(await eventsOf(['hall-baku', 'hall-ganja'])).toEqual(EXPECTED_EVENTS);
      expect((await eventsOf(['hall-sheki'])).map((row) => [row[1], row[2], row[7]])).toEqual([
        [1, 'service-over-standard', plus(race[0]!.issuedAt, 1030 + 600)],
        [1, 'waiting-over-standard', plus(race[0]!.issuedAt, 900)],
        [2, 'service-over-standard', plus(race[1]!.issuedAt, 130 + 600)],
        [3, 'waiting-over-standard', plus(race[2]!.issuedAt, 900)],
      ]);
      const doubles = await db.query(
        'SELECT device_id, ticket_id, kind FROM standard_events GROUP BY 1, 2, 3 HAVING count(*) > 1',
      );
      expect(doubles.rows).toEqual([]);
    });

    it('counts events per desk, service and kind, filtered by the scope, and lists the newest first', async () => {
      const day = { from: DAY, to: DAY };
      const baku = await store.standardEvents.events({ centreId: 'baku-1' }, day, null);
      expect([...baku.counts].sort(byKey)).toEqual([...BAKU_COUNTS].sort(byKey));
      expect(baku.latest.map((event) => event.passedAt)).toEqual(
        EXPECTED_EVENTS.filter((row) => row[3] === 'baku-1')
          .map((row) => row[7] as string)
          .sort()
          .reverse(),
      );
      expect(baku.latest.every((event) => /^hall-baku:\d+$/.test(event.ref))).toBe(true);
      const desk2 = await store.standardEvents.events({ centreId: 'baku-1', deskId: '2' }, day, null);
      expect(desk2.counts.map((row) => [row.serviceId, row.count])).toEqual(
        expect.arrayContaining([
          ['passport', 1],
          ['birth-certificate', 1],
        ]),
      );
      expect(desk2.counts).toHaveLength(2);
      const passportWest = await store.standardEvents.events({ region: 'west', serviceId: 'passport' }, day, null);
      expect(passportWest.counts.reduce((sum, row) => sum + row.count, 0)).toBe(3 + 4 + 4);
      // An account of baku-1 only: the west's events are not its.
      expect((await store.standardEvents.events({ region: 'west' }, day, ['baku-1'])).counts).toEqual([]);
      const weekBefore = await store.standardEvents.events({}, { from: WEEK_BEFORE, to: WEEK_BEFORE }, null);
      expect(weekBefore.counts).toEqual([]);
    });

    it('answers live, events and digest over HTTPS to a signed-in account, its centres only', async () => {
      const analyst = await signIn('leyla');
      const manager = await signIn('aysel');

      const network = await ask('/dashboard/api/live', analyst);
      expect(network.status, network.text).toBe(200);
      const networkView = LiveView.parse(network.body);
      expect(networkView.at).toBe(CLOCK.toISOString());
      // Served since: sheki-3's desk 7 37:50 (both its hall servers), ganja-2's desk 1 13:30, baku-1's desk 2 11:30 (all over 10), desk 3 3:30.
      expect(
        networkView.inProgress.map((desk) => [desk.centreId, desk.deskId, desk.elapsedSeconds, desk.overStandard]),
      ).toEqual([
        ['sheki-3', '7', 40 * 60 - 130, true],
        ['sheki-3', '7', 40 * 60 - 130, true],
        ['ganja-2', '1', 13.5 * 60, true],
        ['baku-1', '2', 11.5 * 60, true],
        ['baku-1', '3', 3.5 * 60, false],
      ]);
      expect(networkView.desksOverStandard.map((desk) => desk.centreId)).toEqual([
        'sheki-3',
        'sheki-3',
        'ganja-2',
        'baku-1',
      ]);

      const own = LiveView.parse((await ask('/dashboard/api/live', manager)).body);
      expect(
        own.inProgress.map((desk) => [desk.centreId, desk.deskId, desk.elapsedSeconds, desk.overStandard]),
      ).toEqual([
        ['baku-1', '2', 11.5 * 60, true],
        ['baku-1', '3', 3.5 * 60, false],
      ]);
      expect(
        own.queues.map((queue) => [queue.serviceId, queue.waiting, queue.longestWaitSeconds, queue.overStandard]),
      ).toEqual([['passport', 2, 20 * 60, true]]);
      expect(LiveView.parse((await ask('/dashboard/api/live?centre=baku-1', manager)).body)).toEqual(own);

      const events = await ask(`/dashboard/api/events?from=${DAY}&to=${DAY}`, manager);
      expect(events.status, events.text).toBe(200);
      const answer = EventsAnswer.parse(events.body);
      expect([...answer.counts].sort(byKey)).toEqual([...BAKU_COUNTS].sort(byKey));
      expect(answer.latest).toHaveLength(6);
      const all = EventsAnswer.parse((await ask(`/dashboard/api/events?from=${DAY}&to=${DAY}`, analyst)).body);
      expect(all.latest).toHaveLength(EXPECTED_EVENTS.length + 8);

      const digest = await ask(`/dashboard/api/digest?centre=baku-1&day=${DAY}`, manager);
      expect(digest.status, digest.text).toBe(200);
      const day = DailyDigest.parse(digest.body);
      expect(day.figures).toEqual(await store.monitoring.figures({ centreId: 'baku-1' }, { from: DAY, to: DAY }));
      expect(day.figures.served).toBe(5);
      expect(day.weekBefore.tickets).toBe(1);
      expect([...day.events].sort(byKey)).toEqual([...BAKU_COUNTS].sort(byKey));
      // Desks by visits over the service standard, checked against the visits read here.
      const desks = await db.query(
        `SELECT desk_id AS "deskId", count(*)::int AS served,
              count(*) FILTER (WHERE service_seconds >= COALESCE((SELECT service_minutes FROM service_standards s WHERE s.service_id = v.service_id), 15) * 60)::int AS "overStandard"
         FROM visits v WHERE centre_id = 'baku-1' AND local_day = $1 AND outcome = 'done' GROUP BY desk_id`,
        [DAY],
      );
      expect(day.desks.map(({ deskId, served, overStandard }) => ({ deskId, served, overStandard }))).toEqual(
        expect.arrayContaining(desks.rows),
      );
      expect(day.desks).toHaveLength(desks.rows.length);
      expect(day.desks.map((desk) => desk.deskId)).toEqual(['1', '2', '4']);
      expect(day.desks[0]).toEqual({ deskId: '1', served: 3, overStandard: 1, medianServiceMinutes: 9 });
      // Without a day: yesterday on the centre's clock.
      expect(DailyDigest.parse((await ask('/dashboard/api/digest?centre=baku-1', manager)).body).day).toBe(
        '2026-12-02',
      );
    });

    it('refuses a centre manager another centre (403) before reading it, and bad parameters (400) naming the field', async () => {
      const manager = await signIn('aysel');
      for (const path of [
        '/dashboard/api/live?centre=ganja-2',
        `/dashboard/api/events?centre=ganja-2&from=${DAY}&to=${DAY}`,
        `/dashboard/api/digest?centre=ganja-2&day=${DAY}`,
        `/dashboard/api/digest?centre=no-such-centre&day=${DAY}`,
      ]) {
        const refused = await ask(path, manager);
        expect(refused.status, path).toBe(403);
        expect(refused.body).toMatchObject({ error: 'not-your-centre' });
      }
      const bad: Array<[string, string]> = [
        [`/dashboard/api/events?from=${DAY}`, 'to: is needed'],
        [`/dashboard/api/events?from=2026-13-01&to=${DAY}`, 'from: is not a day on the calendar'],
        [`/dashboard/api/events?from=${DAY}&to=2026-12-01`, 'to: 2026-12-01 is before from'],
        [`/dashboard/api/events?from=2026-09-02&to=${DAY}`, 'to: at most 92 days'],
        [`/dashboard/api/events?desk=1&from=${DAY}&to=${DAY}`, 'desk: a desk needs its centre'],
        ['/dashboard/api/digest?day=2026-12-03', 'centre: is needed'],
        ['/dashboard/api/digest?centre=baku-1&day=3.12.2026', 'day: must be a day, YYYY-MM-DD'],
        ['/dashboard/api/digest?centre=baku-1&day=2026-02-30', 'day: is not a day on the calendar'],
      ];
      for (const [path, problem] of bad) {
        const refused = await ask(path, manager);
        expect(refused.status, path).toBe(400);
        expect(refused.body).toMatchObject({ error: 'bad-request' });
        expect((refused.body!.problems as string[]).join('\n'), path).toContain(problem);
      }
      expect((await ask(`/dashboard/api/events?from=${DAY}&to=${DAY}`)).status).toBe(401);
    });

    it('prints the digest as the digest command, and as JSON the same digest the dashboards answer', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'control-central-'));
      try {
        const env = { DATABASE_URL: cluster.url, CENTRAL_DATA_DIR: dataDir, CENTRAL_PORT: '0' };
        const text = centralCommand(env, ['digest', '--centre', 'baku-1', '--day', DAY]);
        expect(text.status, text.output).toBe(0);
        expect(text.output).toContain(`Daily digest of baku-1: Thursday ${DAY}`);
        expect(text.output).toContain('Visits over standard: 3 waited too long, 3 served too long');
        const json = centralCommand(env, ['digest', '--centre', 'baku-1', '--day', DAY, '--json']);
        expect(json.status, json.output).toBe(0);
        const printed = DailyDigest.parse(JSON.parse(json.output));
        const manager = await signIn('aysel');
        expect(printed).toEqual((await ask(`/dashboard/api/digest?centre=baku-1&day=${DAY}`, manager)).body);
        const wrong = centralCommand(env, ['digest', '--centre', 'baku-1', '--day', '2026-02-30']);
        expect(wrong.status).toBe(2);
        expect(wrong.output).toContain('--day "2026-02-30": not a day');
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);

const byKey = (a: { deskId: string | null; serviceId: string; kind: string }, b: typeof a) =>
  `${a.deskId}|${a.serviceId}|${a.kind}`.localeCompare(`${b.deskId}|${b.serviceId}|${b.kind}`);
