import type { MonitoringReads } from '../../monitoring/monitoring-reads';
import type { AccountView } from './account-view';
import { monitoringApi } from './monitoring-api';

/*
 * The signed-in dashboards' read API (GET dashboard/api/<route>?…): each module answers its own
 * routes and returns undefined for any other, so the server tries them in turn. Every module checks
 * the account's scope itself before it reads anything.
 */

export interface StaffApiDeps {
  monitoring: MonitoringReads;
  now: () => Date;
}

export type StaffApiRoute = (
  route: string,
  query: URLSearchParams,
  account: AccountView,
  deps: StaffApiDeps,
) => Promise<unknown>;

const ROUTES: StaffApiRoute[] = [monitoringApi];

/** The answer of the first module that knows the route, or undefined when none does. */
export async function staffApiAnswer(
  route: string,
  query: URLSearchParams,
  account: AccountView,
  deps: StaffApiDeps,
): Promise<unknown> {
  for (const answer of ROUTES) {
    const body = await answer(route, query, account, deps);
    if (body !== undefined) return body;
  }
  return undefined;
}
