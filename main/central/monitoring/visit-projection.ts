import type { SyncRecord } from '../../contract/sync';

/*
 * A ticket's visit as the facts about it tell it (issue 13), folded from records and merged with
 * what is held. The merge is order-free: first call and start are the earliest seen, the finish the
 * latest, the outcome, desk and rating those of the latest step by the device's clock (ties: the
 * one merged last, which within a device is the later sequence). So a step that arrives before its
 * ticket (kept as an orphan), or batches of devices in any order, end in the same visit.
 */

export interface TicketPart {
  localDay: string;
  issuedAt: string;
  serviceId: string;
  language: string;
}

export interface Stamped<T> {
  value: T;
  at: string;
}

export interface PartialVisit {
  ticket: TicketPart | null;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  outcome: Stamped<{ state: VisitOutcome; serviceId: string }> | null;
  desk: Stamped<string> | null;
  rating: Stamped<{ score: number; reasons: string[] }> | null;
  ratingOffered: boolean;
}

export type VisitOutcome = 'waiting' | 'called' | 'serving' | 'done' | 'no-show';

export const EMPTY_VISIT: PartialVisit = {
  ticket: null,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  outcome: null,
  desk: null,
  rating: null,
  ratingOffered: false,
};

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);
const latest = (a: string | null, b: string | null) => (a === null ? b : b === null || b >= a ? b : a);
/** The later-stamped of two; on a tie the second (merged last). */
const later = <T>(a: Stamped<T> | null, b: Stamped<T> | null) =>
  a === null ? b : b === null ? a : Date.parse(b.at) >= Date.parse(a.at) ? b : a;
const earlierTime = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : Date.parse(a) <= Date.parse(b) ? a : b;
const laterTime = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : Date.parse(b) >= Date.parse(a) ? b : a;

/** `b` merged into `a`; `b` is the one merged last. */
export function mergeVisits(a: PartialVisit, b: PartialVisit): PartialVisit {
  return {
    ticket: a.ticket ?? b.ticket,
    calledAt: earlierTime(a.calledAt, b.calledAt),
    startedAt: earlierTime(a.startedAt, b.startedAt),
    finishedAt: laterTime(a.finishedAt, b.finishedAt),
    outcome: later(a.outcome, b.outcome),
    desk: later(a.desk, b.desk),
    rating: later(a.rating, b.rating),
    ratingOffered: a.ratingOffered || b.ratingOffered,
  };
}

/** What one record says about its ticket's visit, or null for facts that are not about a visit. */
export function visitPartOf(record: SyncRecord): { ticketId: number; part: PartialVisit } | null {
  const { fact, at } = record;
  switch (fact.kind) {
    case 'ticket-issued':
      return {
        ticketId: fact.ticketId,
        part: {
          ...EMPTY_VISIT,
          ticket: { localDay: fact.localDay, issuedAt: at, serviceId: fact.serviceId, language: fact.language },
        },
      };
    case 'visit-step':
      return {
        ticketId: fact.ticketId,
        part: {
          ...EMPTY_VISIT,
          calledAt: fact.step === 'called' ? at : null,
          startedAt: fact.step === 'started' ? at : null,
          finishedAt: fact.step === 'finished' ? at : null,
          outcome: { value: { state: fact.stateAfter, serviceId: fact.serviceId }, at },
          desk: fact.deskId === null ? null : { value: fact.deskId, at },
        },
      };
    case 'rating':
      // A rating is counted as offered even if its offer's fact is not held: it was on screen.
      return {
        ticketId: fact.ticketId,
        part: {
          ...EMPTY_VISIT,
          rating: { value: { score: fact.score, reasons: fact.reasons }, at },
          ratingOffered: true,
        },
      };
    case 'rating-offered':
      return { ticketId: fact.ticketId, part: { ...EMPTY_VISIT, ratingOffered: true } };
    default:
      return null;
  }
}

/** The fresh records of one batch folded per ticket, in sequence order. */
export function foldVisitFacts(records: SyncRecord[]): Map<number, PartialVisit> {
  const visits = new Map<number, PartialVisit>();
  for (const record of records) {
    const found = visitPartOf(record);
    if (!found) continue;
    visits.set(found.ticketId, mergeVisits(visits.get(found.ticketId) ?? EMPTY_VISIT, found.part));
  }
  return visits;
}

/** A visit row as `visits` holds it (the columns written; the generated ones follow from them). */
export interface VisitRow {
  device_id: string;
  ticket_id: number;
  centre_id: string;
  local_day: string;
  issued_at: string;
  issued_service_id: string;
  language: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  outcome: VisitOutcome;
  outcome_at: string;
  outcome_service_id: string | null;
  desk_id: string | null;
  desk_at: string | null;
  rating_offered: boolean;
  score: number | null;
  reasons: string[];
  rated_at: string | null;
}

/** The row of a visit whose ticket is held; a ticket not yet called is waiting since its issue. */
export function visitRow(deviceId: string, centreId: string, ticketId: number, visit: PartialVisit): VisitRow | null {
  const { ticket } = visit;
  if (!ticket) return null;
  return {
    device_id: deviceId,
    ticket_id: ticketId,
    centre_id: centreId,
    local_day: ticket.localDay,
    issued_at: ticket.issuedAt,
    issued_service_id: ticket.serviceId,
    language: ticket.language,
    called_at: visit.calledAt,
    started_at: visit.startedAt,
    finished_at: visit.finishedAt,
    outcome: visit.outcome?.value.state ?? 'waiting',
    outcome_at: visit.outcome?.at ?? ticket.issuedAt,
    outcome_service_id: visit.outcome?.value.serviceId ?? null,
    desk_id: visit.desk?.value ?? null,
    desk_at: visit.desk?.at ?? null,
    rating_offered: visit.ratingOffered,
    score: visit.rating?.value.score ?? null,
    reasons: visit.rating?.value.reasons ?? [],
    rated_at: visit.rating?.at ?? null,
  };
}

/** A held row read back as a partial visit, to merge new facts into. */
export function partialOfRow(row: VisitRow): PartialVisit {
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    ticket: {
      localDay: row.local_day,
      issuedAt: iso(row.issued_at)!,
      serviceId: row.issued_service_id,
      language: row.language,
    },
    calledAt: iso(row.called_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    // A visit never stepped is 'waiting' at its issue with no step's service: not a step to keep.
    outcome:
      row.outcome_service_id === null
        ? null
        : { value: { state: row.outcome, serviceId: row.outcome_service_id }, at: iso(row.outcome_at)! },
    desk: row.desk_id === null ? null : { value: row.desk_id, at: iso(row.desk_at)! },
    rating: row.score === null ? null : { value: { score: row.score, reasons: row.reasons }, at: iso(row.rated_at)! },
    ratingOffered: row.rating_offered,
  };
}

/** The local days a batch's tickets may be held under: the days of their facts, a day either side. */
export function lookupDays(records: SyncRecord[]): { from: string; to: string } | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const record of records) {
    if (!visitPartOf(record)) continue;
    const day = record.fact.kind === 'ticket-issued' ? record.fact.localDay : record.at.slice(0, 10);
    first = earliest(first, day);
    last = latest(last, day);
  }
  if (first === null || last === null) return null;
  const shift = (day: string, days: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { from: shift(first, -2), to: shift(last, 2) };
}
