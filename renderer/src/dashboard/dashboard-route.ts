import { VisitFilter } from '../../../main/contract/monitoring';
import { isDay, PERIOD_KINDS, periodHolding, type Period, type PeriodKind } from './figures/periods';

/*
 * Where a signed-in reader is, kept in the address's hash (#/figures?centre=…&from=…&to=…) so a
 * view can be linked, reloaded and left with the back button. The server serves the same page for
 * every hash; the page reads it here. Plain functions, so unit tests need no browser.
 */

/** The part of the network a view reads: each level needs the one above it except the region. */
export interface Place {
  region?: string;
  centre?: string;
  service?: string;
  desk?: string;
}

export type Route =
  | { view: 'figures'; place: Place; period: Period }
  | { view: 'visits'; place: Place; period: Period; filter: VisitFilter; offset: number }
  | { view: 'live' }
  | { view: 'digest' };

const PLACE_KEYS = ['region', 'centre', 'service', 'desk'] as const;

/** The route a hash names; what it leaves out is filled in (this month, the visits over the service standard). */
export function parseRoute(hash: string, today: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const query = new URLSearchParams(search);
  if (path === 'live') return { view: 'live' };
  if (path === 'digest') return { view: 'digest' };
  const place: Place = {};
  for (const key of PLACE_KEYS) {
    const value = query.get(key)?.trim();
    if (value) place[key] = value;
  }
  const period = parsePeriod(query, today);
  if (path === 'visits') {
    const filter = VisitFilter.safeParse(query.get('filter'));
    const offset = Number(query.get('offset') ?? 0);
    return {
      view: 'visits',
      place,
      period,
      filter: filter.success ? filter.data : 'service-over-standard',
      offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    };
  }
  return { view: 'figures', place, period };
}

function parsePeriod(query: URLSearchParams, today: string): Period {
  const kindAsked = query.get('period');
  const kind: PeriodKind = (PERIOD_KINDS as readonly string[]).includes(kindAsked ?? '')
    ? (kindAsked as PeriodKind)
    : 'month';
  const from = query.get('from');
  const to = query.get('to');
  if (isDay(from) && isDay(to) && from <= to) return { kind, from, to };
  return periodHolding(kind === 'custom' ? 'month' : kind, isDay(from) ? from : today, today);
}

/** The hash for a route: the inverse of parseRoute. */
export function routeHash(route: Route): string {
  if (route.view === 'live') return '#/live';
  if (route.view === 'digest') return '#/digest';
  const query = new URLSearchParams();
  for (const key of PLACE_KEYS) {
    const value = route.place[key];
    if (value) query.set(key, value);
  }
  query.set('period', route.period.kind);
  query.set('from', route.period.from);
  query.set('to', route.period.to);
  if (route.view === 'visits') {
    query.set('filter', route.filter);
    if (route.offset > 0) query.set('offset', String(route.offset));
  }
  return `#/${route.view}?${query.toString()}`;
}

/** The place one level up, as the breadcrumb's links lead. */
export function placeAbove(place: Place): Place {
  if (place.desk) return { region: place.region, centre: place.centre, service: place.service };
  if (place.service) return { region: place.region, centre: place.centre };
  if (place.centre) return place.region ? { region: place.region } : {};
  return {};
}

export type PlaceLevel = 'network' | 'region' | 'centre' | 'service' | 'desk';
export const levelOf = (place: Place): PlaceLevel =>
  place.desk ? 'desk' : place.service ? 'service' : place.centre ? 'centre' : place.region ? 'region' : 'network';
