import pg from 'pg';
import { PrinterStatus } from '../../contract';
import type { SyncBatch } from '../../contract/sync';
import { CentreOverride, catalogForCentre, centreCatalogVersion } from '../catalog-overrides';
import type { FleetDevice } from '../fleet';
import { mergeSettingsPatches, settingsVersion } from '../settings-release';
import { clockSkewSeconds, planBatch, printerAfter } from '../ingest';
import type { CentralStore, EnrolGrant, EnrolOutcome, IngestOutcome } from '../ports';
import type { CentreDescription, DescribedCentre, ServiceStandard } from '../monitoring/network-description';
import { migrate } from './migrations';
import { MonitoringStore, dashboardReadPool } from './monitoring-store';
import { PublicFiguresStore } from './public-figures-store';
import { PostgresStaffStore } from './postgres-staff';
import { StandardEventsStore } from './standard-events-store';
import { transaction } from './transaction';
import { VisitProjector, type ProjectorOptions } from './visit-projector';

/**
 * The central's store on PostgreSQL (node-postgres). Every batch is one transaction holding its
 * device's row (SELECT … FOR UPDATE), so two batches of one device never interleave; records go
 * in with one multi-row INSERT from arrays, keyed by (device, seq). The monitoring's visits and
 * rollups are not written here but by the projector, after the batch is acknowledged.
 */
export class PostgresStore implements CentralStore {
  private readonly pool: pg.Pool;
  /** The dashboards' reads (monitoring, public figures): see dashboardReadPool. */
  private readonly readPool: pg.Pool;
  /** Staff accounts and sessions for the dashboards (issue 13), on the same pool. */
  readonly staff: PostgresStaffStore;
  /** The monitoring's reads: figures, live view, visits (issue 13), on the dashboards' read pool. */
  readonly monitoring: MonitoringStore;
  /** The public pages' and open data's reads (issue 13), on the same pool. */
  readonly publicFigures: PublicFiguresStore;
  /** Operator control: events when a visit passes its standard (issue 13), recorded after each projector pass. */
  readonly standardEvents: StandardEventsStore;
  /**
   * Folds the records into the monitoring's visits and rollups (issue 13): in the background once
   * startProjector() is called (the central server does), or drained by projectPending().
   */
  readonly projector: VisitProjector;

  constructor(
    connectionString: string,
    options: { onError?: (error: Error) => void; projector?: ProjectorOptions } = {},
  ) {
    this.pool = new pg.Pool({ connectionString, max: 8, connectionTimeoutMillis: 5_000 });
    this.readPool = dashboardReadPool(connectionString);
    this.standardEvents = new StandardEventsStore(this.pool);
    this.projector = new VisitProjector(this.pool, {
      afterPass: (now) => this.standardEvents.recordPassed(now),
      ...options.projector,
    });
    // An idle connection dropped by a restarting server is not the central's failure: the next
    // query opens a new one. Without this listener node-postgres would end the process.
    this.pool.on('error', (error) => options.onError?.(error));
    this.readPool.on('error', (error) => options.onError?.(error));
    this.staff = new PostgresStaffStore(this.pool);
    this.monitoring = new MonitoringStore(this.readPool);
    this.publicFigures = new PublicFiguresStore(this.readPool);
  }

  async migrate(): Promise<void> {
    await migrate(this.pool);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async addEnrolCode(grant: EnrolGrant & { codeHash: string; expiresAt: Date }): Promise<void> {
    await this.pool.query('INSERT INTO enrol_codes (code_hash, centre_id, role, expires_at) VALUES ($1, $2, $3, $4)', [
      grant.codeHash,
      grant.centreId,
      grant.role,
      grant.expiresAt,
    ]);
  }

  async enrol(request: {
    codeHash: string;
    deviceId: string;
    appVersion: string;
    tokenHash: string;
    at: Date;
  }): Promise<EnrolOutcome> {
    return this.transaction(async (client) => {
      const code = await client.query<{ centre_id: string; role: EnrolGrant['role'] }>(
        `SELECT centre_id, role FROM enrol_codes
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE`,
        [request.codeHash, request.at],
      );
      const grant = code.rows[0];
      if (!grant) return { ok: false, reason: 'code-invalid' };
      // A device id is never reused: its records stay under it, and a new database is a new device.
      const inserted = await client.query(
        `INSERT INTO devices (device_id, centre_id, role, token_hash, enrolled_at, app_version)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (device_id) DO NOTHING`,
        [request.deviceId, grant.centre_id, grant.role, request.tokenHash, request.at, request.appVersion],
      );
      if (inserted.rowCount !== 1) return { ok: false, reason: 'device-id-taken' };
      await client.query('UPDATE enrol_codes SET used_at = $2, used_by = $3 WHERE code_hash = $1', [
        request.codeHash,
        request.at,
        request.deviceId,
      ]);
      return { ok: true, centreId: grant.centre_id, role: grant.role };
    });
  }

  async deviceOfToken(tokenHash: string): Promise<{ deviceId: string; centreId: string; revoked: boolean } | null> {
    const { rows } = await this.pool.query<{ device_id: string; centre_id: string; revoked: boolean }>(
      'SELECT device_id, centre_id, revoked_at IS NOT NULL AS revoked FROM devices WHERE token_hash = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row ? { deviceId: row.device_id, centreId: row.centre_id, revoked: row.revoked } : null;
  }

  /** Starts the background projector: a pass after each ingest that stored records, and every few seconds. */
  startProjector(): void {
    this.projector.start();
  }

  /** Folds every record not yet in the visits and rollups; resolves when none is left. */
  projectPending(): Promise<number> {
    return this.projector.projectPending();
  }

  async ingest(batch: SyncBatch, receivedAt: Date): Promise<IngestOutcome> {
    const outcome = await this.storeBatch(batch, receivedAt);
    if (outcome.kind === 'acknowledged' && outcome.stored > 0) this.projector.wake();
    return outcome;
  }

  private storeBatch(batch: SyncBatch, receivedAt: Date): Promise<IngestOutcome> {
    return this.transaction(async (client) => {
      const device = await client.query<DevicePrinterRow & { centre_id: string; held_seq: number; revoked: boolean }>(
        `SELECT centre_id, held_seq::int AS held_seq, revoked_at IS NOT NULL AS revoked,
                printer_status, printer_reported_at, tickets_on_roll
           FROM devices WHERE device_id = $1 FOR UPDATE`,
        [batch.deviceId],
      );
      const row = device.rows[0];
      if (!row || row.revoked) return { kind: 'revoked' };
      const plan = planBatch(row.held_seq, batch.records);
      if (plan.kind === 'gap') return { kind: 'gap', acknowledgedSeq: plan.held };

      if (plan.repeats.length > 0) {
        const differing = await client.query<{ seq: number }>(
          `SELECT r.seq::int AS seq FROM sync_records r
             JOIN unnest($2::bigint[], $3::timestamptz[], $4::jsonb[]) AS sent (seq, at, fact) ON sent.seq = r.seq
            WHERE r.device_id = $1 AND (r.fact <> sent.fact OR r.device_at <> sent.at)
            ORDER BY r.seq LIMIT 1`,
          [
            batch.deviceId,
            plan.repeats.map((record) => record.seq),
            plan.repeats.map((record) => record.at),
            plan.repeats.map((record) => JSON.stringify(record.fact)),
          ],
        );
        const conflict = differing.rows[0];
        if (conflict) {
          await client.query('UPDATE devices SET conflicts = conflicts + 1 WHERE device_id = $1', [batch.deviceId]);
          return { kind: 'conflict', conflictSeq: conflict.seq };
        }
      }

      const { fresh } = plan;
      if (fresh.length > 0) {
        await client.query(
          `INSERT INTO sync_records (device_id, seq, device_at, received_at, kind, fact)
           SELECT $1, seq, at, $2, kind, fact
             FROM unnest($3::bigint[], $4::timestamptz[], $5::text[], $6::jsonb[]) AS sent (seq, at, kind, fact)`,
          [
            batch.deviceId,
            receivedAt,
            fresh.map((record) => record.seq),
            fresh.map((record) => record.at),
            fresh.map((record) => record.fact.kind),
            fresh.map((record) => JSON.stringify(record.fact)),
          ],
        );
      }
      const held = fresh.at(-1)?.seq ?? row.held_seq;
      const printer = printerAfter(
        {
          status: row.printer_status,
          reportedAt: row.printer_reported_at?.toISOString() ?? null,
          ticketsOnRoll: row.tickets_on_roll,
        },
        fresh,
      );
      await client.query(
        `UPDATE devices SET held_seq = $2, last_contact_at = $3, last_sent_at = $4, clock_skew_seconds = $5,
                backlog = $6, app_version = COALESCE($7, app_version),
                catalog_version = CASE WHEN $8::boolean THEN $9 ELSE catalog_version END,
                printer_status = $10, printer_reported_at = $11, tickets_on_roll = $12,
                settings_version = CASE WHEN $13::boolean THEN $14 ELSE settings_version END
          WHERE device_id = $1`,
        [
          batch.deviceId,
          held,
          receivedAt,
          batch.sentAt,
          clockSkewSeconds(batch.sentAt, receivedAt),
          batch.backlog,
          batch.appVersion ?? null,
          batch.catalogVersion !== undefined,
          batch.catalogVersion ?? null,
          printer.status === null ? null : JSON.stringify(printer.status),
          printer.reportedAt,
          printer.ticketsOnRoll,
          batch.settingsVersion !== undefined,
          batch.settingsVersion ?? null,
        ],
      );
      return { kind: 'acknowledged', acknowledgedSeq: held, stored: fresh.length };
    });
  }

  async revoke(deviceId: string, at: Date): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE devices SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL',
      [deviceId, at],
    );
    return result.rowCount === 1;
  }

  async releaseCatalog(version: string, catalog: unknown, centres: string[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        'INSERT INTO catalog_releases (version, catalog) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING',
        [version, JSON.stringify(catalog)],
      );
      for (const centre of centres) {
        await client.query(
          `INSERT INTO centre_catalogs (centre_id, version) VALUES ($1, $2)
           ON CONFLICT (centre_id) DO UPDATE SET version = EXCLUDED.version, assigned_at = now()`,
          [centre, version],
        );
      }
    });
  }

  async catalogFor(centreId: string): Promise<{ version: string; catalog: unknown } | null> {
    const { rows } = await this.pool.query<{
      version: string;
      catalog: unknown;
      services: string[] | null;
      opening_hours: unknown;
      revision: number | null;
    }>(
      `SELECT r.version, r.catalog, o.services, o.opening_hours, o.revision
         FROM centre_catalogs c JOIN catalog_releases r ON r.version = c.version
         LEFT JOIN centre_overrides o ON o.centre_id = $1
        WHERE c.centre_id IN ($1, '*') ORDER BY c.centre_id = '*' LIMIT 1`,
      [centreId],
    );
    const row = rows[0];
    if (!row) return null;
    const override =
      row.revision === null ? null : CentreOverride.parse({ services: row.services, openingHours: row.opening_hours });
    return {
      version: centreCatalogVersion(row.version, centreId, row.revision),
      catalog: catalogForCentre(row.catalog, override),
    };
  }

  async setCentreOverride(centreId: string, override: CentreOverride | null): Promise<void> {
    // Removing an override keeps its row with nothing in it: the revision, and so the ETag, only grows.
    const { services, openingHours } = override ?? { services: null, openingHours: null };
    await this.pool.query(
      `INSERT INTO centre_overrides (centre_id, services, opening_hours) VALUES ($1, $2, $3)
       ON CONFLICT (centre_id) DO UPDATE SET services = EXCLUDED.services, opening_hours = EXCLUDED.opening_hours,
         revision = centre_overrides.revision + 1, updated_at = now()`,
      [centreId, services, openingHours === null ? null : JSON.stringify(openingHours)],
    );
  }

  /**
   * Describes a centre (a field left out keeps what is held). A new region moves the centre's
   * figures with it, every day already kept included (the region rollups' trigger, migration 010);
   * a new time zone applies to visits from now on. Refuses a zone PostgreSQL does not know.
   */
  async describeCentre(description: CentreDescription): Promise<DescribedCentre> {
    const { centreId, name, region, kind, timeZone } = description;
    if (timeZone !== undefined) {
      const known = await this.pool.query('SELECT 1 FROM pg_timezone_names WHERE name = $1', [timeZone]);
      if (known.rowCount === 0) throw new Error(`timeZone: "${timeZone}" is not a time zone (IANA, e.g. Asia/Baku)`);
    }
    const { rows } = await this.pool.query<DescribedCentre>(
      `INSERT INTO centres AS c (centre_id, name, region, kind, time_zone)
       VALUES ($1, $2, COALESCE($3, 'unassigned'), COALESCE($4, 'centre'), COALESCE($5, network_time_zone()))
       ON CONFLICT (centre_id) DO UPDATE SET name = COALESCE($2, c.name), region = COALESCE($3, c.region),
         kind = COALESCE($4, c.kind), time_zone = COALESCE($5, c.time_zone)
       RETURNING centre_id AS "centreId", name, region, kind, time_zone AS "timeZone"`,
      [centreId, name ?? null, region ?? null, kind ?? null, timeZone ?? null],
    );
    return rows[0]!;
  }

  /** Sets a service's standards, or (null) takes them back to the defaults; every period is read against them at once. */
  async setServiceStandard(serviceId: string, standard: ServiceStandard | null): Promise<void> {
    if (standard === null) {
      await this.pool.query('DELETE FROM service_standards WHERE service_id = $1', [serviceId]);
      return;
    }
    await this.pool.query(
      `INSERT INTO service_standards (service_id, service_minutes, waiting_minutes) VALUES ($1, $2, $3)
       ON CONFLICT (service_id) DO UPDATE SET service_minutes = EXCLUDED.service_minutes, waiting_minutes = EXCLUDED.waiting_minutes`,
      [serviceId, standard.serviceMinutes, standard.waitingMinutes],
    );
  }

  async setSettings(centreId: string, settings: Record<string, unknown>): Promise<void> {
    await this.pool.query(
      `INSERT INTO centre_settings (centre_id, settings) VALUES ($1, $2)
       ON CONFLICT (centre_id) DO UPDATE SET settings = EXCLUDED.settings,
         revision = centre_settings.revision + 1, updated_at = now()`,
      [centreId, JSON.stringify(settings)],
    );
  }

  async settingsFor(centreId: string): Promise<{ version: string; settings: Record<string, unknown> } | null> {
    const { rows } = await this.pool.query<{ centre_id: string; settings: Record<string, unknown>; revision: number }>(
      "SELECT centre_id, settings, revision FROM centre_settings WHERE centre_id IN ($1, '*')",
      [centreId],
    );
    if (rows.length === 0) return null;
    const network = rows.find((row) => row.centre_id === '*');
    const centre = rows.find((row) => row.centre_id === centreId && centreId !== '*');
    return {
      version: settingsVersion(centreId, network?.revision ?? 0, centre?.revision ?? 0),
      settings: mergeSettingsPatches(network?.settings ?? {}, centre?.settings ?? {}),
    };
  }

  async fleet(): Promise<FleetDevice[]> {
    const { rows } = await this.pool.query<FleetRow>(
      `SELECT device_id, centre_id, role, app_version, catalog_version, settings_version, enrolled_at, revoked_at, last_contact_at,
              clock_skew_seconds, backlog, held_seq::int AS held_seq, printer_status, tickets_on_roll
         FROM devices ORDER BY centre_id, device_id`,
    );
    return rows.map((row) => ({
      deviceId: row.device_id,
      centreId: row.centre_id,
      role: row.role,
      appVersion: row.app_version,
      catalogVersion: row.catalog_version,
      settingsVersion: row.settings_version,
      enrolledAt: row.enrolled_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
      lastContactAt: row.last_contact_at?.toISOString() ?? null,
      clockSkewSeconds: row.clock_skew_seconds,
      backlog: row.backlog,
      heldSeq: row.held_seq,
      printer: row.printer_status ? PrinterStatus.parse(row.printer_status) : null,
      ticketsOnRoll: row.tickets_on_roll,
    }));
  }

  async records(deviceId: string): Promise<Array<{ seq: number; at: string; receivedAt: string; fact: unknown }>> {
    const { rows } = await this.pool.query<{ seq: number; device_at: Date; received_at: Date; fact: unknown }>(
      'SELECT seq::int AS seq, device_at, received_at, fact FROM sync_records WHERE device_id = $1 ORDER BY seq',
      [deviceId],
    );
    return rows.map((row) => ({
      seq: row.seq,
      at: row.device_at.toISOString(),
      receivedAt: row.received_at.toISOString(),
      fact: row.fact,
    }));
  }

  async close(): Promise<void> {
    await this.projector.close();
    await Promise.all([this.pool.end(), this.readPool.end()]);
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return transaction(this.pool, work);
  }
}

interface DevicePrinterRow {
  printer_status: PrinterStatus | null;
  printer_reported_at: Date | null;
  tickets_on_roll: number | null;
}

interface FleetRow {
  device_id: string;
  centre_id: string;
  role: FleetDevice['role'];
  app_version: string | null;
  catalog_version: string | null;
  settings_version: string | null;
  enrolled_at: Date;
  revoked_at: Date | null;
  last_contact_at: Date | null;
  clock_skew_seconds: number | null;
  backlog: number | null;
  held_seq: number;
  printer_status: unknown;
  tickets_on_roll: number | null;
}
