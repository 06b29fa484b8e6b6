import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  HandedOverTicket,
  Language,
  PrinterStatus,
  PrintStatus,
  Rating,
  RatingReason,
  SyncFact,
  SyncRecord,
  Ticket,
  VisitState,
} from '../contract';
import { StorageUnavailableError } from '../core/ports';
import type {
  HandOverOutcome,
  IssueOutcome,
  KioskStore,
  NewTicket,
  OutboxState,
  PaperRollCount,
  RatingChange,
  RatingEvent,
  VisitEvent,
  VisitEventKind,
  VisitStep,
} from '../core/ports';
import { formatTicketNumber, nextSequence, type GroupNumbering } from '../core/queue/numbering';
import { HallRows } from './hall-rows';
import { ticketIssuedFact } from './ticket-facts';
import { migrate } from './migrations';

interface TicketRow {
  id: number;
  number: string;
  ticket_group: string;
  sequence: number;
  local_day: string;
  service_id: string;
  language: Language;
  priority: string | null;
  issued_at: string;
  print_status: PrintStatus;
  print_error: string | null;
  visit_ended_at: string | null;
  state: VisitState;
  desk_id: string | null;
  called_at: string | null;
  recalls: number;
  serving_started_at: string | null;
  no_show_at: string | null;
  transferred_from: string | null;
  people_ahead: number;
  estimated_wait_minutes: number | null;
  issued_offline: number;
  origin_ref: string | null;
}

interface RatingRow {
  ticket_id: number;
  score: number;
  language: Language;
  rated_at: string;
  /** JSON array of reason ids. */
  reasons: string;
  service_id: string;
  desk_id: string | null;
  visit_ended_at: string;
}

interface RatingEventRow {
  ticket_id: number;
  kind: RatingEvent['kind'];
  score: number;
  /** JSON array of reason ids. */
  reasons: string;
  at: string;
}

interface VisitEventRow {
  ticket_id: number;
  kind: VisitEventKind;
  desk_id: string | null;
  service_id: string;
  at: string;
}

const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  number: row.number,
  group: row.ticket_group,
  sequence: row.sequence,
  localDay: row.local_day,
  serviceId: row.service_id,
  language: row.language,
  priority: row.priority,
  issuedAt: row.issued_at,
  printStatus: row.print_status,
  printError: row.print_error,
  visitEndedAt: row.visit_ended_at,
  state: row.state,
  deskId: row.desk_id,
  calledAt: row.called_at,
  recalls: row.recalls,
  servingStartedAt: row.serving_started_at,
  noShowAt: row.no_show_at,
  transferredFrom: row.transferred_from,
  peopleAhead: row.people_ahead,
  estimatedWaitMinutes: row.estimated_wait_minutes,
  issuedOffline: row.issued_offline === 1,
  // An orphan's ref was set aside (hall-rows.ts): its number was never printed, so it has no page.
  ref: row.origin_ref === null || row.origin_ref.endsWith('#orphan') ? null : row.origin_ref,
});

const toRating = (row: RatingRow): Rating => ({
  ticketId: row.ticket_id,
  score: row.score,
  reasons: JSON.parse(row.reasons) as RatingReason[],
  language: row.language,
  serviceId: row.service_id,
  deskId: row.desk_id,
  visitEndedAt: row.visit_ended_at,
  ratedAt: row.rated_at,
});

const toRatingEvent = (row: RatingEventRow): RatingEvent => ({
  ticketId: row.ticket_id,
  kind: row.kind,
  score: row.score,
  reasons: JSON.parse(row.reasons) as RatingReason[],
  at: row.at,
});

const toVisitEvent = (row: VisitEventRow): VisitEvent => ({
  ticketId: row.ticket_id,
  kind: row.kind,
  deskId: row.desk_id,
  serviceId: row.service_id,
  at: row.at,
});

interface OutboxRow {
  seq: number;
  at: string;
  /** The fact as JSON, exactly as appendToOutbox wrote it. */
  fact: string;
}

interface VisitStepBindings {
  id: number;
  state: VisitState;
  at: string;
  desk: string | null;
  service: string;
}

/**
 * What each step writes on the ticket row. `@at`, `@desk` and `@service` are bound per step; the
 * state guard (`from`) is added by recordVisitStep.
 */
const VISIT_STEP_UPDATES: Record<VisitStep['kind'], string> = {
  called: "state = 'called', desk_id = @desk, called_at = @at, recalls = 0",
  recalled: 'recalls = recalls + 1',
  started: "state = 'serving', serving_started_at = @at",
  finished: "state = 'done', visit_ended_at = @at",
  'no-show': "state = 'no-show', no_show_at = @at",
  // Back to waiting for another service with the same number; the first service is remembered.
  transferred: `state = 'waiting', transferred_from = COALESCE(transferred_from, service_id), service_id = @service,
    desk_id = NULL, called_at = NULL, recalls = 0, serving_started_at = NULL`,
};

/**
 * Tickets and ratings in one SQLite file. WAL with synchronous=FULL makes every committed
 * transaction survive a power cut, which is what "no ticket and no rating lost" needs.
 *
 * Every change is also written as a fact to the outbox (appendToOutbox) inside the same
 * transaction, so a kill leaves neither a change without its fact nor a fact without its change,
 * and a refused change (a daily limit, a step from the wrong state, a second rating) writes none.
 */
export class SqliteStore implements KioskStore {
  /** Protected so tests can provoke what a full disk or a read-only folder does (PRAGMA max_page_count, query_only). */
  protected readonly db: Database.Database;
  private readonly statements;
  private readonly issueInTransaction: (ticket: NewTicket) => IssueOutcome;
  private readonly stepInTransaction: (step: VisitStep) => Ticket | undefined;
  private readonly saveRatingInTransaction: (rating: Rating) => Rating | undefined;
  private readonly updateRatingInTransaction: (change: RatingChange) => Rating | undefined;
  private readonly printOutcomeInTransaction: (
    ticketId: number,
    status: 'printed' | 'failed',
    error: string | null,
    at: Date,
  ) => Ticket;
  private readonly interruptedInTransaction: (reason: string, at: Date) => Ticket[];
  private readonly claimReprintInTransaction: (ticketId: number, at: Date) => Ticket | undefined;
  private readonly ratingOfferInTransaction: (ticketId: number, at: Date) => string;
  private readonly paperRollInTransaction: (at: Date) => void;
  private readonly hall: HallRows;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // First: a second process opening the same file waits for the lock rather than failing.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    this.statements = {
      ticketsOfServiceToday: this.db.prepare<[string, string], { count: number }>(
        'SELECT COUNT(*) AS count FROM tickets WHERE local_day = ? AND service_id = ?',
      ),
      // The last number of the group's range taken today, blocks reserved for a hall's kiosks left
      // out: a server counts on past a kiosk's handed-over tickets, a kiosk within its own block.
      lastSequence: this.db.prepare<[string, string, number, number, string], { last: number | null }>(
        `SELECT MAX(sequence) AS last FROM tickets WHERE local_day = ? AND ticket_group = ? AND sequence BETWEEN ? AND ?
           AND NOT EXISTS (SELECT 1 FROM json_each(?) AS r
             WHERE sequence BETWEEN r.value ->> '$.start' AND r.value ->> '$.end')`,
      ),
      ticketByOriginRef: this.db.prepare<[string], { id: number }>('SELECT id FROM tickets WHERE origin_ref = ?'),
      ticketByRef: this.db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE origin_ref = ?'),
      insertTicket: this.db.prepare<
        [
          string,
          string,
          number,
          string,
          string,
          string,
          string | null,
          string,
          number,
          number | null,
          string | null,
          string | null,
          number,
          string | null,
        ]
      >(
        `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, priority, issued_at,
           people_ahead, estimated_wait_minutes, print_status, origin_ref, origin_kiosk, issued_offline, handed_over_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
      ),
      insertVisitEvent: this.db.prepare<[number, VisitEventKind, string | null, string, string]>(
        'INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at) VALUES (?, ?, ?, ?, ?)',
      ),
      visitEventsOfDay: this.db.prepare<[string], VisitEventRow>(
        `SELECT e.ticket_id, e.kind, e.desk_id, e.service_id, e.at FROM visit_events e
         JOIN tickets t ON t.id = e.ticket_id WHERE t.local_day = ? ORDER BY e.id`,
      ),
      recentServingMinutes: this.db.prepare<[string, number], { minutes: number }>(
        `SELECT minutes FROM (
           SELECT (julianday(visit_ended_at) - julianday(serving_started_at)) * 1440 AS minutes, visit_ended_at
           FROM tickets WHERE service_id = ? AND state = 'done' AND serving_started_at IS NOT NULL
           ORDER BY visit_ended_at DESC LIMIT ?
         ) ORDER BY visit_ended_at`,
      ),
      ratingsOfDay: this.db.prepare<[string], RatingRow>(
        'SELECT r.* FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE t.local_day = ? ORDER BY r.rated_at',
      ),
      ticketById: this.db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      ticketByNumber: this.db.prepare<[string, string], TicketRow>(
        'SELECT * FROM tickets WHERE local_day = ? AND number = ?',
      ),
      ticketsOfDay: this.db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE local_day = ? ORDER BY id DESC'),
      // A new outcome is handed over again (a kiosk of a hall; elsewhere handed_over_at stays unused).
      setPrintOutcome: this.db.prepare<[string, string | null, string, number]>(
        'UPDATE tickets SET print_status = ?, print_error = ?, print_outcome_at = ?, handed_over_at = NULL WHERE id = ?',
      ),
      markInterrupted: this.db.prepare<[string, string], TicketRow>(
        `UPDATE tickets SET print_status = 'interrupted', print_error = ?, print_outcome_at = ?, handed_over_at = NULL
         WHERE print_status = 'pending' RETURNING *`,
      ),
      // The one place a reprint is decided: the guard is in the UPDATE, so two claims cannot both win.
      claimReprint: this.db.prepare<[number]>(
        `UPDATE tickets SET print_status = 'pending', print_error = NULL, print_outcome_at = NULL, handed_over_at = NULL
         WHERE id = ? AND print_status IN ('failed', 'interrupted')`,
      ),
      insertRating: this.db.prepare<[number, number, string, string, string, string, string | null, string]>(
        `INSERT INTO ratings (ticket_id, score, language, rated_at, reasons, service_id, desk_id, visit_ended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING`,
      ),
      ratingByTicket: this.db.prepare<[number], RatingRow>('SELECT * FROM ratings WHERE ticket_id = ?'),
      updateRating: this.db.prepare<[number, string, number]>(
        'UPDATE ratings SET score = ?, reasons = ? WHERE ticket_id = ?',
      ),
      insertRatingEvent: this.db.prepare<[number, string, number, string, string]>(
        'INSERT INTO rating_events (ticket_id, kind, score, reasons, at) VALUES (?, ?, ?, ?, ?)',
      ),
      ratingEventsOfTicket: this.db.prepare<[number], RatingEventRow>(
        'SELECT * FROM rating_events WHERE ticket_id = ? ORDER BY id',
      ),
      insertRatingOffer: this.db.prepare<[number, string]>(
        'INSERT INTO rating_offers (ticket_id, offered_at) VALUES (?, ?) ON CONFLICT (ticket_id) DO NOTHING',
      ),
      ratingOfferOfTicket: this.db.prepare<[number], { offered_at: string }>(
        'SELECT offered_at FROM rating_offers WHERE ticket_id = ?',
      ),
      ratingOffersOfDay: this.db.prepare<[string], { ticket_id: number }>(
        'SELECT o.ticket_id FROM rating_offers o JOIN tickets t ON t.id = o.ticket_id WHERE t.local_day = ?',
      ),
      insertPaperRoll: this.db.prepare<[string]>('INSERT INTO paper_rolls (loaded_at) VALUES (?)'),
      lastPaperRoll: this.db.prepare<[], { loaded_at: string }>(
        'SELECT loaded_at FROM paper_rolls ORDER BY id DESC LIMIT 1',
      ),
      printedSince: this.db.prepare<[string], { count: number }>(
        "SELECT COUNT(*) AS count FROM tickets WHERE print_status = 'printed' AND print_outcome_at >= ?",
      ),
      appendOutbox: this.db.prepare<[string, SyncFact['kind'], string]>(
        'INSERT INTO outbox (at, kind, fact) VALUES (?, ?, ?)',
      ),
      outboxAfter: this.db.prepare<[number, number], OutboxRow>(
        'SELECT seq, at, fact FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      outboxState: this.db.prepare<[], { last_seq: number; acknowledged_seq: number; acknowledged_at: string | null }>(
        `SELECT (SELECT COALESCE(MAX(seq), 0) FROM outbox) AS last_seq, acknowledged_seq, acknowledged_at
         FROM outbox_sync WHERE id = 1`,
      ),
      // The guard keeps the acknowledgement from moving backwards: a late answer to an older batch
      // changes nothing.
      acknowledgeOutbox: this.db.prepare<[number, string, number]>(
        'UPDATE outbox_sync SET acknowledged_seq = ?, acknowledged_at = ? WHERE id = 1 AND acknowledged_seq < ?',
      ),
    };
    // IMMEDIATE takes the write lock before reading the counter, so two processes sharing the
    // file can never both read the same "next" number.
    // The next number is derived from the tickets themselves, not from a separate counter, so a
    // crash can leave neither a gap nor a duplicate: a number exists exactly when its ticket does.
    const issue = this.db.transaction((ticket: NewTicket): IssueOutcome => {
      if (ticket.dailyLimit !== null) {
        const issued = this.statements.ticketsOfServiceToday.get(ticket.localDay, ticket.serviceId)?.count ?? 0;
        if (issued >= ticket.dailyLimit) return { ok: false, reason: 'daily-limit-reached' };
      }
      // The same request again (its answer was lost on the way to the hall's kiosk): the same ticket.
      const asked = ticket.origin && this.statements.ticketByOriginRef.get(ticket.origin.ref);
      if (asked) return { ok: true, ticket: this.requireTicket(asked.id) };
      const reserved = ticket.reserved ?? [];
      const { start, end } = ticket.numbering;
      const last =
        this.statements.lastSequence.get(ticket.localDay, ticket.group, start, end, JSON.stringify(reserved))?.last ??
        undefined;
      const next = nextFreeSequence(last, ticket.numbering, reserved);
      if (next === undefined) return { ok: false, reason: 'numbers-exhausted' };
      const { lastInsertRowid } = this.statements.insertTicket.run(
        formatTicketNumber(ticket.group, next, ticket.numbering.width),
        ticket.group,
        next,
        ticket.localDay,
        ticket.serviceId,
        ticket.language,
        ticket.priority,
        ticket.issuedAt.toISOString(),
        ticket.peopleAhead,
        ticket.estimatedWaitMinutes,
        ticket.origin?.ref ?? null,
        ticket.origin?.kioskId ?? null,
        ticket.issuedOffline ? 1 : 0,
        // A server's ticket for a kiosk has nothing to hand over; a kiosk's own block ticket has.
        ticket.origin?.kioskId ? ticket.issuedAt.toISOString() : null,
      );
      const id = Number(lastInsertRowid);
      const issuedAt = ticket.issuedAt.toISOString();
      this.statements.insertVisitEvent.run(id, 'issued', null, ticket.serviceId, issuedAt);
      const issued = this.requireTicket(id);
      this.appendToOutbox(issuedAt, ticketIssuedFact(issued));
      return { ok: true, ticket: issued };
    });
    this.issueInTransaction = (ticket) => issue.immediate(ticket);
    const stepUpdates = Object.fromEntries(
      Object.entries(VISIT_STEP_UPDATES).map(([kind, set]) => [
        kind,
        this.db.prepare<[VisitStepBindings]>(`UPDATE tickets SET ${set} WHERE id = @id AND state = @state`),
      ]),
    ) as Record<VisitStep['kind'], Database.Statement<[VisitStepBindings]>>;
    const step = this.db.transaction((visitStep: VisitStep): Ticket | undefined => {
      const before = this.getTicket(visitStep.ticketId);
      if (!before || !visitStep.from.includes(before.state)) return undefined;
      const serviceId = visitStep.toServiceId ?? before.serviceId;
      // The guard repeats the check above inside the UPDATE, so the row and the check cannot part.
      const { changes } = stepUpdates[visitStep.kind].run({
        id: visitStep.ticketId,
        state: before.state,
        at: visitStep.at.toISOString(),
        desk: visitStep.deskId,
        service: serviceId,
      });
      if (changes !== 1) return undefined;
      const at = visitStep.at.toISOString();
      this.statements.insertVisitEvent.run(visitStep.ticketId, visitStep.kind, visitStep.deskId, serviceId, at);
      const after = this.requireTicket(visitStep.ticketId);
      this.appendToOutbox(at, {
        kind: 'visit-step',
        ticketId: visitStep.ticketId,
        step: visitStep.kind,
        stateAfter: after.state,
        deskId: visitStep.deskId,
        serviceId,
      });
      return after;
    });
    this.stepInTransaction = (visitStep) => step.immediate(visitStep);
    // The ratings row and its history are one write: a kill between them would leave a score nobody
    // can account for, or a history step that never happened.
    const save = this.db.transaction((rating: Rating): Rating | undefined => {
      const reasons = JSON.stringify(rating.reasons);
      const { changes } = this.statements.insertRating.run(
        rating.ticketId,
        rating.score,
        rating.language,
        rating.ratedAt,
        reasons,
        rating.serviceId,
        rating.deskId,
        rating.visitEndedAt,
      );
      if (changes !== 1) return undefined;
      // A visit rated without its screen's offer stored first (a desk's rating tablet) is offered
      // now; upstream hears of the offer before the tap, as it happened.
      if (this.statements.insertRatingOffer.run(rating.ticketId, rating.ratedAt).changes === 1) {
        this.appendToOutbox(rating.ratedAt, { kind: 'rating-offered', ticketId: rating.ticketId });
      }
      this.statements.insertRatingEvent.run(rating.ticketId, 'tapped', rating.score, reasons, rating.ratedAt);
      this.appendToOutbox(rating.ratedAt, ratingFact(rating, 'tapped'));
      return rating;
    });
    this.saveRatingInTransaction = (rating) => save.immediate(rating);
    const update = this.db.transaction((change: RatingChange): Rating | undefined => {
      const reasons = JSON.stringify(change.reasons);
      const { changes } = this.statements.updateRating.run(change.score, reasons, change.ticketId);
      if (changes !== 1) return undefined;
      const at = change.at.toISOString();
      this.statements.insertRatingEvent.run(change.ticketId, change.kind, change.score, reasons, at);
      const updated = this.getRating(change.ticketId);
      if (!updated) throw new Error(`the rating of ticket ${change.ticketId} vanished from the store`);
      this.appendToOutbox(at, ratingFact(updated, change.kind));
      return updated;
    });
    this.updateRatingInTransaction = (change) => update.immediate(change);
    // Single statements before the outbox, each is now a transaction with its fact.
    const printOutcome = this.db.transaction(
      (ticketId: number, status: 'printed' | 'failed', error: string | null, at: Date): Ticket => {
        const when = at.toISOString();
        const { changes } = this.statements.setPrintOutcome.run(status, error, when, ticketId);
        if (changes !== 1) throw new Error(`ticket ${ticketId} vanished from the store`);
        this.appendToOutbox(when, { kind: 'print-outcome', ticketId, status, error: upstreamError(error) });
        return this.requireTicket(ticketId);
      },
    );
    this.printOutcomeInTransaction = (ticketId, status, error, at) =>
      printOutcome.immediate(ticketId, status, error, at);
    const interrupted = this.db.transaction((reason: string, at: Date): Ticket[] => {
      const when = at.toISOString();
      const tickets = this.statements.markInterrupted.all(reason, when).map(toTicket);
      for (const ticket of tickets) {
        this.appendToOutbox(when, {
          kind: 'print-outcome',
          ticketId: ticket.id,
          status: 'interrupted',
          error: upstreamError(reason),
        });
      }
      return tickets;
    });
    this.interruptedInTransaction = (reason, at) => interrupted.immediate(reason, at);
    const claim = this.db.transaction((ticketId: number, at: Date): Ticket | undefined => {
      if (this.statements.claimReprint.run(ticketId).changes !== 1) return undefined;
      this.appendToOutbox(at.toISOString(), {
        kind: 'print-outcome',
        ticketId,
        status: 'reprint-claimed',
        error: null,
      });
      return this.requireTicket(ticketId);
    });
    this.claimReprintInTransaction = (ticketId, at) => claim.immediate(ticketId, at);
    const offer = this.db.transaction((ticketId: number, at: Date): string => {
      const when = at.toISOString();
      // Counted once per visit: a screen shown again (a reload) is not a new offer upstream either.
      if (this.statements.insertRatingOffer.run(ticketId, when).changes === 1) {
        this.appendToOutbox(when, { kind: 'rating-offered', ticketId });
      }
      const stored = this.statements.ratingOfferOfTicket.get(ticketId);
      if (!stored) throw new Error(`the rating offer of ticket ${ticketId} vanished from the store`);
      return stored.offered_at;
    });
    this.ratingOfferInTransaction = (ticketId, at) => offer.immediate(ticketId, at);
    const paperRoll = this.db.transaction((at: Date): void => {
      const when = at.toISOString();
      this.statements.insertPaperRoll.run(when);
      this.appendToOutbox(when, { kind: 'paper-roll' });
    });
    this.paperRollInTransaction = (at) => paperRoll.immediate(at);
    this.hall = new HallRows({
      db: this.db,
      appendToOutbox: (at, fact) => this.appendToOutbox(at, fact),
      ticket: (id) => this.requireTicket(id),
      upstreamError,
    });
  }

  storeHallTicket(ticket: Ticket, originRef: string): Ticket {
    return writing(() => this.hall.storeHallTicket(ticket, originRef));
  }

  countTicketsToHandOver(): number {
    return this.hall.countTicketsToHandOver();
  }

  ticketsToHandOver(limit: number): HandedOverTicket[] {
    return this.hall.ticketsToHandOver(limit);
  }

  markHandedOver(held: readonly Pick<HandedOverTicket, 'originRef' | 'printStatus'>[], at: Date): void {
    writing(() => this.hall.markHandedOver(held, at));
  }

  handOverTicket(kioskId: string, ticket: HandedOverTicket, at: Date): HandOverOutcome {
    return writing(() => this.hall.handOverTicket(kioskId, ticket, at));
  }

  issueTicket(ticket: NewTicket): IssueOutcome {
    return writing(() => this.issueInTransaction(ticket));
  }

  recordPrintOutcome(ticketId: number, status: 'printed' | 'failed', error: string | null, at: Date): Ticket {
    return writing(() => this.printOutcomeInTransaction(ticketId, status, error, at));
  }

  markInterruptedPrints(reason: string, at: Date): Ticket[] {
    return writing(() => this.interruptedInTransaction(reason, at));
  }

  claimReprint(ticketId: number, at: Date): Ticket | undefined {
    return writing(() => this.claimReprintInTransaction(ticketId, at));
  }

  getTicket(ticketId: number): Ticket | undefined {
    const row = this.statements.ticketById.get(ticketId);
    return row && toTicket(row);
  }

  findTicketByRef(ref: string): Ticket | undefined {
    const row = this.statements.ticketByRef.get(ref);
    return row && toTicket(row);
  }

  findTicket(localDay: string, number: string): Ticket | undefined {
    const row = this.statements.ticketByNumber.get(localDay, number);
    return row && toTicket(row);
  }

  listTickets(localDay: string): Ticket[] {
    return this.statements.ticketsOfDay.all(localDay).map(toTicket);
  }

  recordVisitStep(step: VisitStep): Ticket | undefined {
    return this.stepInTransaction(step);
  }

  listVisitEvents(localDay: string): VisitEvent[] {
    return this.statements.visitEventsOfDay.all(localDay).map(toVisitEvent);
  }

  recentServingMinutes(serviceId: string, limit: number): number[] {
    return this.statements.recentServingMinutes.all(serviceId, limit).map((row) => row.minutes);
  }

  saveRating(rating: Rating): Rating | undefined {
    return this.saveRatingInTransaction(rating);
  }

  updateRating(change: RatingChange): Rating | undefined {
    return this.updateRatingInTransaction(change);
  }

  listRatingEvents(ticketId: number): RatingEvent[] {
    return this.statements.ratingEventsOfTicket.all(ticketId).map(toRatingEvent);
  }

  recordRatingOffer(ticketId: number, at: Date): string {
    return this.ratingOfferInTransaction(ticketId, at);
  }

  listRatingOffers(localDay: string): number[] {
    return this.statements.ratingOffersOfDay.all(localDay).map((row) => row.ticket_id);
  }

  listRatings(localDay: string): Rating[] {
    return this.statements.ratingsOfDay.all(localDay).map(toRating);
  }

  getRating(ticketId: number): Rating | undefined {
    const row = this.statements.ratingByTicket.get(ticketId);
    return row && toRating(row);
  }

  recordPaperRoll(at: Date): void {
    writing(() => this.paperRollInTransaction(at));
  }

  recordPrinterState(status: PrinterStatus, at: Date): void {
    // One statement, so one transaction already: nothing else is stored about the printer's state.
    writing(() => this.appendToOutbox(at.toISOString(), { kind: 'printer-state', status }));
  }

  recordReleaseApplied(release: 'catalog' | 'settings', version: string, at: Date): void {
    writing(() => this.appendToOutbox(at.toISOString(), { kind: 'release-applied', release, version }));
  }

  readOutbox(afterSeq: number, limit: number): SyncRecord[] {
    return this.statements.outboxAfter
      .all(afterSeq, limit)
      .map((row) => ({ seq: row.seq, at: row.at, fact: JSON.parse(row.fact) as SyncFact }));
  }

  acknowledgeOutbox(seq: number, at: Date): void {
    const { lastSeq } = this.outboxState();
    // An acknowledgement of records this outbox never wrote (the central server mixed up devices, or
    // this database was replaced) would mark future records as delivered before they are sent.
    if (seq > lastSeq) throw new RangeError(`acknowledged sequence ${seq} is past the last one written (${lastSeq})`);
    writing(() => this.statements.acknowledgeOutbox.run(seq, at.toISOString(), seq));
  }

  outboxState(): OutboxState {
    const row = this.statements.outboxState.get();
    if (!row) throw new Error('the outbox_sync row is missing: the database was changed by hand');
    return { lastSeq: row.last_seq, acknowledgedSeq: row.acknowledged_seq, lastAcknowledgedAt: row.acknowledged_at };
  }

  paperRoll(): PaperRollCount {
    const since = this.statements.lastPaperRoll.get()?.loaded_at ?? null;
    // Before the first roll change is seen, every printed ticket counts: the kiosk's first roll.
    const { count } = this.statements.printedSince.get(since ?? '') ?? { count: 0 };
    return { since, ticketsPrinted: count };
  }

  close(): void {
    this.db.close();
  }

  /**
   * The one place a fact enters the outbox; called only inside the transaction of the change it
   * records. Protected for the bench's baseline alone (scripts/bench.ts measures the kiosk with
   * this doing nothing); nothing else may override it.
   */
  protected appendToOutbox(at: string, fact: SyncFact): void {
    this.statements.appendOutbox.run(at, fact.kind, JSON.stringify(fact));
  }

  private requireTicket(ticketId: number): Ticket {
    const ticket = this.getTicket(ticketId);
    if (!ticket) throw new Error(`ticket ${ticketId} vanished from the store`);
    return ticket;
  }
}

/**
 * A print error as upstream takes it: at most PrintOutcomeFact's 2,000 characters (a longer one would
 * have the whole batch refused, and the outbox stuck behind it); the ticket row keeps it whole.
 */
const UPSTREAM_ERROR_MAX = 2000;
const upstreamError = (error: string | null): string | null =>
  error === null || error.length <= UPSTREAM_ERROR_MAX ? error : `${error.slice(0, UPSTREAM_ERROR_MAX - 1)}…`;

/** A rating step as upstream hears it: the score and reasons after the step, with the visit's facts. */
const ratingFact = (rating: Rating, step: RatingEvent['kind']): SyncFact => ({
  kind: 'rating',
  ticketId: rating.ticketId,
  step,
  score: rating.score,
  reasons: rating.reasons,
  language: rating.language,
  serviceId: rating.serviceId,
  deskId: rating.deskId,
});

/** The next sequence of the range after `last`, stepping over reserved blocks; undefined when the range is used up. */
function nextFreeSequence(
  last: number | undefined,
  numbering: GroupNumbering,
  reserved: readonly { start: number; end: number }[],
): number | undefined {
  let next = nextSequence(last, numbering);
  for (let moved = true; moved && next !== undefined;) {
    const candidate: number = next;
    const block = reserved.find((range) => candidate >= range.start && candidate <= range.end);
    moved = block !== undefined;
    if (block) next = block.end + 1 > numbering.end ? undefined : block.end + 1;
  }
  return next;
}

/** SQLite's answers that mean the data cannot be written now: the disk, the folder or the file, not the request. */
const STORAGE_FAULTS = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED)/;

/** Runs a write; a storage fault becomes StorageUnavailableError (the core's port), anything else is rethrown. */
function writing<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof Database.SqliteError && STORAGE_FAULTS.test(error.code)) {
      throw new StorageUnavailableError(error.code, { cause: error });
    }
    throw error;
  }
}
