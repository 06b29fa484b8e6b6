import { z } from 'zod';
import { Language } from './languages';

export const PrintStatus = z.enum(['pending', 'printed', 'failed']);
export type PrintStatus = z.infer<typeof PrintStatus>;

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
  visitEndedAt: z.iso.datetime().nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export const RatingScore = z.number().int().min(1).max(5);

export const Rating = z.object({
  ticketId: z.number().int().positive(),
  score: RatingScore,
  language: Language,
  ratedAt: z.iso.datetime(),
});
export type Rating = z.infer<typeof Rating>;

/** What a ticket's QR code says: kiosk, local day and number, so a scan names exactly one ticket. */
export function ticketQrContent(kioskId: string, ticket: Pick<Ticket, 'localDay' | 'number'>): string {
  return `KIOSK-TICKET:${kioskId}:${ticket.localDay}:${ticket.number}`;
}
