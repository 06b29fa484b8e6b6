import { PrinterStatus, type PrinterProblem } from '../../contract';
import type { DeskNow, LiveView, QueueNow } from '../../contract/monitoring';
import { printerProblems } from '../../shared/printer-problems';
import { DEFAULT_SERVICE_MINUTES, DEFAULT_WAITING_MINUTES, type SqlQuery } from './figures';

/*
 * The operator's live view (issue 13): today's open visits of a centre (or of every centre), read
 * through the partial index of open visits in today's partitions only, and the kiosks whose printer
 * reports a problem. "Today" is each centre's own local day.
 */

export interface OpenVisitRow {
  centre_id: string;
  service_id: string;
  desk_id: string | null;
  outcome: 'waiting' | 'called' | 'serving';
  issued_at: Date;
  started_at: Date | null;
  service_minutes: number;
  waiting_minutes: number;
}

export interface PrinterRow {
  device_id: string;
  centre_id: string;
  printer_status: unknown;
  printer_reported_at: Date | null;
}

export function openVisitsQuery(centreId: string | null, now: Date): SqlQuery {
  const values: unknown[] = [now, DEFAULT_SERVICE_MINUTES, DEFAULT_WAITING_MINUTES];
  if (centreId !== null) values.push(centreId);
  const text = `SELECT v.centre_id, v.service_id, v.desk_id, v.outcome, v.issued_at, v.started_at,
         COALESCE(s.service_minutes, $2) AS service_minutes, COALESCE(s.waiting_minutes, $3) AS waiting_minutes
    FROM visits v
    LEFT JOIN centres c ON c.centre_id = v.centre_id
    LEFT JOIN service_standards s ON s.service_id = v.service_id
   WHERE v.outcome IN ('waiting', 'called', 'serving')
     -- The partitions and index range of the days around now, then each centre's own today.
     AND v.local_day BETWEEN ($1::timestamptz AT TIME ZONE 'UTC')::date - 1 AND ($1::timestamptz AT TIME ZONE 'UTC')::date + 1
     AND v.local_day = ($1::timestamptz AT TIME ZONE COALESCE(c.time_zone, network_time_zone()))::date
     ${centreId === null ? '' : 'AND v.centre_id = $4'}`;
  return { text, values };
}

export function printersQuery(centreId: string | null): SqlQuery {
  return {
    text: `SELECT device_id, centre_id, printer_status, printer_reported_at FROM devices
            WHERE revoked_at IS NULL AND printer_status IS NOT NULL ${centreId === null ? '' : 'AND centre_id = $1'}`,
    values: centreId === null ? [] : [centreId],
  };
}

export type { DeskNow, LiveView, QueueNow };

export function liveViewOf(open: OpenVisitRow[], printers: PrinterRow[], now: Date): LiveView {
  const seconds = (since: Date) => Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
  const inProgress = open
    .filter((row) => row.outcome === 'serving' && row.started_at !== null)
    .map((row) => {
      const elapsedSeconds = seconds(row.started_at!);
      return {
        centreId: row.centre_id,
        deskId: row.desk_id,
        serviceId: row.service_id,
        startedAt: row.started_at!.toISOString(),
        elapsedSeconds,
        standardMinutes: row.service_minutes,
        overStandard: elapsedSeconds >= row.service_minutes * 60,
      };
    })
    .sort((a, b) => b.elapsedSeconds - a.elapsedSeconds);
  const queues = new Map<string, QueueNow>();
  for (const row of open) {
    // Called tickets have stopped waiting; only those still in the queue count.
    if (row.outcome !== 'waiting') continue;
    const key = `${row.centre_id}\u0000${row.service_id}`;
    const wait = seconds(row.issued_at);
    const queue = queues.get(key) ?? {
      centreId: row.centre_id,
      serviceId: row.service_id,
      waiting: 0,
      longestWaitSeconds: 0,
      standardMinutes: row.waiting_minutes,
      overStandard: false,
    };
    queue.waiting += 1;
    queue.longestWaitSeconds = Math.max(queue.longestWaitSeconds, wait);
    queue.overStandard = queue.longestWaitSeconds >= queue.standardMinutes * 60;
    queues.set(key, queue);
  }
  const queueList = [...queues.values()].sort((a, b) => b.longestWaitSeconds - a.longestWaitSeconds);
  return {
    at: now.toISOString(),
    inProgress,
    desksOverStandard: inProgress.filter((desk) => desk.overStandard),
    queues: queueList,
    queuesOverStandard: queueList.filter((queue) => queue.overStandard),
    printerProblems: printers.flatMap((row) => {
      const status = PrinterStatus.safeParse(row.printer_status);
      // A state this version cannot read is itself a problem to look at, not one to hide.
      const problems: PrinterProblem[] = status.success ? printerProblems(status.data) : ['error'];
      return problems.length === 0
        ? []
        : [
            {
              deviceId: row.device_id,
              centreId: row.centre_id,
              problems,
              reportedAt: row.printer_reported_at?.toISOString() ?? null,
            },
          ];
    }),
  };
}
