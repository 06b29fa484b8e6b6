import { DailyDigest, EventsAnswer, LiveView } from '../../../../main/contract/monitoring';

/*
 * The operator control's reads (main/central/http/dashboard/control-api.ts): the desks, queues and
 * printers right now, a day's events of visits that passed their standard, and a centre's daily
 * digest. Relative to the page, like every dashboard call; not ok when no valid answer came (the
 * page keeps what it shows).
 */

export type LiveRead<T> = { ok: true; value: T } | { ok: false; status: number | null };

async function read<T>(
  path: string,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
) {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    return { ok: false, status: null } satisfies LiveRead<T>;
  }
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) return { ok: false, status: response.status } satisfies LiveRead<T>;
  return { ok: true, value: parsed.data } satisfies LiveRead<T>;
}

/** The centre's live view, or every centre the account reads when centreId is null. */
export function readLive(centreId: string | null): Promise<LiveRead<LiveView>> {
  return read(`api/live${centreId === null ? '' : `?centre=${encodeURIComponent(centreId)}`}`, LiveView);
}

/** Events of one local day, of a centre or of everything the account reads. */
export function readEvents(centreId: string | null, day: string): Promise<LiveRead<EventsAnswer>> {
  const query = new URLSearchParams({ from: day, to: day });
  if (centreId !== null) query.set('centre', centreId);
  return read(`api/events?${query.toString()}`, EventsAnswer);
}

/** A centre's daily digest; without a day, the centre's yesterday. */
export function readDigest(centreId: string, day: string | null): Promise<LiveRead<DailyDigest>> {
  const query = new URLSearchParams({ centre: centreId });
  if (day !== null) query.set('day', day);
  return read(`api/digest?${query.toString()}`, DailyDigest);
}
