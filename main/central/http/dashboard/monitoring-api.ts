import { z } from 'zod';
import { LocalDay, VisitFilter, type DayRange, type MonitoringScope } from '../../../contract/monitoring';
import { childLevelOf } from '../../monitoring/breakdown';
import { rangeProblems } from '../../monitoring/figures';
import { canSee } from '../../staff/scope';
import type { AccountView } from './account-view';
import { Refusal } from './answers';
import type { StaffApiRoute } from './staff-api';

/*
 * The dashboards' figures (issue 13): GET dashboard/api/network, figures, breakdown, series and
 * visits, each answering its type in main/contract/monitoring.ts. Query parameters: region, centre,
 * service, desk (a desk needs its centre), from and to (local days, both included); visits adds
 * filter and offset and needs a centre.
 *
 * Scope: an account of the whole network reads any scope. An account of some centres (a centre's
 * manager, or an analyst given centres) reads one of its centres at a time: a scope naming no
 * centre (the network, a region) is refused with 403 rather than narrowed, because a total narrowed
 * to its centres would be shown under the network's or the region's name and mislead; its pages
 * start from its centre instead (api/network lists only its centres). A centre it does not read is
 * refused before anything is looked up, so it learns nothing of that centre, not even whether it
 * exists.
 */

const Id = z.string().min(1, 'is empty').max(64, 'is longer than 64 characters');

const ScopeParams = z
  .object({
    region: Id.optional(),
    centre: Id.optional(),
    service: Id.optional(),
    desk: Id.optional(),
    from: LocalDay,
    to: LocalDay,
  })
  .strict();

const VisitsParams = ScopeParams.extend({
  centre: Id,
  filter: VisitFilter.default('all'),
  offset: z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number from 0')
    .default('0')
    .transform(Number),
}).strict();

function refuseBadRequest(problems: string[]): never {
  throw new Refusal(400, 'bad-request', `the request's parameters are wrong: ${problems.join('; ')}`, { problems });
}

function parsed<T extends z.ZodTypeAny>(schema: T, query: URLSearchParams): z.infer<T> {
  const result = schema.safeParse(Object.fromEntries(query));
  if (!result.success) {
    refuseBadRequest(
      result.error.issues.map((issue) => {
        // An unknown parameter is named by the issue's keys, not its path.
        const keys = 'keys' in issue ? (issue.keys as string[]) : [];
        const field = issue.path.join('.') || keys.join(', ') || 'query';
        return `${field}: ${issue.message}`;
      }),
    );
  }
  return result.data as z.infer<T>;
}

/** The scope and range asked, checked: bad values give 400, a centre not read 403. */
function scopeAndRange(
  params: z.infer<typeof ScopeParams>,
  account: AccountView,
): { scope: MonitoringScope; range: DayRange } {
  const range = { from: params.from, to: params.to };
  const problems = rangeProblems(range);
  if (params.desk !== undefined && params.centre === undefined) problems.push('desk: a desk needs its centre');
  if (problems.length > 0) refuseBadRequest(problems);
  if (params.centre === undefined) {
    if (account.scope.kind !== 'network')
      throw new Refusal(403, 'not-your-centre', 'this account reads its centres one at a time: name one (centre=…)');
  } else if (!canSee(account, params.centre)) {
    throw new Refusal(403, 'not-your-centre', `this account does not read ${params.centre}`);
  }
  const scope: MonitoringScope = {};
  if (params.region !== undefined) scope.region = params.region;
  if (params.centre !== undefined) scope.centreId = params.centre;
  if (params.service !== undefined) scope.serviceId = params.service;
  if (params.desk !== undefined) scope.deskId = params.desk;
  return { scope, range };
}

export const monitoringApi: StaffApiRoute = async (route, query, account, { monitoring }) => {
  switch (route) {
    case 'network': {
      parsed(z.object({}).strict(), query);
      return monitoring.networkMap(account.scope.kind === 'network' ? null : account.scope.centreIds);
    }
    case 'figures': {
      const { scope, range } = scopeAndRange(parsed(ScopeParams, query), account);
      return { scope, comparison: await monitoring.compare(scope, range) };
    }
    case 'breakdown': {
      const { scope, range } = scopeAndRange(parsed(ScopeParams, query), account);
      const child = childLevelOf(scope);
      if (child === null) refuseBadRequest(['desk: a desk has no breakdown; read its visits (api/visits)']);
      return monitoring.breakdown(scope, range, child);
    }
    case 'series': {
      const { scope, range } = scopeAndRange(parsed(ScopeParams, query), account);
      return monitoring.series(scope, range);
    }
    case 'visits': {
      const params = parsed(VisitsParams, query);
      const { scope, range } = scopeAndRange(params, account);
      return monitoring.visits({
        scope: { ...scope, centreId: params.centre },
        range,
        filter: params.filter,
        offset: params.offset,
      });
    }
    default:
      return undefined;
  }
};
