import type { CallInput, CallOutput, PhoneTicket, Service, Ticket, WaitEstimate } from '../../contract';
import { KioskError } from '../errors';
import { callsOf, type KioskHandlers } from '../handlers';
import { localDay } from '../local-time';
import type { Clock, KioskStore } from '../ports';
import type { RatingCalls } from '../rating/rating-calls';
import type { Settings } from '../settings';
import { requireHallServer } from './hall-server';

export const PHONE_CALL_NAMES = ['getPhoneTicket', 'phoneRatingOffered', 'ratePhoneTicket'] as const;

export interface PhoneCallParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  ratings: Pick<RatingCalls, 'submitRating' | 'setRatingReasons' | 'ratingOffered' | 'canRate'>;
  /** People ahead of a ticket in the queue now, and the minutes that makes. */
  waitOf(service: Service, ticket: Ticket): WaitEstimate;
}

/**
 * The phone page's calls on the hall server (README, "A hall on one queue"): a visitor's phone
 * follows their ticket by its unguessable ref and rates the visit there, counted once with the
 * kiosks' and tablets' ratings (the same RatingCalls). Nothing else is reachable by a ref.
 */
export class PhoneCalls {
  constructor(private readonly parts: PhoneCallParts) {}

  calls(): Pick<KioskHandlers, (typeof PHONE_CALL_NAMES)[number]> {
    return callsOf(this, PHONE_CALL_NAMES);
  }

  async getPhoneTicket({ ref }: CallInput<'getPhoneTicket'>): Promise<CallOutput<'getPhoneTicket'>> {
    return this.view(this.ticketOf(ref));
  }

  async phoneRatingOffered({ ref }: CallInput<'phoneRatingOffered'>): Promise<CallOutput<'phoneRatingOffered'>> {
    const { offeredAt } = await this.parts.ratings.ratingOffered({ ticketId: this.ticketOf(ref).id });
    return { offeredAt };
  }

  async ratePhoneTicket({ ref, score, reasons }: CallInput<'ratePhoneTicket'>): Promise<CallOutput<'ratePhoneTicket'>> {
    const ticket = this.ticketOf(ref);
    const stored = this.parts.store.getRating(ticket.id);
    // A chip tapped after the face: the page sends the stored score with the chips as now chosen.
    if (stored && stored.score === score && reasons !== undefined) {
      await this.parts.ratings.setRatingReasons({ ticketId: ticket.id, reasons });
    } else {
      await this.parts.ratings.submitRating({ ticketId: ticket.id, score, ...(reasons && { reasons }) });
    }
    return this.view(this.ticketOf(ref));
  }

  private ticketOf(ref: string): Ticket {
    requireHallServer(this.parts.settings.config());
    const ticket = this.parts.store.findTicketByRef(ref);
    // The same answer for a ref never issued and one not yet handed over by its kiosk.
    if (!ticket) throw new KioskError('ticket-not-found', 'no ticket of this hall has this link (yet)');
    return ticket;
  }

  private view(ticket: Ticket): PhoneTicket {
    const { settings, store, clock } = this.parts;
    const rating = store.getRating(ticket.id);
    const config = settings.config();
    const today = ticket.localDay === localDay(clock.now(), config.timeZone);
    const service = settings.catalog().services.find((candidate) => candidate.id === ticket.serviceId);
    const waiting = today && ticket.state === 'waiting' && service !== undefined;
    const wait = waiting ? this.parts.waitOf(service, ticket) : null;
    return {
      number: ticket.number,
      serviceId: ticket.serviceId,
      language: ticket.language,
      localDay: ticket.localDay,
      today,
      state: ticket.state,
      peopleAhead: wait?.peopleAhead ?? null,
      estimatedWaitMinutes: wait?.minutes ?? null,
      deskId: ticket.state === 'called' || ticket.state === 'serving' ? ticket.deskId : null,
      calledAt: ticket.calledAt,
      recalls: ticket.recalls,
      score: rating?.score ?? null,
      reasons: rating?.reasons ?? [],
      canRate: this.parts.ratings.canRate(ticket),
      centreName: config.centreName,
      timeZone: config.timeZone,
    };
  }
}
