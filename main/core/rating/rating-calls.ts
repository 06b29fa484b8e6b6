import type { CallInput, EventPayload, KioskEventName, Rating, Ticket } from '../../contract';
import type { KioskConfig } from '../config';
import { KioskError } from '../errors';
import { localDay } from '../local-time';
import type { Clock, KioskStore } from '../ports';
import { parseRatingCode } from './rating-code';

export interface RatingCallParts {
  config: KioskConfig;
  store: KioskStore;
  clock: Clock;
  emit: <E extends KioskEventName>(event: E, payload: EventPayload<E>) => void;
}

/** Rating a finished visit: finding it by number or QR code, and storing the score once. */
export class RatingCalls {
  constructor(private readonly parts: RatingCallParts) {}

  async findTicketForRating({ code }: CallInput<'findTicketForRating'>): Promise<Ticket> {
    const { config } = this.parts;
    const today = localDay(this.parts.clock.now(), config.timeZone);
    const parsed = parseRatingCode(code);
    if (!parsed) {
      throw new KioskError('invalid-input', 'code: give a ticket number such as A-001, or scan the ticket’s QR code');
    }
    if (parsed.kioskId !== undefined && parsed.kioskId !== config.kioskId) {
      throw new KioskError('ticket-not-found', `this QR code is from kiosk "${parsed.kioskId}", not this one`);
    }
    if (parsed.localDay !== undefined && parsed.localDay !== today) {
      throw new KioskError('ticket-not-found', `this ticket is from ${parsed.localDay}; only today's visits are rated`);
    }
    const ticket = this.parts.store
      .listTickets(today)
      .find((candidate) => candidate.group === parsed.group && candidate.sequence === parsed.sequence);
    if (!ticket) throw new KioskError('ticket-not-found', `no ticket ${parsed.display} was issued today`);
    this.checkRateable(ticket);
    return ticket;
  }

  async submitRating({ ticketId, score, reasons = [] }: CallInput<'submitRating'>): Promise<Rating> {
    const { store, clock, config } = this.parts;
    const ticket = store.getTicket(ticketId);
    if (!ticket) throw new KioskError('ticket-not-found', `ticketId: no ticket has id ${ticketId}`);
    if (config.rating.faces === 4 && score === 3) {
      throw new KioskError('invalid-input', 'score: 3 is not offered when the rating screen shows four faces');
    }
    if (reasons.length > 0 && score > config.rating.lowScoreAtMost) {
      throw new KioskError(
        'invalid-input',
        `reasons: only given with a score of ${config.rating.lowScoreAtMost} or less`,
      );
    }
    const unknown = reasons.filter((reason) => !config.rating.reasons.includes(reason));
    if (unknown.length > 0) {
      throw new KioskError('invalid-input', `reasons: "${unknown.join('", "')}" is not offered on this kiosk`);
    }
    const visitEndedAt = this.checkRateable(ticket);
    const rating = store.saveRating({
      ticketId,
      score,
      reasons: [...new Set(reasons)],
      language: ticket.language,
      serviceId: ticket.serviceId,
      deskId: ticket.deskId,
      visitEndedAt,
      ratedAt: clock.now().toISOString(),
    });
    if (!rating) throw new KioskError('already-rated', `the visit of ticket ${ticket.number} is already rated`);
    this.parts.emit('ratingGiven', rating);
    return rating;
  }

  /** The visit's end, when the visit can still be rated; a refusal saying why otherwise. */
  private checkRateable(ticket: Ticket): string {
    if (ticket.visitEndedAt === null) {
      throw new KioskError('visit-not-ended', `the visit of ticket ${ticket.number} has not ended`);
    }
    if (this.parts.store.getRating(ticket.id)) {
      throw new KioskError('already-rated', `the visit of ticket ${ticket.number} is already rated`);
    }
    const windowMs = this.parts.config.rating.windowMinutes * 60_000;
    if (this.parts.clock.now().getTime() - Date.parse(ticket.visitEndedAt) > windowMs) {
      throw new KioskError(
        'rating-time-over',
        `the visit of ticket ${ticket.number} ended more than ${this.parts.config.rating.windowMinutes} minutes ago`,
      );
    }
    return ticket.visitEndedAt;
  }
}
