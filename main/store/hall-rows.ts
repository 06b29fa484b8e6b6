import Database from 'better-sqlite3';
import type { HandedOverTicket, SyncFact, Ticket } from '../contract';
import type { HandOverOutcome } from '../core/ports';
import { ticketIssuedFact } from './ticket-facts';

/** The columns of a tickets row the hall writes whole (a kiosk's copy, or a ticket handed over). */
interface HallTicketRow {
  number: string;
  group: string;
  sequence: number;
  localDay: string;
  serviceId: string;
  language: string;
  priority: string | null;
  issuedAt: string;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
  printStatus: Ticket['printStatus'];
  printError: string | null;
  printOutcomeAt: string | null;
  originRef: string;
  originKiosk: string | null;
  issuedOffline: 0 | 1;
  handedOverAt: string | null;
}

interface HandOverRow {
  origin_ref: string;
  number: string;
  ticket_group: string;
  sequence: number;
  local_day: string;
  service_id: string;
  language: HandedOverTicket['language'];
  priority: string | null;
  issued_at: string;
  print_status: HandedOverTicket['printStatus'];
  print_error: string | null;
  issued_offline: number;
}

/** A kiosk's ticket the server does not hold as it is now: numbered here (a ref), printed or failed, not handed over. */
const TO_HAND_OVER = "origin_ref IS NOT NULL AND handed_over_at IS NULL AND print_status <> 'pending'";

export interface HallRowParts {
  db: Database.Database;
  /** The store's one way into the outbox, inside the transaction of the change. */
  appendToOutbox(at: string, fact: SyncFact): void;
  ticket(id: number): Ticket;
  /** A print error as upstream takes it (cut to the contract's length). */
  upstreamError(error: string | null): string | null;
}

/**
 * The tickets a hall shares between its server and its kiosks (main/contract/hall.ts), in the same
 * tickets table and outbox as a kiosk's own: a kiosk's copy of a ticket its server numbered, the
 * tickets a kiosk still has to hand over, and, on the server, each ticket a kiosk hands over.
 */
export class HallRows {
  private readonly statements;
  private readonly storeCopy: (ticket: Ticket, originRef: string) => Ticket;
  private readonly handOver: (kioskId: string, ticket: HandedOverTicket, at: Date) => HandOverOutcome;

  constructor(private readonly parts: HallRowParts) {
    const { db } = parts;
    this.statements = {
      byOriginRef: db.prepare<
        [string],
        { id: number; number: string; print_status: string; print_error: string | null; state: string }
      >('SELECT id, number, print_status, print_error, state FROM tickets WHERE origin_ref = ?'),
      insert: db.prepare<[HallTicketRow]>(
        `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, priority, issued_at,
           people_ahead, estimated_wait_minutes, print_status, print_error, print_outcome_at,
           origin_ref, origin_kiosk, issued_offline, handed_over_at)
         VALUES (@number, @group, @sequence, @localDay, @serviceId, @language, @priority, @issuedAt,
           @peopleAhead, @estimatedWaitMinutes, @printStatus, @printError, @printOutcomeAt,
           @originRef, @originKiosk, @issuedOffline, @handedOverAt)`,
      ),
      insertIssuedEvent: db.prepare<[number, string, string]>(
        "INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at) VALUES (?, 'issued', NULL, ?, ?)",
      ),
      toHandOver: db.prepare<[number], HandOverRow>(
        `SELECT origin_ref, number, ticket_group, sequence, local_day, service_id, language, priority, issued_at,
           print_status, print_error, issued_offline
         FROM tickets WHERE ${TO_HAND_OVER} ORDER BY id LIMIT ?`,
      ),
      countToHandOver: db.prepare<[], { count: number }>(`SELECT COUNT(*) AS count FROM tickets WHERE ${TO_HAND_OVER}`),
      // Guarded by the outcome sent: an outcome that changed while the batch was on its way stays to hand over.
      markHandedOver: db.prepare<[string, string, string]>(
        'UPDATE tickets SET handed_over_at = ? WHERE origin_ref = ? AND print_status = ?',
      ),
      setOutcome: db.prepare<[string, string | null, string, number]>(
        'UPDATE tickets SET print_status = ?, print_error = ?, print_outcome_at = ? WHERE id = ?',
      ),
      orphan: db.prepare<[string, string, number]>(
        `UPDATE tickets SET print_status = 'failed', print_error = ?, print_outcome_at = ?,
           origin_ref = origin_ref || '#orphan' WHERE id = ?`,
      ),
      orphanLeavesQueue: db.prepare<[string, number]>(
        "UPDATE tickets SET state = 'no-show', no_show_at = ? WHERE id = ? AND state = 'waiting'",
      ),
      insertNoShowEvent: db.prepare<[number, string, string]>(
        "INSERT INTO visit_events (ticket_id, kind, desk_id, service_id, at) VALUES (?, 'no-show', NULL, ?, ?)",
      ),
    };

    const copy = db.transaction((ticket: Ticket, originRef: string): Ticket => {
      const existing = this.statements.byOriginRef.get(originRef);
      if (existing) return parts.ticket(existing.id);
      return this.insert({
        ...rowOf(ticket),
        printStatus: 'pending',
        printError: null,
        printOutcomeAt: null,
        originRef,
        originKiosk: null,
        issuedOffline: 0,
        handedOverAt: null,
      });
    });
    this.storeCopy = (ticket, originRef) => copy.immediate(ticket, originRef);

    const handOver = db.transaction((kioskId: string, ticket: HandedOverTicket, at: Date): HandOverOutcome => {
      const when = at.toISOString();
      const existing = this.statements.byOriginRef.get(ticket.originRef);
      if (existing && existing.number === ticket.number) {
        if (existing.print_status === ticket.printStatus && existing.print_error === ticket.printError)
          return { kind: 'unchanged', ticket: parts.ticket(existing.id) };
        // The kiosk knows its own printer: its outcome replaces the server's (`interrupted` after a
        // server restart becomes `printed` once the kiosk says so).
        this.statements.setOutcome.run(ticket.printStatus, ticket.printError, when, existing.id);
        this.printOutcomeFact(existing.id, ticket, when);
        return { kind: 'updated', ticket: parts.ticket(existing.id) };
      }
      if (existing) this.orphan(existing, ticket, when);
      const added = this.insert({
        ...rowOf({ ...ticket, peopleAhead: 0, estimatedWaitMinutes: null }),
        printStatus: ticket.printStatus,
        printError: ticket.printError,
        printOutcomeAt: when,
        originRef: ticket.originRef,
        originKiosk: kioskId,
        issuedOffline: ticket.issuedOffline ? 1 : 0,
        handedOverAt: when,
      });
      this.printOutcomeFact(added.id, ticket, when);
      return { kind: existing ? 'replaced-orphan' : 'added', ticket: added };
    });
    this.handOver = (kioskId, ticket, at) => handOver.immediate(kioskId, ticket, at);
  }

  storeHallTicket(ticket: Ticket, originRef: string): Ticket {
    return this.storeCopy(ticket, originRef);
  }

  countTicketsToHandOver(): number {
    return this.statements.countToHandOver.get()!.count;
  }

  ticketsToHandOver(limit: number): HandedOverTicket[] {
    return this.statements.toHandOver.all(limit).map((row) => ({
      originRef: row.origin_ref,
      number: row.number,
      group: row.ticket_group,
      sequence: row.sequence,
      localDay: row.local_day,
      serviceId: row.service_id,
      language: row.language,
      priority: row.priority,
      issuedAt: row.issued_at,
      printStatus: row.print_status,
      printError: this.parts.upstreamError(row.print_error),
      issuedOffline: row.issued_offline === 1,
    }));
  }

  markHandedOver(held: readonly Pick<HandedOverTicket, 'originRef' | 'printStatus'>[], at: Date): void {
    const when = at.toISOString();
    this.parts.db.transaction(() => {
      for (const ticket of held) this.statements.markHandedOver.run(when, ticket.originRef, ticket.printStatus);
    })();
  }

  handOverTicket(kioskId: string, ticket: HandedOverTicket, at: Date): HandOverOutcome {
    try {
      return this.handOver(kioskId, ticket, at);
    } catch (error) {
      // Its number is another ticket's (the transaction rolled back): the caller leaves it unheld.
      if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return { kind: 'number-taken' };
      }
      throw error;
    }
  }

  /** Inserts a whole ticket with its `issued` step and fact; returns it as stored. */
  private insert(row: HallTicketRow): Ticket {
    const id = Number(this.statements.insert.run(row).lastInsertRowid);
    this.statements.insertIssuedEvent.run(id, row.serviceId, row.issuedAt);
    const ticket = this.parts.ticket(id);
    this.parts.appendToOutbox(row.issuedAt, ticketIssuedFact(ticket));
    return ticket;
  }

  private printOutcomeFact(ticketId: number, ticket: HandedOverTicket, when: string): void {
    this.parts.appendToOutbox(when, {
      kind: 'print-outcome',
      ticketId,
      status: ticket.printStatus,
      error: this.parts.upstreamError(ticket.printError),
    });
  }

  /**
   * The server numbered this ref, but its answer never reached the kiosk, which then issued from
   * its own block under the same ref: the server's number was never printed and nobody holds it.
   * It leaves the queue as a failed print (a desk never calls it), keeping its history.
   */
  private orphan(existing: { id: number; state: string }, ticket: HandedOverTicket, when: string): void {
    const reason = `never reached its kiosk, which issued ${ticket.number} from its own block instead`;
    this.statements.orphan.run(reason, when, existing.id);
    this.parts.appendToOutbox(when, { kind: 'print-outcome', ticketId: existing.id, status: 'failed', error: reason });
    if (existing.state === 'waiting' && this.statements.orphanLeavesQueue.run(when, existing.id).changes === 1) {
      const serviceId = this.parts.ticket(existing.id).serviceId;
      this.statements.insertNoShowEvent.run(existing.id, serviceId, when);
      this.parts.appendToOutbox(when, {
        kind: 'visit-step',
        ticketId: existing.id,
        step: 'no-show',
        stateAfter: 'no-show',
        deskId: null,
        serviceId,
      });
    }
  }
}

const rowOf = (
  ticket: Pick<
    Ticket,
    | 'number'
    | 'group'
    | 'sequence'
    | 'localDay'
    | 'serviceId'
    | 'language'
    | 'priority'
    | 'issuedAt'
    | 'peopleAhead'
    | 'estimatedWaitMinutes'
  >,
) => ({
  number: ticket.number,
  group: ticket.group,
  sequence: ticket.sequence,
  localDay: ticket.localDay,
  serviceId: ticket.serviceId,
  language: ticket.language,
  priority: ticket.priority,
  issuedAt: ticket.issuedAt,
  peopleAhead: ticket.peopleAhead,
  estimatedWaitMinutes: ticket.estimatedWaitMinutes,
});
