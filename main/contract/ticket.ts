import { z } from 'zod';
import { Language } from './languages';

/**
 * `interrupted`: the kiosk stopped (power cut, crash) between storing the ticket and storing its
 * print outcome; printed or not, nobody knows, so the desk expects a possible no-show.
 */
export const PrintStatus = z.enum(['pending', 'printed', 'failed', 'interrupted']);
export type PrintStatus = z.infer<typeof PrintStatus>;

/**
 * Where a ticket's visit stands: waiting in the queue, called to a desk, being served, finished
 * (served), or given up after being called (no-show). A transfer puts it back to waiting for
 * another service, keeping its number.
 */
export const VisitState = z.enum(['waiting', 'called', 'serving', 'done', 'no-show']);
export type VisitState = z.infer<typeof VisitState>;

export const Ticket = z.object({
  id: z.number().int().positive(),
  /** What the visitor sees and hears: group letter, dash, zero-padded sequence. */
  number: z.string(),
  group: z.string(),
  sequence: z.number().int().positive(),
  /** The centre's local calendar day the ticket belongs to, YYYY-MM-DD. */
  localDay: z.string(),
  serviceId: z.string(),
  language: Language,
  /** The priority category chosen on the kiosk (elderly, disabled, …); null for a normal ticket. */
  priority: z.string().nullable(),
  issuedAt: z.iso.datetime(),
  printStatus: PrintStatus,
  printError: z.string().nullable(),
  /** When the visit was finished at a desk (served); null until then. */
  visitEndedAt: z.iso.datetime().nullable(),
  state: VisitState,
  /** The desk that last called the ticket; null while it has never been called (or since a transfer). */
  deskId: z.string().nullable(),
  /** The last call to a desk (a recall does not move it); null while waiting. */
  calledAt: z.iso.datetime().nullable(),
  /** How many times the current call was repeated. */
  recalls: z.number().int().min(0),
  servingStartedAt: z.iso.datetime().nullable(),
  noShowAt: z.iso.datetime().nullable(),
  /** The service the ticket was first taken for, when a desk transferred it; null otherwise. */
  transferredFrom: z.string().nullable(),
  /** People ahead when the ticket was issued (printed on it). */
  peopleAhead: z.number().int().min(0),
  /** Estimated wait in minutes when issued; null when no desk was open for the service then. */
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
  /**
   * Numbered by a kiosk of a hall from its own block while the hall server was away: people ahead
   * and the wait were unknown when issued (the screen and the paper say so).
   */
  issuedOffline: z.boolean(),
  /**
   * The hall's id of the ticket (a UUID its kiosk chose before asking the hall server): the key of
   * its phone page, `/t/<ref>`, so it cannot be guessed from the number. Null for a kiosk's own ticket.
   */
  ref: z.string().nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const RatingScore = z.number().int().min(1).max(5);

/** Why a visitor gave a low score: chips on the rating screen (labels: kiosk `rating.reason.<id>`). */
export const RATING_REASONS = ['waiting-time', 'staff', 'result', 'premises'] as const;
export const RatingReason = z.enum(RATING_REASONS);
export type RatingReason = z.infer<typeof RatingReason>;

export const Rating = z.object({
  ticketId: z.number().int().positive(),
  score: RatingScore,
  /** Chips chosen after a low score; empty otherwise. */
  reasons: z.array(RatingReason),
  language: Language,
  /** The service and desk of the visit when it ended (a transfer may have changed the service). */
  serviceId: z.string(),
  deskId: z.string().nullable(),
  visitEndedAt: z.iso.datetime(),
  ratedAt: z.iso.datetime(),
});
export type Rating = z.infer<typeof Rating>;

/**
 * What a ticket's QR code says, so a scan names exactly one ticket: in a hall with a phone page,
 * the page's address (a phone follows the queue there; a kiosk or tablet reading it rates the
 * visit); otherwise kiosk, local day and number.
 */
export function ticketQrContent(
  kioskId: string,
  ticket: Pick<Ticket, 'localDay' | 'number'> & { ref?: string | null },
  phoneUrl: string | null = null,
): string {
  if (phoneUrl !== null && ticket.ref) return phoneLink(phoneUrl, ticket.ref);
  return `KIOSK-TICKET:${kioskId}:${ticket.localDay}:${ticket.number}`;
}

/** The phone page of a ticket of the hall: `<hall.phoneUrl>/t/<ref>`. */
export const phoneLink = (phoneUrl: string, ref: string): string => `${phoneUrl.replace(/\/+$/, '')}/t/${ref}`;
