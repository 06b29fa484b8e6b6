import type { CallInput, CallOutput, Rating, RatingReason, Ticket } from '../../contract';
import type { KioskConfig } from '../config';
import { KioskError } from '../errors';
import { callsOf, type Emit, type KioskHandlers } from '../handlers';
import { localDay } from '../local-time';
import type { Clock, KioskStore, RatingChange } from '../ports';
import type { Settings } from '../settings';
import { parseRatingCode } from './rating-code';

export const RATING_CALL_NAMES = ['findTicketForRating', 'submitRating', 'setRatingReasons', 'ratingOffered'] as const;

export interface RatingCallParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  emit: Emit;
}

/**
 * Rating a finished visit: finding it by number or QR code, storing the score at the first tap,
 * then a changed score or the reasons within the screen's time, each step kept in the history.
 */
export class RatingCalls {
  constructor(private readonly parts: RatingCallParts) {}

  calls(): Pick<KioskHandlers, (typeof RATING_CALL_NAMES)[number]> {
    return callsOf(this, RATING_CALL_NAMES);
  }

  /** The configuration in effect now: technician mode may have changed it since the start. */
  private get config(): KioskConfig {
    return this.parts.settings.config();
  }

  async findTicketForRating({ code }: CallInput<'findTicketForRating'>): Promise<Ticket> {
    const { config } = this;
    const today = localDay(this.parts.clock.now(), config.timeZone);
    const parsed = parseRatingCode(code);
    if (!parsed) {
      throw new KioskError('invalid-input', 'code: give a ticket number such as A-001, or scan the ticket’s QR code');
    }
    if ('ref' in parsed) {
      const linked = this.parts.store.findTicketByRef(parsed.ref);
      if (!linked) throw new KioskError('ticket-not-found', 'no ticket of this hall has this link');
      if (linked.localDay !== today) {
        throw new KioskError(
          'ticket-not-found',
          `this ticket is from ${linked.localDay}; only today's visits are rated`,
        );
      }
      this.checkRateable(linked);
      return linked;
    }
    // A hall server holds the tickets of every kiosk of the hall (numbers are the hall's, unique in a day).
    if (parsed.kioskId !== undefined && parsed.kioskId !== config.kioskId && config.role !== 'hall-server') {
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

  /**
   * A face tap, stored at once. The first tap rates the visit; another face within the screen's
   * time (`rating.changeSeconds` from the first tap) replaces the score, and the history keeps both;
   * a tap within `repeatTapSeconds` of the last one, or of the same face, changes nothing. Answers
   * with the rating as stored, so the screen shows what was kept.
   */
  async submitRating({ ticketId, score, reasons = [] }: CallInput<'submitRating'>): Promise<Rating> {
    const { store, clock } = this.parts;
    const { config } = this;
    const ticket = this.requireTicket(ticketId);
    if (config.rating.faces === 4 && score === 3) {
      throw new KioskError('invalid-input', 'score: 3 is not offered when the rating screen shows four faces');
    }
    this.checkReasons(score, reasons);
    const stored = store.getRating(ticketId);
    if (stored) return this.changeScore(ticket, stored, score, reasons);
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

  /** The reason chips chosen after a low score, added to the visit's stored rating (the whole set, replacing the last). */
  async setRatingReasons({ ticketId, reasons }: CallInput<'setRatingReasons'>): Promise<Rating> {
    const ticket = this.requireTicket(ticketId);
    const stored = this.parts.store.getRating(ticketId);
    if (!stored) {
      throw new KioskError(
        'invalid-input',
        `ticketId: the visit of ticket ${ticket.number} has no score yet; a face comes first`,
      );
    }
    this.checkChangeable(ticket, stored);
    this.checkReasons(stored.score, reasons);
    const chosen = [...new Set(reasons)];
    if (sameReasons(chosen, stored.reasons)) return stored;
    return this.update(ticket, { ticketId, kind: 'reasons-set', score: stored.score, reasons: chosen });
  }

  /** A rating screen for the visit is on show: the visit counts as offered a rating (once). */
  async ratingOffered({ ticketId }: CallInput<'ratingOffered'>): Promise<CallOutput<'ratingOffered'>> {
    const ticket = this.requireTicket(ticketId);
    if (ticket.visitEndedAt === null) {
      throw new KioskError('visit-not-ended', `the visit of ticket ${ticket.number} has not ended`);
    }
    return { ticketId, offeredAt: this.parts.store.recordRatingOffer(ticketId, this.parts.clock.now()) };
  }

  private changeScore(ticket: Ticket, stored: Rating, score: number, reasons: readonly RatingReason[]): Rating {
    this.checkChangeable(ticket, stored);
    const { rating } = this.config;
    const lastTap = this.parts.store
      .listRatingEvents(ticket.id)
      .filter((event) => event.kind !== 'reasons-set')
      .at(-1);
    const sinceLastTapMs = this.parts.clock.now().getTime() - Date.parse(lastTap?.at ?? stored.ratedAt);
    // The same filter as the screen's: a trembling hand or an impatient second tap changes nothing.
    if (score === stored.score || sinceLastTapMs < rating.repeatTapSeconds * 1000) return stored;
    // Reasons belong to a low score: kept while the score stays low, dropped when it is no longer.
    const kept = score <= rating.lowScoreAtMost ? (reasons.length > 0 ? [...new Set(reasons)] : stored.reasons) : [];
    return this.update(ticket, { ticketId: ticket.id, kind: 'changed', score, reasons: kept });
  }

  private update(ticket: Ticket, change: Omit<RatingChange, 'at'>): Rating {
    const rating = this.parts.store.updateRating({ ...change, at: this.parts.clock.now() });
    if (!rating) throw new KioskError('internal', `the rating of ticket ${ticket.number} vanished from the store`);
    this.parts.emit('ratingGiven', rating);
    return rating;
  }

  /**
   * Whether a face tapped for this visit now is taken: the visit ended and is unrated within the
   * rating window, or rated and still within the screen's time to change it.
   */
  canRate(ticket: Ticket): boolean {
    const stored = this.parts.store.getRating(ticket.id);
    try {
      if (stored) this.checkChangeable(ticket, stored);
      else this.checkRateable(ticket);
      return true;
    } catch (error) {
      if (error instanceof KioskError) return false;
      throw error;
    }
  }

  private requireTicket(ticketId: number): Ticket {
    const ticket = this.parts.store.getTicket(ticketId);
    if (!ticket) throw new KioskError('ticket-not-found', `ticketId: no ticket has id ${ticketId}`);
    return ticket;
  }

  private checkReasons(score: number, reasons: readonly RatingReason[]): void {
    const { rating } = this.config;
    if (reasons.length > 0 && score > rating.lowScoreAtMost) {
      throw new KioskError('invalid-input', `reasons: only given with a score of ${rating.lowScoreAtMost} or less`);
    }
    const unknown = reasons.filter((reason) => !rating.reasons.includes(reason));
    if (unknown.length > 0) {
      throw new KioskError('invalid-input', `reasons: "${unknown.join('", "')}" is not offered on this kiosk`);
    }
  }

  /** A stored rating can change only within the screen's time after its first tap; then it is final. */
  private checkChangeable(ticket: Ticket, stored: Rating): void {
    const changeMs = this.config.rating.changeSeconds * 1000;
    if (this.parts.clock.now().getTime() - Date.parse(stored.ratedAt) > changeMs) {
      throw new KioskError('already-rated', `the visit of ticket ${ticket.number} is already rated`);
    }
  }

  /** The visit's end, when the visit can still be rated; a refusal saying why otherwise. */
  private checkRateable(ticket: Ticket): string {
    if (ticket.visitEndedAt === null) {
      throw new KioskError('visit-not-ended', `the visit of ticket ${ticket.number} has not ended`);
    }
    if (this.parts.store.getRating(ticket.id)) {
      throw new KioskError('already-rated', `the visit of ticket ${ticket.number} is already rated`);
    }
    const windowMs = this.config.rating.windowMinutes * 60_000;
    if (this.parts.clock.now().getTime() - Date.parse(ticket.visitEndedAt) > windowMs) {
      throw new KioskError(
        'rating-time-over',
        `the visit of ticket ${ticket.number} ended more than ${this.config.rating.windowMinutes} minutes ago`,
      );
    }
    return ticket.visitEndedAt;
  }
}

function sameReasons(a: readonly RatingReason[], b: readonly RatingReason[]): boolean {
  return a.length === b.length && a.every((reason) => b.includes(reason));
}
