import type {
  Language,
  LogEntry,
  LogLevel,
  PrinterStatus,
  PrintStatus,
  Rating,
  SerialPortChoice,
  Ticket,
} from '../contract';
import type { GroupNumbering } from './queue/numbering';

/** Time is a port so tests can stand at any instant (a midnight, a DST change). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The kiosk's structured log as the technicians' log viewer reads it (main/boot/logging.ts). */
export interface LogReader {
  /** The last `limit` entries at `minLevel` or above, oldest first. */
  tail(limit: number, minLevel: LogLevel): LogEntry[];
}

/** For a kiosk composed without a log folder (tests of other parts). */
export const noLogs: LogReader = { tail: () => [] };

/** One technician action, kept for as long as the kiosk lives: who could change what, and when. */
export interface TechnicianAuditEntry {
  at: Date;
  action: 'unlock' | 'pin-changed' | 'session-refused' | 'config-exported' | 'config-imported';
  outcome: 'ok' | 'refused';
  detail?: Record<string, unknown>;
}

/** Where technician actions are written (main/boot/technician-audit.ts: a JSON-lines file). */
export interface TechnicianAudit {
  record(entry: TechnicianAuditEntry): void;
}

/** Writes the device configuration's settings changed from technician mode. */
export interface DeviceSettingsWriter {
  savePinHash(pinHash: string): void;
  /** The configuration file's settings as written (no defaults filled in): what a fleet copies. */
  readSettings(): Record<string, unknown>;
  /**
   * Checks settings from another device and, if valid, writes them as this device's file, keeping
   * this device's own kioskId. Each problem names its field.
   */
  importSettings(settings: Record<string, unknown>): { ok: true } | { ok: false; problems: string[] };
}

/** The machine's serial ports (main/boot/serial-ports.ts). */
export type SerialPortLister = () => Promise<SerialPortChoice[]>;

/** For a kiosk composed without a configuration file (tests of other parts): nothing to read or write. */
export const noSettingsFile: DeviceSettingsWriter = {
  savePinHash: () => {},
  readSettings: () => ({}),
  importSettings: () => ({ ok: false, problems: ['this kiosk has no configuration file'] }),
};

export interface NewTicket {
  group: string;
  /** The group's range and width; the store allocates the next free number within it. */
  numbering: GroupNumbering;
  localDay: string;
  serviceId: string;
  language: Language;
  /** Priority category, or null for a normal ticket. */
  priority: string | null;
  issuedAt: Date;
}

/**
 * Durable storage of tickets and ratings. Every method is one transaction: after it returns, a
 * power cut loses nothing it wrote.
 */
export interface KioskStore {
  /**
   * Allocates the next number of the group for the day and stores the ticket, atomically;
   * undefined when the group's range is used up for the day (nothing is stored then).
   */
  issueTicket(ticket: NewTicket): Ticket | undefined;
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
