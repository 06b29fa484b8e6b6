import { z } from 'zod';
import { Language } from './languages';
import { Rating, RatingReason, RatingScore, Ticket } from './ticket';

/**
 * The desk and crew console, the hall display and the day's figures. A desk signs in with its
 * number and PIN (scrypt hash in the configuration, `npm run set-pin -- --desk <id>`); every desk
 * call then carries the session token, like technician calls.
 */

export const DeskId = z.string().regex(/^[A-Za-z0-9-]{1,8}$/, 'must be 1 to 8 letters, digits or dashes');

export const DeskSession = z.object({
  token: z.string(),
  deskId: DeskId,
  /** The services this desk calls for (ids from the catalog). */
  serviceIds: z.array(z.string()),
});
export type DeskSession = z.infer<typeof DeskSession>;

export const deskInput = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ token: z.string().min(1).max(200), ...shape }).strict();

export const DeskState = z.object({
  deskId: DeskId,
  serviceIds: z.array(z.string()),
  /** The ticket called, being served, or null when the desk is free to call the next. */
  current: Ticket.nullable(),
  /** Tickets waiting for this desk's services, in the order the desk would call them. */
  waiting: z.array(Ticket),
  /** The service's standard minutes for the current visit's timer: amber near it, red past it. */
  standardMinutes: z.number().positive().nullable(),
  /** Share of the standard after which the visit timer turns amber (config `queue.amberAtShare`). */
  amberAtShare: z.number().min(0).max(1),
});
export type DeskState = z.infer<typeof DeskState>;

/** A call as the hall display shows it. */
export const HallCall = z.object({
  number: z.string(),
  deskId: DeskId,
  language: Language,
  calledAt: z.iso.datetime(),
  /** True when the desk repeated the call. */
  recall: z.boolean(),
});
export type HallCall = z.infer<typeof HallCall>;

/** What a wait looks like before a ticket is taken: shown on the service page and printed. */
export const WaitEstimate = z.object({
  peopleAhead: z.number().int().min(0),
  /** Null when no desk is open for the service now. */
  minutes: z.number().int().min(0).nullable(),
  /** The wait passes the configured long-wait threshold: the kiosk asks the visitor to confirm. */
  long: z.boolean(),
});
export type WaitEstimate = z.infer<typeof WaitEstimate>;

/** One set of figures: for the whole day, one service or one desk. */
export const DayFigures = z.object({
  tickets: z.number().int().min(0),
  served: z.number().int().min(0),
  noShows: z.number().int().min(0),
  /** Issued and not yet called, called or being served. */
  open: z.number().int().min(0),
  /** From issue to the (last) call, over called tickets; null when none. */
  averageWaitMinutes: z.number().nullable(),
  /** From the start of serving to the finish, over served visits; null when none. */
  averageServiceMinutes: z.number().nullable(),
  /** Share (0–1) of served visits that finished within the service's standard minutes; null when none. */
  withinStandardShare: z.number().min(0).max(1).nullable(),
  /** Tickets whose print was interrupted (the kiosk stopped mid-print): their visitors may hold no paper. */
  printNotConfirmed: z.number().int().min(0),
  ratings: z.object({
    count: z.number().int().min(0),
    average: z.number().nullable(),
    /** Count per score, index 0 is score 1. */
    distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
    /**
     * Ended visits offered a rating: a rating screen for the visit was shown on a kiosk, tablet or phone
     * (`ratingOffered`), or the visit was rated (a rated visit was offered, whatever the screen said).
     */
    offered: z.number().int().min(0),
    /** Rated ÷ offered (0–1); null when no visit was offered. */
    responseRate: z.number().min(0).max(1).nullable(),
  }),
});
export type DayFigures = z.infer<typeof DayFigures>;

export const DayReport = z.object({
  /** The centre's local day, YYYY-MM-DD. */
  day: z.string(),
  timeZone: z.string(),
  totals: DayFigures,
  byService: z.array(DayFigures.extend({ serviceId: z.string() })),
  byDesk: z.array(DayFigures.extend({ deskId: DeskId })),
  /** Tickets issued and visits served per local hour, for the chart. */
  hours: z.array(
    z.object({ hour: z.number().int().min(0).max(23), issued: z.number().int(), served: z.number().int() }),
  ),
});
export type DayReport = z.infer<typeof DayReport>;

const LocalDayInput = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional();

/** Reports take the token of a desk session (crew) or of a technician session. */
const staffInput = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ token: z.string().min(1).max(200), day: LocalDayInput, ...shape }).strict();

/** The reason chips for a stored low score: the whole set as now chosen (empty clears it). */
export const RatingReasonsInput = z
  .object({
    ticketId: z.number().int().positive(),
    reasons: z.array(RatingReason).max(4),
  })
  .strict();

export const visitCalls = {
  deskSignIn: { input: z.object({ deskId: DeskId, pin: z.string().max(64) }).strict(), output: DeskSession },
  deskSignOut: { input: deskInput({}), output: z.object({}) },
  getDeskState: { input: deskInput({}), output: DeskState },
  /** Calls the next ticket for the desk's services (priority first, never starving normal tickets); null when none waits. */
  callNext: { input: deskInput({}), output: Ticket.nullable() },
  /** Repeats the current call on the hall display. */
  recallTicket: { input: deskInput({}), output: Ticket },
  startVisit: { input: deskInput({}), output: Ticket },
  /** Finishes the current visit; the rating terminal of the desk asks for a rating. */
  finishVisit: { input: deskInput({}), output: Ticket },
  markNoShow: { input: deskInput({}), output: Ticket },
  /** Sends the current visit back to the queue of another service, keeping its number. */
  transferVisit: { input: deskInput({ serviceId: z.string().min(1) }), output: Ticket },
  /** The last calls, newest first, for a hall display that has just opened. */
  listHallCalls: {
    input: z.object({ limit: z.number().int().min(1).max(50).default(8) }).strict(),
    output: z.array(HallCall),
  },
  /** People ahead and the estimated wait if a ticket were taken now. */
  getWaitEstimate: {
    input: z.object({ serviceId: z.string().min(1), priority: z.string().min(1).optional() }).strict(),
    output: WaitEstimate,
  },
  /**
   * The ticket a visitor wants to rate, from its number typed on the kiosk or its QR code scanned
   * (keyboard wedge): refused when the visit has not ended, is rated, or ended too long ago.
   */
  findTicketForRating: { input: z.object({ code: z.string().min(1).max(200) }).strict(), output: Ticket },
  /**
   * Adds the reason chips to the visit's stored rating (replacing the set chosen before), within
   * `rating.changeSeconds` of its first tap; only with a score of `rating.lowScoreAtMost` or less.
   */
  setRatingReasons: { input: RatingReasonsInput, output: Rating },
  /**
   * A rating screen for the ended visit is on show (kiosk or tablet): stored once per visit, however
   * often it is called, as the response rate's "offered".
   */
  ratingOffered: {
    input: z.object({ ticketId: z.number().int().positive() }).strict(),
    output: z.object({ ticketId: z.number().int().positive(), offeredAt: z.iso.datetime() }),
  },
  getDayReport: { input: staffInput({}), output: DayReport },
  /** One row per visit, UTF-8 with a BOM so spreadsheets read every language. */
  exportDayCsv: { input: staffInput({}), output: z.object({ fileName: z.string(), csv: z.string() }) },
  /** Prints the day's figures on the kiosk's printer (a bus crew closing the day). */
  printDaySummary: { input: staffInput({}), output: z.object({ printed: z.literal(true) }) },
} as const;

export const visitEvents = {
  /** A desk called (or recalled) a ticket: the hall display shows it with a chime. */
  ticketCalled: z.object({ ticket: Ticket, call: HallCall }),
  /** A ticket's visit changed state at a desk (started, no-show, transferred): consoles refresh. */
  visitChanged: Ticket,
} as const;

/** A rating as submitted: score, and reason chips after a low score. */
export const RatingInput = z
  .object({
    ticketId: z.number().int().positive(),
    score: RatingScore,
    reasons: z.array(RatingReason).max(4).default([]),
  })
  .strict();
