import type { Language, PrinterStatus, PrintStatus, Rating, Ticket } from '../contract';

/** Time is a port so tests can stand at any instant (a midnight, a DST change). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface NewTicket {
  group: string;
  localDay: string;
  serviceId: string;
  language: Language;
  issuedAt: Date;
}

/**
 * Durable storage of tickets and ratings. Every method is one transaction: after it returns, a
 * power cut loses nothing it wrote.
 */
export interface KioskStore {
  /** Allocates the next number of the group for the day and stores the ticket, atomically. */
  issueTicket(ticket: NewTicket): Ticket;
  recordPrintOutcome(ticketId: number, status: Exclude<PrintStatus, 'pending'>, error: string | null, at: Date): Ticket;
  getTicket(ticketId: number): Ticket | undefined;
  findTicket(localDay: string, number: string): Ticket | undefined;
  listTickets(localDay: string): Ticket[];
  markVisitEnded(ticketId: number, at: Date): Ticket;
  /** Stores the rating; returns undefined when the ticket already has one. */
  saveRating(rating: Rating): Rating | undefined;
  getRating(ticketId: number): Rating | undefined;
  /** The printer's paper came back: a new roll from now on. */
  recordPaperRoll(at: Date): void;
  paperRoll(): PaperRollCount;
  close(): void;
}

export interface PaperRollCount {
  /** When the current roll was seen loaded; null before the first change. */
  since: string | null;
  ticketsPrinted: number;
}

/** What a printed ticket says; the printer decides how to lay it out for its paper and code pages. */
export interface TicketPrintout {
  centreName: string;
  serviceName: string;
  number: string;
  language: Language;
  issuedAt: Date;
  timeZone: string;
  /** Text of the QR code: identifies the ticket when scanned at a desk or rating terminal. */
  qrContent: string;
}

export interface TicketPrinter {
  /** Resolves when the printer has taken the whole ticket; rejects with the cause otherwise. */
  print(ticket: TicketPrintout): Promise<void>;
  /** Asks the printer now, between jobs (never while a ticket is being sent). */
  checkStatus(): Promise<PrinterStatus>;
  /** What the printer said last, without asking. */
  lastStatus(): PrinterStatus;
  /** Called whenever what the printer says changes (paper, cover, errors, connection). */
  onStatusChange(listener: (status: PrinterStatus) => void): () => void;
  close(): Promise<void>;
}
