import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Language, PrintStatus, Rating, Ticket } from '../contract';
import type { KioskStore, NewTicket, PaperRollCount } from '../core/ports';
import { formatTicketNumber, nextSequence } from '../core/queue/numbering';
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
}

interface RatingRow {
  ticket_id: number;
  score: number;
  language: Language;
  rated_at: string;
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
});

const toRating = (row: RatingRow): Rating => ({
  ticketId: row.ticket_id,
  score: row.score,
  language: row.language,
  ratedAt: row.rated_at,
});

/**
 * Tickets and ratings in one SQLite file. WAL with synchronous=FULL makes every committed
 * transaction survive a power cut, which is what "no ticket and no rating lost" needs.
 */
export class SqliteStore implements KioskStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly issueInTransaction: (ticket: NewTicket) => Ticket | undefined;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.statements = {
      lastSequence: this.db.prepare<[string, string], { last: number | null }>(
        'SELECT MAX(sequence) AS last FROM tickets WHERE local_day = ? AND ticket_group = ?',
      ),
      insertTicket: this.db.prepare<[string, string, number, string, string, string, string | null, string]>(
        `INSERT INTO tickets (number, ticket_group, sequence, local_day, service_id, language, priority, issued_at, print_status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
      ),
      ticketById: this.db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      ticketByNumber: this.db.prepare<[string, string], TicketRow>(
        'SELECT * FROM tickets WHERE local_day = ? AND number = ?',
      ),
      ticketsOfDay: this.db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE local_day = ? ORDER BY id DESC'),
      setPrintOutcome: this.db.prepare<[string, string | null, string, number]>(
        'UPDATE tickets SET print_status = ?, print_error = ?, print_outcome_at = ? WHERE id = ?',
      ),
      setVisitEnded: this.db.prepare<[string, number]>(
        'UPDATE tickets SET visit_ended_at = ? WHERE id = ? AND visit_ended_at IS NULL',
      ),
      insertRating: this.db.prepare<[number, number, string, string]>(
        'INSERT INTO ratings (ticket_id, score, language, rated_at) VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING',
      ),
      ratingByTicket: this.db.prepare<[number], RatingRow>('SELECT * FROM ratings WHERE ticket_id = ?'),
      insertPaperRoll: this.db.prepare<[string]>('INSERT INTO paper_rolls (loaded_at) VALUES (?)'),
      lastPaperRoll: this.db.prepare<[], { loaded_at: string }>(
        'SELECT loaded_at FROM paper_rolls ORDER BY id DESC LIMIT 1',
      ),
      printedSince: this.db.prepare<[string], { count: number }>(
        "SELECT COUNT(*) AS count FROM tickets WHERE print_status = 'printed' AND print_outcome_at >= ?",
      ),
    };
    // IMMEDIATE takes the write lock before reading the counter, so two processes sharing the
    // file can never both read the same "next" number.
    // The next number is derived from the tickets themselves, not from a separate counter, so a
    // crash can leave neither a gap nor a duplicate: a number exists exactly when its ticket does.
    const issue = this.db.transaction((ticket: NewTicket): Ticket | undefined => {
      const last = this.statements.lastSequence.get(ticket.localDay, ticket.group)?.last ?? undefined;
      const next = nextSequence(last, ticket.numbering);
      if (next === undefined) return undefined;
      const { lastInsertRowid } = this.statements.insertTicket.run(
        formatTicketNumber(ticket.group, next, ticket.numbering.width),
        ticket.group,
        next,
        ticket.localDay,
        ticket.serviceId,
        ticket.language,
        ticket.priority,
        ticket.issuedAt.toISOString(),
      );
      return this.requireTicket(Number(lastInsertRowid));
    });
    this.issueInTransaction = (ticket) => issue.immediate(ticket);
  }

  issueTicket(ticket: NewTicket): Ticket | undefined {
    return this.issueInTransaction(ticket);
  }

  recordPrintOutcome(
    ticketId: number,
    status: Exclude<PrintStatus, 'pending'>,
    error: string | null,
    at: Date,
  ): Ticket {
    this.statements.setPrintOutcome.run(status, error, at.toISOString(), ticketId);
    return this.requireTicket(ticketId);
  }

  getTicket(ticketId: number): Ticket | undefined {
    const row = this.statements.ticketById.get(ticketId);
    return row && toTicket(row);
  }

  findTicket(localDay: string, number: string): Ticket | undefined {
    const row = this.statements.ticketByNumber.get(localDay, number);
    return row && toTicket(row);
  }

  listTickets(localDay: string): Ticket[] {
    return this.statements.ticketsOfDay.all(localDay).map(toTicket);
  }

  markVisitEnded(ticketId: number, at: Date): Ticket {
    this.statements.setVisitEnded.run(at.toISOString(), ticketId);
    return this.requireTicket(ticketId);
  }

  saveRating(rating: Rating): Rating | undefined {
    const { changes } = this.statements.insertRating.run(
      rating.ticketId,
      rating.score,
      rating.language,
      rating.ratedAt,
    );
    return changes === 1 ? rating : undefined;
  }

  getRating(ticketId: number): Rating | undefined {
    const row = this.statements.ratingByTicket.get(ticketId);
    return row && toRating(row);
  }

  recordPaperRoll(at: Date): void {
    this.statements.insertPaperRoll.run(at.toISOString());
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

  private requireTicket(ticketId: number): Ticket {
    const ticket = this.getTicket(ticketId);
    if (!ticket) throw new Error(`ticket ${ticketId} vanished from the store`);
    return ticket;
  }
}
