import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MonitoringReads } from '../../monitoring/monitoring-reads';

export interface PublicDeps {
  monitoring: MonitoringReads;
  now: () => Date;
}

/**
 * The public pages and open data (issue 13), read without signing in: /public/… and /open-data/….
 * Answers and returns true for its own paths; false for any other, which the dashboards handle.
 */
export async function publicAnswer(
  _req: IncomingMessage,
  _res: ServerResponse,
  _path: string,
  _deps: PublicDeps,
): Promise<boolean> {
  return false;
}
