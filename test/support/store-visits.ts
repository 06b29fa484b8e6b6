import { KioskConfig } from '../../main/core/config';
import type { Outbox } from '../../main/core/ports';
import { groupNumbering } from '../../main/core/queue/numbering';
import type { SqliteStore } from '../../main/store/sqlite-store';

const numbering = groupNumbering(KioskConfig.parse({}).numbering, 'A');
/** A bus serves about 300 visitors a day: a month offline is about 9,000 visits. */
const VISITS_PER_DAY = 300;
const FIRST_DAY = Date.parse('2026-10-21T05:00:00Z');
const DAY_MS = 86_400_000;
export const RECORDS_PER_VISIT = 4;

/**
 * Serves `visits` visits through the kiosk's own SQLite store, each a ticket issued, printed and
 * rated: four outbox records per visit (issued, printed, offered a rating, rated), written by the
 * store as the kiosk writes them. Visits go
 * on from the store's last ticket, 300 a day from `firstDay` (a time in ms). Returns the outbox's last sequence.
 */
export function serveVisits(store: SqliteStore, visits: number, firstDay = FIRST_DAY): number {
  for (let i = 0; i < visits; i += 1) {
    const index = Math.floor(store.outboxState().lastSeq / RECORDS_PER_VISIT);
    const day = Math.floor(index / VISITS_PER_DAY);
    const issuedAt = new Date(firstDay + day * DAY_MS + (index % VISITS_PER_DAY) * 60_000);
    const issued = store.issueTicket({
      group: 'A',
      numbering,
      localDay: issuedAt.toISOString().slice(0, 10),
      serviceId: index % 3 === 0 ? 'passport' : 'residence-permit',
      language: (['az', 'ru', 'en'] as const)[index % 3]!,
      priority: null,
      issuedAt,
      peopleAhead: index % 7,
      estimatedWaitMinutes: 12,
      dailyLimit: null,
    });
    if (!issued.ok) throw new Error(`visit ${index + 1}: no ticket issued (${issued.reason})`);
    const { id } = issued.ticket;
    store.recordPrintOutcome(id, 'printed', null, issuedAt);
    const endedAt = new Date(issuedAt.getTime() + 20 * 60_000).toISOString();
    store.saveRating({
      ticketId: id,
      score: ((index % 5) + 1) as 1 | 2 | 3 | 4 | 5,
      reasons: [],
      language: issued.ticket.language,
      serviceId: issued.ticket.serviceId,
      deskId: '1',
      visitEndedAt: endedAt,
      ratedAt: endedAt,
    });
  }
  return store.outboxState().lastSeq;
}

/** The store as the sync worker sees it, with every page read recorded (to check batches are bounded). */
export function recordingReads(outbox: Outbox): {
  outbox: Outbox;
  reads: Array<{ afterSeq: number; limit: number; returned: number }>;
} {
  const reads: Array<{ afterSeq: number; limit: number; returned: number }> = [];
  return {
    reads,
    outbox: {
      readOutbox: (afterSeq, limit) => {
        const page = outbox.readOutbox(afterSeq, limit);
        reads.push({ afterSeq, limit, returned: page.length });
        return page;
      },
      acknowledgeOutbox: (seq, at) => outbox.acknowledgeOutbox(seq, at),
      outboxState: () => outbox.outboxState(),
      recordPrinterState: (status, at) => outbox.recordPrinterState(status, at),
      recordReleaseApplied: (release, version, at) => outbox.recordReleaseApplied(release, version, at),
    },
  };
}
