import type { z } from 'zod';
import {
  BreakdownAnswer,
  FiguresAnswer,
  NetworkMap,
  SeriesAnswer,
  VisitsAnswer,
  type DayRange,
  type VisitFilter,
} from '../../../../main/contract/monitoring';
import type { Place } from '../dashboard-route';

/*
 * The dashboards' reads of the monitoring (main/contract/monitoring.ts), relative to the page so they
 * go to /dashboard/api/…. Every answer is parsed with the contract's schema; a refusal keeps the
 * server's code and message, which the page says in words (a manager asking for another centre is
 * refused with 403 and shown why, never data).
 */

export type Read<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** 0 when no answer came at all. */
      status: number;
      code: string;
      message: string;
    };

async function read<T>(path: string, schema: z.ZodType<T>, query: URLSearchParams, signal?: AbortSignal) {
  let response: Response;
  try {
    response = await fetch(`${path}?${query.toString()}`, { credentials: 'same-origin', signal });
  } catch {
    return { ok: false, status: 0, code: 'no-answer', message: '' } as const;
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = (json ?? {}) as { error?: unknown; message?: unknown };
    return {
      ok: false,
      status: response.status,
      code: typeof refusal.error === 'string' ? refusal.error : 'refused',
      message: typeof refusal.message === 'string' ? refusal.message : '',
    } as const;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // A page and a server out of step: say so in the console for whoever looks, and in words on the page.
    console.warn(`${path}: the answer does not match the contract`, parsed.error.issues.slice(0, 3));
    return { ok: false, status: response.status, code: 'bad-answer', message: '' } as const;
  }
  return { ok: true, data: parsed.data } as const;
}

/** The query every read shares: the place's levels and the days. */
export function scopeQuery(place: Place, range: DayRange): URLSearchParams {
  const query = new URLSearchParams();
  // A centre names its region by itself: the region is only sent on its own level.
  if (place.region && !place.centre) query.set('region', place.region);
  if (place.centre) query.set('centre', place.centre);
  if (place.service) query.set('service', place.service);
  if (place.desk) query.set('desk', place.desk);
  query.set('from', range.from);
  query.set('to', range.to);
  return query;
}

export const readNetwork = (signal?: AbortSignal): Promise<Read<NetworkMap>> =>
  read('api/network', NetworkMap, new URLSearchParams(), signal);

export const readFigures = (place: Place, range: DayRange, signal?: AbortSignal): Promise<Read<FiguresAnswer>> =>
  read('api/figures', FiguresAnswer, scopeQuery(place, range), signal);

export const readBreakdown = (place: Place, range: DayRange, signal?: AbortSignal): Promise<Read<BreakdownAnswer>> =>
  read('api/breakdown', BreakdownAnswer, scopeQuery(place, range), signal);

export const readSeries = (place: Place, range: DayRange, signal?: AbortSignal): Promise<Read<SeriesAnswer>> =>
  read('api/series', SeriesAnswer, scopeQuery(place, range), signal);

export function readVisits(
  place: Place,
  range: DayRange,
  filter: VisitFilter,
  offset: number,
  signal?: AbortSignal,
): Promise<Read<VisitsAnswer>> {
  const query = scopeQuery(place, range);
  query.set('filter', filter);
  query.set('offset', String(offset));
  return read('api/visits', VisitsAnswer, query, signal);
}
