import type pg from 'pg';
import { z } from 'zod';
import { LocalizedText } from '../../contract/languages';
import {
  DEFAULT_SERVICE_MINUTES,
  DEFAULT_WAITING_MINUTES,
  rollupFiguresQuery,
  type RawAnswer,
  type SqlQuery,
} from '../monitoring/figures';
import { liveViewOf, openVisitsQuery, type OpenVisitRow } from '../monitoring/live';
import { lastDaysBefore } from '../monitoring/public-centre';
import { NO_FIGURES, figuresPerService, rollupRowFigures, type RollupRow } from '../monitoring/public-figures';
import type { MonthCell, PublicCentreFigures, PublicCentreSummary, PublicReads } from '../monitoring/public-reads';
import { ROLLUP_COUNT_COLUMNS } from '../monitoring/rollup-sql';

/*
 * The public pages' and open data's reads (issue 13) on the central's PostgreSQL: a centre's
 * figures from the day rollups (today, and the 30 days before), who is waiting from the open
 * visits, and a month's cells from the month rollup, never from the raw visits.
 */

/** The services' names as the newest catalog release gives them; anything else in it is not read here. */
const CatalogNames = z.object({ services: z.array(z.object({ id: z.string(), name: LocalizedText })) });

const KNOWN_CENTRES = `SELECT k.centre_id, c.name, COALESCE(c.region, 'unassigned') AS region,
         COALESCE(c.kind, 'centre') AS kind
    FROM (SELECT centre_id FROM centres UNION SELECT centre_id FROM devices) k
    LEFT JOIN centres c ON c.centre_id = k.centre_id`;

interface CentreRow {
  centre_id: string;
  name: string | null;
  region: string;
  kind: 'centre' | 'bus';
}

const summaryOf = (row: CentreRow): PublicCentreSummary => ({
  centreId: row.centre_id,
  name: row.name,
  region: row.region,
  kind: row.kind,
});

interface StandardRow {
  service_id: string;
  service_minutes: number;
  waiting_minutes: number;
}

export class PublicFiguresStore implements PublicReads {
  constructor(private readonly pool: pg.Pool) {}

  async centres(): Promise<PublicCentreSummary[]> {
    const { rows } = await this.pool.query<CentreRow>(`${KNOWN_CENTRES} ORDER BY k.centre_id`);
    return rows.map(summaryOf);
  }

  async centre(centreId: string, now: Date): Promise<PublicCentreFigures | null> {
    // The centre's today on its own wall clock (a centre not described reads in the network's zone).
    const { rows } = await this.pool.query<CentreRow & { today: string }>(
      `SELECT k.*, to_char(($2::timestamptz AT TIME ZONE COALESCE(c.time_zone, network_time_zone()))::date, 'YYYY-MM-DD') AS today
         FROM (${KNOWN_CENTRES}) k LEFT JOIN centres c ON c.centre_id = k.centre_id WHERE k.centre_id = $1`,
      [centreId, now],
    );
    const centre = rows[0];
    if (!centre) return null;
    const today = centre.today;
    const last30 = lastDaysBefore(today);
    const openVisits = openVisitsQuery(centreId, now);
    const answer = async (query: SqlQuery) =>
      (await this.pool.query<{ answer: RawAnswer }>(query.text, query.values)).rows[0]!.answer;
    const [todayAnswer, last30Answer, open, names] = await Promise.all([
      answer(rollupFiguresQuery({ centreId }, { from: today, to: today })),
      answer(rollupFiguresQuery({ centreId }, last30)),
      this.pool.query<OpenVisitRow>(openVisits.text, openVisits.values),
      this.serviceNames(),
    ]);
    const todayFigures = figuresPerService(todayAnswer);
    const last30Figures = figuresPerService(last30Answer);
    const waiting = new Map(liveViewOf(open.rows, [], now).queues.map((queue) => [queue.serviceId, queue.waiting]));
    const serviceIds = [...new Set([...todayFigures.keys(), ...last30Figures.keys(), ...waiting.keys()])].sort();
    const standards = await this.standards(serviceIds);
    return {
      centre: summaryOf(centre),
      today,
      last30,
      services: serviceIds.map((serviceId) => ({
        serviceId,
        name: names.get(serviceId) ?? null,
        waitingNow: waiting.get(serviceId) ?? 0,
        today: todayFigures.get(serviceId) ?? NO_FIGURES,
        last30: last30Figures.get(serviceId) ?? NO_FIGURES,
        ...standards(serviceId),
      })),
    };
  }

  async months(before: string): Promise<string[]> {
    // The network's month rollup has every month any centre has, in a few rows per month.
    const { rows } = await this.pool.query<{ month: string }>(
      `SELECT DISTINCT to_char(month, 'YYYY-MM') AS month FROM visit_rollup_network_month
        WHERE month < $1::date AND tickets > 0 ORDER BY 1 DESC`,
      [`${before}-01`],
    );
    return rows.map((row) => row.month);
  }

  async monthCells(month: string): Promise<MonthCell[]> {
    const { rows } = await this.pool.query<RollupRow & CentreRow & Partial<StandardRow>>(
      `SELECT m.centre_id, m.service_id, ${ROLLUP_COUNT_COLUMNS.map((name) => `m.${name}`).join(', ')},
              m.wait_hist, m.service_hist, c.name, COALESCE(c.region, 'unassigned') AS region,
              COALESCE(c.kind, 'centre') AS kind, s.service_minutes, s.waiting_minutes
         FROM visit_rollup_month m
         LEFT JOIN centres c ON c.centre_id = m.centre_id
         LEFT JOIN service_standards s ON s.service_id = m.service_id
        WHERE m.month = $1::date AND m.tickets > 0`,
      [`${month}-01`],
    );
    const names = await this.serviceNames();
    return rows.map((row) => {
      const standards = {
        serviceMinutes: row.service_minutes ?? DEFAULT_SERVICE_MINUTES,
        waitingMinutes: row.waiting_minutes ?? DEFAULT_WAITING_MINUTES,
      };
      return {
        month,
        centre: summaryOf(row),
        serviceId: row.service_id,
        serviceNameEn: names.get(row.service_id)?.en ?? null,
        serviceStandardMinutes: standards.serviceMinutes,
        waitingStandardMinutes: standards.waitingMinutes,
        figures: rollupRowFigures(row, standards),
      };
    });
  }

  /** Service names from the newest catalog release; none when no release has any that can be read. */
  private async serviceNames(): Promise<Map<string, LocalizedText>> {
    const { rows } = await this.pool.query<{ catalog: unknown }>(
      'SELECT catalog FROM catalog_releases ORDER BY released_at DESC, version DESC LIMIT 1',
    );
    const parsed = CatalogNames.safeParse(rows[0]?.catalog);
    return new Map(parsed.success ? parsed.data.services.map((service) => [service.id, service.name]) : []);
  }

  /** Each service's standards, the defaults where none is set. */
  private async standards(
    serviceIds: string[],
  ): Promise<(serviceId: string) => { serviceStandardMinutes: number; waitingStandardMinutes: number }> {
    const { rows } = await this.pool.query<StandardRow>(
      'SELECT service_id, service_minutes, waiting_minutes FROM service_standards WHERE service_id = ANY($1)',
      [serviceIds],
    );
    const byId = new Map(rows.map((row) => [row.service_id, row]));
    return (serviceId) => ({
      serviceStandardMinutes: byId.get(serviceId)?.service_minutes ?? DEFAULT_SERVICE_MINUTES,
      waitingStandardMinutes: byId.get(serviceId)?.waiting_minutes ?? DEFAULT_WAITING_MINUTES,
    });
  }
}
