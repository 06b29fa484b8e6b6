import { z } from 'zod';
import { LocalDay, type LiveView, type MonitoringScope } from '../../../contract/monitoring';
import { dailyDigest, isCalendarDay, shiftDay } from '../../monitoring/digest';
import { canSee } from '../../staff/scope';
import type { AccountView } from './account-view';
import { Refusal } from './answers';
import type { StaffApiDeps, StaffApiRoute } from './staff-api';

/*
 * Operator control on the dashboards (issue 13): GET dashboard/api/live (the desks and queues now),
 * api/events (visits that passed their standard, counted per desk and service) and api/digest (a
 * centre's day). An account reads only the centres it may: a centre it may not is refused (403)
 * before anything is looked up, and without a centre it gets its own centres only.
 */

const Id = z.string().min(1).max(64);
/** A day, YYYY-MM-DD, that the calendar has (not 2026-02-30). */
const Day = LocalDay.refine(isCalendarDay, 'is not a day on the calendar');
/**
 * The longest range of days events are counted over in one answer: operator control looks at days
 * and weeks (a quarter of the network's events is counted in about 250 ms). Over longer periods the
 * figures' overStandard counts, kept in the rollups, answer the same question.
 */
const MAX_EVENT_DAYS = 92;

const LiveQuery = z.object({ centre: Id.optional() });
const EventsQuery = z.object({
  region: Id.optional(),
  centre: Id.optional(),
  service: Id.optional(),
  desk: Id.optional(),
  from: Day,
  to: Day,
});
const DigestQuery = z.object({ centre: Id, day: Day.optional() });

function parsed<T extends z.ZodTypeAny>(schema: T, query: URLSearchParams, route: string): z.infer<T> {
  const result = schema.safeParse(Object.fromEntries(query));
  if (result.success) return result.data as z.infer<T>;
  throw badRequest(
    route,
    result.error.issues.map((issue) => {
      const field = issue.path.join('.') || '(query)';
      return `${field}: ${issue.code === 'invalid_type' && !query.has(field) ? 'is needed' : issue.message}`;
    }),
  );
}

const badRequest = (route: string, problems: string[]) =>
  new Refusal(400, 'bad-request', `the ${route} request's parameters are not right: ${problems.join('; ')}`, {
    problems,
  });

/** Refused before anything is read: a manager learns nothing of another centre, not even whether it exists. */
function mayRead(account: AccountView, centreId: string | undefined): void {
  if (centreId !== undefined && !canSee(account, centreId))
    throw new Refusal(403, 'not-your-centre', `this account does not read ${centreId}`);
}

/** The centres an account reads, or null for the whole network. */
const accountCentres = (account: AccountView): readonly string[] | null =>
  account.scope.kind === 'network' ? null : account.scope.centreIds;

/** Several centres' live views as one, in the orders one view has (longest first). */
export function mergeLiveViews(views: LiveView[], at: Date): LiveView {
  const inProgress = views.flatMap((view) => view.inProgress).sort((a, b) => b.elapsedSeconds - a.elapsedSeconds);
  const queues = views.flatMap((view) => view.queues).sort((a, b) => b.longestWaitSeconds - a.longestWaitSeconds);
  return {
    at: at.toISOString(),
    inProgress,
    desksOverStandard: inProgress.filter((desk) => desk.overStandard),
    queues,
    queuesOverStandard: queues.filter((queue) => queue.overStandard),
    printerProblems: views.flatMap((view) => view.printerProblems),
  };
}

async function live(query: URLSearchParams, account: AccountView, deps: StaffApiDeps): Promise<LiveView> {
  const { centre } = parsed(LiveQuery, query, 'live');
  mayRead(account, centre);
  const now = deps.now();
  if (centre !== undefined) return deps.monitoring.live(centre, now);
  const centres = accountCentres(account);
  if (centres === null) return deps.monitoring.live(null, now);
  return mergeLiveViews(await Promise.all(centres.map((id) => deps.monitoring.live(id, now))), now);
}

async function events(query: URLSearchParams, account: AccountView, deps: StaffApiDeps) {
  const params = parsed(EventsQuery, query, 'events');
  const range = { from: params.from, to: params.to };
  const problems: string[] = [];
  if (range.to < range.from) problems.push(`to: ${range.to} is before from (${range.from})`);
  else if (shiftDay(range.from, MAX_EVENT_DAYS) <= range.to)
    problems.push(`to: at most ${MAX_EVENT_DAYS} days from ${range.from}`);
  if (params.desk !== undefined && params.centre === undefined) problems.push('desk: a desk needs its centre');
  if (problems.length > 0) throw badRequest('events', problems);
  mayRead(account, params.centre);
  const scope: MonitoringScope = {
    ...(params.region !== undefined && { region: params.region }),
    ...(params.centre !== undefined && { centreId: params.centre }),
    ...(params.service !== undefined && { serviceId: params.service }),
    ...(params.desk !== undefined && { deskId: params.desk }),
  };
  return deps.control.events(scope, range, accountCentres(account));
}

async function digest(query: URLSearchParams, account: AccountView, deps: StaffApiDeps) {
  const params = parsed(DigestQuery, query, 'digest');
  mayRead(account, params.centre);
  // Without a day: yesterday on the centre's wall clock, the last whole day.
  const day = params.day ?? shiftDay(await deps.control.centreDay(params.centre, deps.now()), -1);
  return dailyDigest(deps, params.centre, day);
}

const ANSWERS: Record<string, (query: URLSearchParams, account: AccountView, deps: StaffApiDeps) => Promise<unknown>> =
  { live, events, digest };

export const controlApi: StaffApiRoute = async (route, query, account, deps) => {
  const answer = Object.hasOwn(ANSWERS, route) ? ANSWERS[route] : undefined;
  return answer?.(query, account, deps);
};
