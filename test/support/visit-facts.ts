import type { RatingReason } from '../../main/contract';
import type { SyncFact, SyncRecord } from '../../main/contract/sync';
export { seededRandom } from './seeded-random';

/*
 * Visits as a hall server or bus reports them: the facts its store writes for each ticket (issued,
 * printed, called, started, finished or no-show, offered a rating, rated), stamped with the
 * device's clock, to be sent up in sequence. For the monitoring's tests and bench.
 */

export interface VisitPlan {
  ticketId: number;
  issuedAt: Date;
  /** The ticket's day on the centre's wall. */
  localDay: string;
  serviceId: string;
  language?: 'az' | 'ru' | 'en' | 'kk' | 'ky' | 'uz';
  deskId?: string;
  /** Seconds from issue to the first call; absent: never called (still waiting). */
  waitSeconds?: number;
  /** Called and never came. */
  noShow?: boolean;
  /** Seconds from start to finish; absent: still being served (when called and not a no-show). */
  serviceSeconds?: number;
  offered?: boolean;
  score?: 1 | 2 | 3 | 4 | 5;
  reasons?: RatingReason[];
}

/** The visit's facts with the device clock's time of each, in the order the device writes them. */
export function visitFacts(plan: VisitPlan): Array<{ at: Date; fact: SyncFact }> {
  const at = (seconds: number) => new Date(plan.issuedAt.getTime() + seconds * 1000);
  const { ticketId, serviceId } = plan;
  const deskId = plan.deskId ?? '1';
  const facts: Array<{ at: Date; fact: SyncFact }> = [
    {
      at: plan.issuedAt,
      fact: {
        kind: 'ticket-issued',
        ticketId,
        number: `A-${String(ticketId % 1000).padStart(3, '0')}`,
        group: 'A',
        sequence: ticketId,
        localDay: plan.localDay,
        serviceId,
        language: plan.language ?? 'az',
        priority: null,
        peopleAhead: 0,
        estimatedWaitMinutes: null,
      },
    },
    { at: plan.issuedAt, fact: { kind: 'print-outcome', ticketId, status: 'printed', error: null } },
  ];
  if (plan.waitSeconds === undefined) return facts;
  const called = plan.waitSeconds;
  facts.push({
    at: at(called),
    fact: { kind: 'visit-step', ticketId, step: 'called', stateAfter: 'called', deskId, serviceId },
  });
  if (plan.noShow) {
    facts.push({
      at: at(called + 180),
      fact: { kind: 'visit-step', ticketId, step: 'no-show', stateAfter: 'no-show', deskId, serviceId },
    });
    return facts;
  }
  const started = called + 30;
  facts.push({
    at: at(started),
    fact: { kind: 'visit-step', ticketId, step: 'started', stateAfter: 'serving', deskId, serviceId },
  });
  if (plan.serviceSeconds === undefined) return facts;
  const finished = started + plan.serviceSeconds;
  facts.push({
    at: at(finished),
    fact: { kind: 'visit-step', ticketId, step: 'finished', stateAfter: 'done', deskId, serviceId },
  });
  if (!plan.offered) return facts;
  facts.push({ at: at(finished + 1), fact: { kind: 'rating-offered', ticketId } });
  if (plan.score === undefined) return facts;
  const rating = { ticketId, language: plan.language ?? 'az', serviceId, deskId } as const;
  facts.push({
    at: at(finished + 5),
    fact: { kind: 'rating', step: 'tapped', score: plan.score, reasons: [], ...rating },
  });
  if (plan.reasons && plan.reasons.length > 0) {
    facts.push({
      at: at(finished + 9),
      fact: { kind: 'rating', step: 'reasons-set', score: plan.score, reasons: plan.reasons, ...rating },
    });
  }
  return facts;
}

/** A printer's state as the device reports it: online, cover shut, with paper or without. */
export function printerStateFact(paper: 'ok' | 'near-end' | 'out'): SyncFact {
  return {
    kind: 'printer-state',
    status: {
      connection: 'online',
      paper,
      coverOpen: false,
      cutterError: false,
      otherError: false,
      checkedAt: null,
      detail: null,
    },
  };
}

/** Facts of many visits as one device's outbox: in the device clock's order, numbered from `firstSeq`. */
export function outboxOf(facts: Array<{ at: Date; fact: SyncFact }>, firstSeq = 1): SyncRecord[] {
  return facts
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index)
    .map((entry, index) => ({ seq: firstSeq + index, at: entry.at.toISOString(), fact: entry.fact }));
}

/** The day an instant falls on in a time zone (YYYY-MM-DD). */
export function localDayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
