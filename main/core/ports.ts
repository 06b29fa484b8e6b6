import type {
  Catalog,
  CentralLinkReport,
  HallDevice,
  HallDeviceRole,
  HallLinkReport,
  HandedOverTicket,
  Language,
  LogEntry,
  LogLevel,
  OfflineBlock,
  PrinterStatus,
  Rating,
  RatingReason,
  SyncRecord,
  SerialPortChoice,
  SpeechVoice,
  Ticket,
  VisitState,
} from '../contract';
import type { KioskConfig, PrinterConfig } from './config';
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

/** Lines the core writes to the technicians' log (main/boot/logging.ts): what went wrong, and why. */
export interface CoreLog {
  warn(event: string, detail: Record<string, unknown>, message: string): void;
  error(event: string, detail: Record<string, unknown>, message: string): void;
}

/** For a kiosk composed without a log (tests of other parts). */
export const noLog: CoreLog = { warn: () => {}, error: () => {} };

/** One technician action, kept for as long as the kiosk lives: who could change what, and when. */
export interface TechnicianAuditEntry {
  at: Date;
  action:
    | 'unlock'
    | 'pin-changed'
    | 'session-refused'
    | 'config-exported'
    | 'config-imported'
    | 'settings-changed'
    | 'catalog-imported'
    /** A catalog released by the central server was applied, or refused (with its problems). */
    | 'catalog-from-central'
    | 'catalog-from-hall'
    /** Settings the central server holds for the centre were applied, or refused. */
    | 'settings-from-central'
    | 'test-print'
    | 'desk-pin-set'
    /** The API refused a technician call from the LAN, or PIN calls after too many wrong PINs (with the address). */
    | 'api-refused';
  outcome: 'ok' | 'refused';
  detail?: Record<string, unknown>;
}

/** Where technician actions are written (main/boot/technician-audit.ts: a JSON-lines file). */
export interface TechnicianAudit {
  record(entry: TechnicianAuditEntry): void;
}

/** Writes the device configuration's settings changed from technician mode. */
export type SettingsCheck = { ok: true; config: KioskConfig } | { ok: false; problems: string[] };

export interface DeviceSettingsWriter {
  savePinHash(pinHash: string): void;
  /** The configuration file's settings as written (no defaults filled in): what a fleet copies. */
  readSettings(): Record<string, unknown>;
  /**
   * Checks settings from another device and, if valid, writes them as this device's file, keeping
   * this device's own kioskId. Each problem names its field.
   */
  importSettings(settings: Record<string, unknown>): { ok: true } | { ok: false; problems: string[] };
  /**
   * Checks the file's settings as a whole (with the command line's overrides on top, as at start)
   * without writing anything; returns the configuration they would give.
   */
  checkSettings(settings: Record<string, unknown>): SettingsCheck;
  /** As checkSettings and, if valid, writes them and the last good copy. */
  replaceSettings(settings: Record<string, unknown>): SettingsCheck;
  /**
   * Where a catalog configured at `catalogPath` is written: the path itself, or the data folder's
   * catalog.json for a relative path in the app folder (which updates replace).
   */
  catalogFileFor(catalogPath: string): string;
  /** Writes a checked catalog to the file catalogFileFor named, and keeps it as the last good one. */
  saveCatalog(catalog: Catalog, file: string): void;
}

/** Opens the printer the settings describe, and lays out its test page (main/boot/compose.ts). */
export interface PrinterFactory {
  open(settings: PrinterConfig): TicketPrinter;
  /** Model, port, line settings, the profile's code pages and a line in each language. */
  testPage(settings: PrinterConfig, at: Date, timeZone: string): ReportPrintout;
}

/** What technician diagnostics read from the machine (main/boot/diagnostics.ts). */
export interface SystemFacts {
  versions(): { app: string; node: string; electron: string | null; chromium: string | null };
  uptimeSeconds(): number;
  dataDir: string;
  freeDiskBytes(): Promise<number | null>;
  databaseBytes(): number | null;
  /** The device's link with the central server (main/boot/sync-start.ts). */
  centralLink(): CentralLinkReport;
  /** A kiosk of a hall: its link with the server; null on any other device. */
  hallLink(): HallLinkReport | null;
}

/** What became of one utterance (main/contract/speech.ts, `speak`). */
export interface SpeechOutcome {
  spoken: boolean;
  language: Language | null;
  reason: string | null;
}

/** The device's speech synthesis (main/boot/speech.ts): never blocks, a new utterance stops the last. */
export interface Speaker {
  speak(text: string, language: Language): Promise<SpeechOutcome>;
  voices(): Promise<SpeechVoice[]>;
  /** Stops anything being said; the kiosk is closing. */
  close(): Promise<void>;
}

/** For a kiosk composed without speech (tests of other parts): says why nothing is spoken. */
export const noSpeaker: Speaker = {
  speak: async () => ({ spoken: false, language: null, reason: 'this kiosk was composed without speech' }),
  voices: async () => [],
  close: async () => {},
};

/** The machine's serial ports (main/boot/serial-ports.ts). */
export type SerialPortLister = () => Promise<SerialPortChoice[]>;

/** For a kiosk composed without a configuration file (tests of other parts): nothing to read or write. */
export const noSettingsFile: DeviceSettingsWriter = {
  savePinHash: () => {},
  readSettings: () => ({}),
  importSettings: () => ({ ok: false, problems: ['this kiosk has no configuration file'] }),
  checkSettings: () => ({ ok: false, problems: ['this kiosk has no configuration file'] }),
  replaceSettings: () => ({ ok: false, problems: ['this kiosk has no configuration file'] }),
  catalogFileFor: (catalogPath) => catalogPath,
  saveCatalog: () => {
    throw new Error('this kiosk has no configuration file to point to a new catalog');
  },
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
  /** The wait estimate at issue, printed on the ticket and kept with it. */
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
  /**
   * At most this many tickets of the service today, counted inside the issuing transaction so two
   * kiosks (or two taps) at the same instant cannot both take the last one; null: no limit.
   */
  dailyLimit: number | null;
  /**
   * Numbers no issue here may take: on a hall server, the kiosks' own blocks for when they cannot
   * reach it (HallKioskSetup.block). None on a kiosk.
   */
  reserved?: readonly OfflineBlock[];
  /**
   * The hall: the ref the kiosk chose before asking (a second request with it gives the same
   * ticket, nothing new) and the kiosk that prints it; none for a kiosk's own ticket.
   */
  origin?: { ref: string; kioskId: string | null };
  /** Numbered by a kiosk of a hall from its own block while the server was away. */
  issuedOffline?: boolean;
}

/**
 * What the hall server's handover did with a kiosk's ticket, and the ticket as it now stands; or
 * that another ticket of the day already holds its number (blocks that overlap): nothing stored.
 */
export type HandOverOutcome =
  { kind: 'added' | 'updated' | 'unchanged' | 'replaced-orphan'; ticket: Ticket } | { kind: 'number-taken' };

/**
 * A kiosk of a hall's way to its server (main/boot/hall-link.ts): the server numbers the tickets the
 * kiosk prints, and takes their print outcomes (and the kiosk's own block tickets) when handed over.
 */
export interface HallQueue {
  /** A new ref for a ticket about to be asked for (a UUID), so asking twice gives one ticket. */
  newRef(): string;
  /**
   * Asks the server to number the ticket. `unreachable` when no answer came in time (cut off,
   * server down); a refusal (daily limit, closed service) throws its KioskError.
   */
  issue(request: {
    originRef: string;
    serviceId: string;
    language: Language;
    priority?: string;
  }): Promise<Ticket | 'unreachable'>;
  /** The numbers agreed with the server for when it cannot be reached; null while none are known. */
  offlineBlock(): OfflineBlock | null;
  /** A print outcome was stored: hand it over now rather than at the next round. */
  outcomeStored(): void;
  /** The hall's phone page address, which ticket QR codes link to; null while the server gave none. */
  phoneUrl(): string | null;
}

/** A one-time code a technician reads out to enrol one device of the hall. */
export interface NewEnrolCode {
  /** 8 digits, shown as 1234-5678. */
  code: string;
  role: HallDeviceRole;
  name: string | null;
  expiresAt: string;
}

/** A device just enrolled: its credential, shown once, kept only as a hash. */
export interface EnrolledDevice {
  deviceId: string;
  role: HallDeviceRole;
  token: string;
}

/** The hall server's enrolled devices (main/store/sqlite-hall-devices.ts). */
export interface HallDeviceRegistry {
  /** `name`: what the technician calls the device; null lets the device name itself when it enrols. */
  newEnrolCode(role: HallDeviceRole, name: string | null, expiresAt: Date): NewEnrolCode;
  /** Uses the code once; undefined when it is unknown, used or expired. */
  enrol(code: string, name: string | undefined, at: Date): EnrolledDevice | undefined;
  /** The device a credential belongs to (its last contact noted); undefined when unknown or revoked. */
  authenticate(token: string, at: Date): HallDevice | undefined;
  list(): HallDevice[];
  revoke(deviceId: string, at: Date): HallDevice | undefined;
}

/** A ticket issued, or why none was: the group's range is used up, or the service's daily limit is reached. */
export type IssueOutcome =
  { ok: true; ticket: Ticket } | { ok: false; reason: 'numbers-exhausted' | 'daily-limit-reached' };

/** One step of a visit, as the append-only history (visit_events) keeps it. */
export type VisitEventKind = 'issued' | 'called' | 'recalled' | 'started' | 'finished' | 'no-show' | 'transferred';

export interface VisitEvent {
  ticketId: number;
  kind: VisitEventKind;
  deskId: string | null;
  /** The ticket's service at that step (for a transfer: the service it went to). */
  serviceId: string;
  at: string;
}

/**
 * A desk's step on a ticket. The store applies it only while the ticket is in one of `from`, so
 * two desks (or a desk and the external `endVisit`) can never both move the same ticket.
 */
export interface VisitStep {
  ticketId: number;
  kind: Exclude<VisitEventKind, 'issued'>;
  from: readonly VisitState[];
  deskId: string | null;
  at: Date;
  /** For a transfer: the service whose queue the ticket joins. */
  toServiceId?: string;
}

/**
 * The store could not write (disk full, read-only folder, I/O error). The store's own error is the
 * cause; `code` is its short name (SQLITE_FULL, SQLITE_READONLY, …) for the technician.
 */
export class StorageUnavailableError extends Error {
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`the kiosk cannot write its data (${code}): ${messageOf(options.cause)}`, options);
    this.name = 'StorageUnavailableError';
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Durable storage of tickets and ratings. Every method is one transaction: after it returns, a
 * power cut loses nothing it wrote. It is the outbox too: a fact can only be written in the same
 * transaction as its change by the store that makes the change.
 */
export interface KioskStore extends Outbox {
  /**
   * Allocates the next number of the group for the day and stores the ticket, atomically;
   * undefined when the group's range is used up for the day (nothing is stored then).
   */
  issueTicket(ticket: NewTicket): IssueOutcome;
  /** Stores what became of a print: printed, or failed with the printer's words. */
  recordPrintOutcome(ticketId: number, status: 'printed' | 'failed', error: string | null, at: Date): Ticket;
  /**
   * Gives every ticket still `pending` (the kiosk stopped between storing it and storing its print
   * outcome) the outcome `interrupted`, with `reason` kept as its print error; returns them.
   */
  markInterruptedPrints(reason: string, at: Date): Ticket[];
  /**
   * Claims a failed or interrupted ticket for one reprint: sets it `pending` in one conditional
   * update, so of two reprints (or a reprint during a print) only one gets the paper. Undefined
   * when the ticket is not failed or interrupted (any more).
   */
  claimReprint(ticketId: number, at: Date): Ticket | undefined;
  /**
   * On a kiosk of a hall: keeps the ticket its server numbered (with the ref the kiosk chose), to
   * print it, record its outcome and hand that over; the same ref twice stores it once.
   */
  storeHallTicket(ticket: Ticket, originRef: string): Ticket;
  /** On a kiosk of a hall: tickets whose print outcome (or whole self) the server does not hold yet. */
  ticketsToHandOver(limit: number): HandedOverTicket[];
  /** On a kiosk of a hall: how many tickets there are to hand over (all of them, not one batch). */
  countTicketsToHandOver(): number;
  /** On a kiosk of a hall: the server holds these as sent (a ticket changed since stays to hand over). */
  markHandedOver(held: readonly Pick<HandedOverTicket, 'originRef' | 'printStatus'>[], at: Date): void;
  /**
   * On the hall server: takes a kiosk's ticket into the queue (one issued from its block while the
   * server was away) or its print outcome (one the server numbered), in one transaction; the same
   * ticket twice changes nothing.
   */
  handOverTicket(kioskId: string, ticket: HandedOverTicket, at: Date): HandOverOutcome;
  getTicket(ticketId: number): Ticket | undefined;
  /** The ticket of a hall with this ref (Ticket.ref), of any day. */
  findTicketByRef(ref: string): Ticket | undefined;
  findTicket(localDay: string, number: string): Ticket | undefined;
  listTickets(localDay: string): Ticket[];
  /**
   * Moves the ticket's visit one step and appends the step to the history, in one transaction;
   * undefined when the ticket is not (any more) in one of the step's `from` states.
   */
  recordVisitStep(step: VisitStep): Ticket | undefined;
  /** The history of the day's tickets, oldest first. */
  listVisitEvents(localDay: string): VisitEvent[];
  /** Minutes from start to finish of the service's last `limit` served visits (any day), oldest first. */
  recentServingMinutes(serviceId: string, limit: number): number[];
  /**
   * Stores the first tap's rating with its `tapped` history row, and marks the visit offered, in one
   * transaction; returns undefined when the ticket already has one.
   */
  saveRating(rating: Rating): Rating | undefined;
  /**
   * Replaces the score and reasons of a stored rating and appends the change to its history, in one
   * transaction; undefined when the ticket has no rating.
   */
  updateRating(change: RatingChange): Rating | undefined;
  /** A rating's history, oldest first. */
  listRatingEvents(ticketId: number): RatingEvent[];
  /** The visit's rating screen was shown; stored once, returns when it first was. */
  recordRatingOffer(ticketId: number, at: Date): string;
  /** Ids of the day's tickets offered a rating (shown a rating screen, or rated). */
  listRatingOffers(localDay: string): number[];
  getRating(ticketId: number): Rating | undefined;
  /** The ratings of the day's tickets. */
  listRatings(localDay: string): Rating[];
  /** The printer's paper came back: a new roll from now on. */
  recordPaperRoll(at: Date): void;
  paperRoll(): PaperRollCount;
  close(): void;
}

/**
 * The outbox (DESIGN.md, "The network"): the facts a device sends up, each written in the same
 * transaction as the change it records, numbered 1, 2, 3, … without gaps. The sync worker
 * (main/boot/sync-worker.ts) reads from it and marks what the central server acknowledged.
 */
export interface Outbox {
  /** Up to `limit` records after `afterSeq`, in sequence order. */
  readOutbox(afterSeq: number, limit: number): SyncRecord[];
  /** The central server holds every record up to `seq`; never moves backwards. */
  acknowledgeOutbox(seq: number, at: Date): void;
  /** The highest sequence written, and the highest acknowledged (0 when none). */
  outboxState(): OutboxState;
  /** Records the printer's new state as a fact (nothing else is stored about it). */
  recordPrinterState(status: PrinterStatus, at: Date): void;
  /** Records a central release applied on the device (catalog or settings) as a fact. */
  recordReleaseApplied(release: 'catalog' | 'settings', version: string, at: Date): void;
}

export interface OutboxState {
  lastSeq: number;
  acknowledgedSeq: number;
  lastAcknowledgedAt: string | null;
}

/** One step of a rating's history: the first tap, a changed score, the reasons chosen. */
export interface RatingEvent {
  ticketId: number;
  kind: 'tapped' | 'changed' | 'reasons-set';
  /** The score and reasons after the step. */
  score: number;
  reasons: RatingReason[];
  at: string;
}

export interface RatingChange {
  ticketId: number;
  kind: Exclude<RatingEvent['kind'], 'tapped'>;
  score: number;
  reasons: RatingReason[];
  at: Date;
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
  /** The priority category's label in the ticket's language; null or absent for a normal ticket. */
  priorityLabel?: string | null;
  /** The wait estimate when the ticket was issued ("people ahead: N, about M min"); absent on a test ticket. */
  peopleAhead?: number;
  /** Null when no desk was open for the service: only the people ahead are printed then. */
  waitMinutes?: number | null;
  /**
   * Issued by a kiosk of a hall from its own block while the server was away: neither the people
   * ahead nor the wait are known, and the ticket says so instead.
   */
  waitUnknown?: boolean;
}

/** A report on the ticket paper (the day's figures): a title, lines under it, label/value rows. */
export interface ReportPrintout {
  title: string;
  /** Centre, day, time of printing: centred under the title. */
  subtitle: string[];
  /** A row with an empty value is a section heading. */
  rows: { label: string; value: string }[];
}

export interface TicketPrinter {
  /** Resolves when the printer has taken the whole ticket; rejects with the cause otherwise. */
  print(ticket: TicketPrintout): Promise<void>;
  /** Prints a report as one job, the same way as a ticket (code pages, bitmaps for other letters). */
  printReport(report: ReportPrintout): Promise<void>;
  /** Asks the printer now, between jobs (never while a ticket is being sent). */
  checkStatus(): Promise<PrinterStatus>;
  /** What the printer said last, without asking. */
  lastStatus(): PrinterStatus;
  /** Called whenever what the printer says changes (paper, cover, errors, connection). */
  onStatusChange(listener: (status: PrinterStatus) => void): () => void;
  close(): Promise<void>;
}
