import { z } from 'zod';
import { ServiceAvailability } from './availability';
import { Catalog } from './catalog';
import { Language } from './languages';
import { PrinterReport, PrinterWarning } from './printer';
import { Rating, RatingReason, Ticket } from './ticket';
import { SettingsApplied, technicianCalls } from './technician';
import { hallCalls } from './hall';
import { speechCalls } from './speech';
import { DeskId, RatingInput, visitCalls, visitEvents } from './visits';
import type { KioskCallName } from './call-names';

/**
 * The one typed API between the kiosk's main code and every client (the kiosk renderer through
 * Electron IPC, desk pages and tests through HTTP + WebSocket). Both transports are built from
 * these maps and validate every message against them at the boundary.
 */

export const KioskInfo = z.object({
  centreName: z.string(),
  languages: z.array(Language).min(1),
  defaultLanguage: Language,
  /** How long the ticket and thank-you screens stay before the kiosk returns to its start. */
  resultScreenSeconds: z.number().positive(),
  /** Part of every ticket's QR code (ticketQrContent), which the screen shows when the paper fails. */
  kioskId: z.string(),
  /** The centre's IANA zone: staff pages show times as the centre's clock says, wherever the tablet's clock is set. */
  timeZone: z.string(),
  /** Priority categories offered with one tap on a service that allows priority (labels: kiosk `priority.<id>`). */
  priorityCategories: z.array(z.string()),
  /**
   * What this device is: a hall kiosk (tickets; ratings on the desks' tablets), a rating terminal
   * (only the rating screen, for `ratingDeskIds`), or a bus kiosk (tickets, and the rating screen for every desk).
   */
  role: z.enum(['hall-kiosk', 'rating-terminal', 'bus', 'hall-server']),
  /** Desks whose ended visits a rating terminal asks to rate. */
  ratingDeskIds: z.array(DeskId),
  /**
   * In a hall with a phone page: its address on the guest Wi-Fi (the hall server's `hall.phoneUrl`),
   * which ticket QR codes link to; null elsewhere.
   */
  phoneUrl: z.string().nullable(),
  rating: z.object({
    /** Five faces, or four (no neutral face: scores 1, 2, 4, 5). */
    faces: z.union([z.literal(4), z.literal(5)]),
    /** Scores at or below this show the reason chips. */
    lowScoreAtMost: z.number().int().min(1).max(5),
    reasons: z.array(RatingReason),
    /** Taps on the rating screen within this many seconds of the last are ignored. */
    repeatTapSeconds: z.number().min(0),
    /** After the first tap (stored at once), the score can be changed and reasons added for this long. */
    changeSeconds: z.number().positive(),
    /** A visit can be rated for this long after it ended. */
    windowMinutes: z.number().positive(),
  }),
  /** Seconds without a touch before the "Need more time?" warning, and how long it stands. */
  idle: z.object({ seconds: z.number().int().positive(), warningSeconds: z.number().int().positive() }),
  /** Accessibility defaults a visitor starts with (and returns to after the idle reset). */
  accessibilityDefaults: z.object({
    largeText: z.boolean(),
    highContrast: z.boolean(),
    lowReach: z.boolean(),
    audioGuidance: z.boolean(),
  }),
});
export type KioskInfo = z.infer<typeof KioskInfo>;

const NoInput = z.object({}).strict();

export const kioskCalls = {
  getKioskInfo: { input: NoInput, output: KioskInfo },
  getCatalog: { input: NoInput, output: Catalog },
  /** Whether a ticket can be taken for the service now, and if not, when again: shown before "Take a ticket". */
  getServiceAvailability: {
    input: z.object({ serviceId: z.string().min(1) }).strict(),
    output: ServiceAvailability,
  },
  /** Numbers, stores and prints a ticket; resolves once the print outcome is recorded. */
  issueTicket: {
    input: z
      .object({
        serviceId: z.string().min(1),
        language: Language,
        /** A priority category of the configuration; only for services that allow priority. */
        priority: z.string().min(1).optional(),
      })
      .strict(),
    output: Ticket,
  },
  /** Today's tickets, newest first: what a desk sees. */
  listTodayTickets: { input: NoInput, output: z.array(Ticket) },
  /** A desk ends the visit of a ticket of today by its number; the kiosk then asks for a rating. */
  endVisit: { input: z.object({ number: z.string().min(1) }).strict(), output: Ticket },
  /**
   * Stores a face tap at once and returns the rating as stored: the first tap rates the visit; another
   * face within `rating.changeSeconds` of the first replaces the score (a tap within `repeatTapSeconds`
   * of the last changes nothing); after that a tap is refused with `already-rated`.
   */
  submitRating: {
    input: RatingInput,
    output: Rating,
  },
  /** The printer as it answers now, with the tickets printed since the last paper roll. */
  getPrinterStatus: { input: NoInput, output: PrinterReport },
  /** Prints again a ticket of today whose printing failed; resolves with the new print outcome. */
  reprintTicket: { input: z.object({ ticketId: z.number().int().positive() }).strict(), output: Ticket },
  /** Technician mode (main/contract/technician.ts): unlock by PIN, then calls carrying the session token. */
  ...technicianCalls,
  /** Desks, the hall display, wait estimates, rating by number and the day's figures (main/contract/visits.ts). */
  ...visitCalls,
  /** Audio guidance and spoken numbers (main/contract/speech.ts). */
  ...speechCalls,
  /** Kiosks of a hall asking their hall server (main/contract/hall.ts). */
  ...hallCalls,
} as const;

export const kioskEvents = {
  /** A visit ended: the rating terminal shows the rating screen in the ticket's language. */
  visitEnded: Ticket,
  ticketIssued: Ticket,
  /** A rating stored at the tap, or changed (another face, the reasons) within the screen's time: the rating as it now stands. */
  ratingGiven: Rating,
  /** Anything the printer says changed: paper, cover, errors, connection. */
  printerStatusChanged: PrinterReport,
  /** A printer problem has just appeared: paper near end for the crew, faults for the technician. */
  printerWarning: PrinterWarning,
  /** A technician changed settings or the catalog: kiosk screens load KioskInfo and the catalog again. */
  settingsChanged: SettingsApplied,
  ...visitEvents,
} as const;

export type KioskCalls = typeof kioskCalls;
export { KIOSK_CALL_NAMES, ipcChannel, type KioskCallName } from './call-names';
export type KioskEvents = typeof kioskEvents;
export type KioskEventName = keyof KioskEvents;
export type CallInput<N extends KioskCallName> = z.input<KioskCalls[N]['input']>;
export type CallOutput<N extends KioskCallName> = z.output<KioskCalls[N]['output']>;
export type EventPayload<E extends KioskEventName> = z.output<KioskEvents[E]>;

/*
 * The preload's zod-free list of call names (call-names.ts) must name exactly the calls above:
 * each of these lines fails to compile, naming the call, when one side has a name the other lacks.
 */
type NoneLeft<Names extends never> = Names;
export type CallNamesMatchSchemas = [
  NoneLeft<Exclude<KioskCallName, keyof KioskCalls>>,
  NoneLeft<Exclude<keyof KioskCalls, KioskCallName>>,
];
export const KIOSK_EVENT_NAMES = Object.keys(kioskEvents) as KioskEventName[];

/** Why a call was refused; `code` is stable for programs, `message` is for technicians' logs. */
export const ApiErrorCode = z.enum([
  'invalid-input',
  'unknown-call',
  'unknown-service',
  /** The service is outside its opening hours; the visitor is told when it opens. */
  'service-closed',
  /** The service's daily ticket limit is reached; the visitor is told when to come back. */
  'daily-limit-reached',
  /** The service's ticket group has used every number of its configured range today (numbers never wrap). */
  'numbers-exhausted',
  /** The printer cannot print and the kiosk is set to send visitors to staff rather than show the number. */
  'printer-unavailable',
  /** A reprint was asked for a ticket that did print. */
  'already-printed',
  /** A reprint was asked for a ticket being printed right now (or reprinted by another tap). */
  'print-in-progress',
  /** The kiosk cannot write its data (disk full, read-only folder): no ticket was issued; the message names the cause. */
  'storage-unavailable',
  'ticket-not-found',
  'already-rated',
  /** The API is open to the LAN and the client did not send its token. */
  'unauthorised',
  'visit-not-ended',
  /** Technician unlock: the PIN is wrong; the message says how many tries are left. */
  'wrong-pin',
  /** Technician unlock: too many wrong PINs; the message says until when. */
  'technician-locked',
  /** A technician call without a valid session (none, ended after idling, or a PIN change still due). */
  'technician-session-required',
  /** A technician call over a network connection while `api.technicianFromLan` is off: technician mode is used at the kiosk. */
  'technician-not-from-lan',
  /** Too many wrong PINs from this client address, or from all clients together: PIN calls wait; the message says until when. */
  'pin-attempts-limited',
  /** The request is not one the API takes: a foreign Host or Origin, or a body that is not JSON. */
  'request-refused',
  /** A priority ticket was asked for a service that allows none, or with an unknown category. */
  'priority-not-allowed',
  /** A desk call without a valid desk session (or a report without a desk or technician session). */
  'desk-session-required',
  'unknown-desk',
  /** Desk sign-in: too many wrong PINs at this desk; the message says until when. */
  'desk-locked',
  /** Desk sign-in: the desk has no PIN set yet, so nobody can sign in there. */
  'desk-pin-not-set',
  /** The desk already has a visit called or being served: finish it, mark it no-show or transfer it first. */
  'desk-busy',
  /** A desk action on the current visit while the desk has none (or it is in the wrong state). */
  'no-current-visit',
  /** The visit ended longer ago than the rating window. */
  'rating-time-over',
  /** A hall call (main/contract/hall.ts) to a device that is not the hall's server. */
  'not-a-hall-server',
  /**
   * A kiosk of a hall cannot reach its server and has no numbers of its own to issue from (no
   * offline block agreed yet): the visitor is sent to staff.
   */
  'hall-unreachable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({ code: ApiErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** Every call answers with this envelope on every transport, so clients handle refusals one way. */
export const callResult = <T extends z.ZodType>(output: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: output }),
    z.object({ ok: z.literal(false), error: ApiError }),
  ]);
export type CallResult<N extends KioskCallName> = { ok: true; value: CallOutput<N> } | { ok: false; error: ApiError };

/** What a client holds: one function per call, one subscription for events. */
export type KioskApi = {
  [N in KioskCallName]: (input: CallInput<N>) => Promise<CallOutput<N>>;
} & {
  on<E extends KioskEventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
};

/** Thrown by clients when a call is refused, carrying the stable code. */
export class KioskApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskApiError';
  }
}

/** Event frames on the WebSocket and the Electron event channel. */
export type EventFrame = { [E in KioskEventName]: { event: E; payload: EventPayload<E> } }[KioskEventName];

const RawEventFrame = z.object({
  event: z.enum(KIOSK_EVENT_NAMES as [KioskEventName, ...KioskEventName[]]),
  payload: z.unknown(),
});

/** Validates an event frame from the other side of a transport; throws a ZodError if malformed. */
export function parseEventFrame(raw: unknown): EventFrame {
  const frame = RawEventFrame.parse(raw);
  return { event: frame.event, payload: kioskEvents[frame.event].parse(frame.payload) } as EventFrame;
}
