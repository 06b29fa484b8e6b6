import type {
  CallInput,
  CallOutput,
  Catalog,
  EventPayload,
  KioskCallName,
  KioskEventName,
  KioskInfo,
  Rating,
  Service,
  Ticket,
} from '../contract';
import type { KioskConfig } from './config';
import { KioskError } from './errors';
import { localDay } from './local-time';
import type { Clock, KioskStore, TicketPrinter } from './ports';

export type KioskEventListener = <E extends KioskEventName>(event: E, payload: EventPayload<E>) => void;

/** The kiosk's behaviour, free of transports and hardware: one method per call of the contract. */
export type KioskHandlers = { [N in KioskCallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

export interface KioskServiceParts {
  config: KioskConfig;
  catalog: Catalog;
  store: KioskStore;
  printer: TicketPrinter;
  clock: Clock;
}

export class KioskService implements KioskHandlers {
  private readonly listeners = new Set<KioskEventListener>();
  private readonly servicesById: Map<string, Service>;

  constructor(private readonly parts: KioskServiceParts) {
    this.servicesById = new Map(parts.catalog.services.map((service) => [service.id, service]));
  }

  /** Subscribes to events for every transport; returns the unsubscribe function. */
  subscribe(listener: KioskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async getKioskInfo(): Promise<KioskInfo> {
    const { centreName, languages, defaultLanguage, resultScreenSeconds } = this.parts.config;
    return { centreName, languages, defaultLanguage, resultScreenSeconds };
  }

  async getCatalog(): Promise<Catalog> {
    return this.parts.catalog;
  }

  /**
   * The ticket is numbered and stored before the printer is touched, and the print outcome is
   * stored after, so a crash at any instant leaves a record of every number a visitor may hold.
   */
  async issueTicket({ serviceId, language }: CallInput<'issueTicket'>): Promise<Ticket> {
    const service = this.servicesById.get(serviceId);
    if (!service) throw new KioskError('unknown-service', `no service has id "${serviceId}"`);
    const { store, clock, printer, config } = this.parts;
    const issuedAt = clock.now();
    const ticket = store.issueTicket({
      group: service.group,
      localDay: localDay(issuedAt, config.timeZone),
      serviceId,
      language,
      issuedAt,
    });
    this.emit('ticketIssued', ticket);
    try {
      await printer.print({
        centreName: config.centreName,
        serviceName: service.name[language],
        number: ticket.number,
        language,
        issuedAt,
        timeZone: config.timeZone,
        qrContent: ticketQrContent(config.kioskId, ticket),
      });
      return store.recordPrintOutcome(ticket.id, 'printed', null, clock.now());
    } catch (error) {
      return store.recordPrintOutcome(ticket.id, 'failed', (error as Error).message, clock.now());
    }
  }

  async listTodayTickets(): Promise<Ticket[]> {
    return this.parts.store.listTickets(this.today());
  }

  async endVisit({ number }: CallInput<'endVisit'>): Promise<Ticket> {
    const { store, clock } = this.parts;
    const ticket = store.findTicket(this.today(), number.trim().toUpperCase());
    if (!ticket) throw new KioskError('ticket-not-found', `no ticket ${number} was issued today`);
    const ended = ticket.visitEndedAt ? ticket : store.markVisitEnded(ticket.id, clock.now());
    this.emit('visitEnded', ended);
    return ended;
  }

  async submitRating({ ticketId, score }: CallInput<'submitRating'>): Promise<Rating> {
    const { store, clock } = this.parts;
    const ticket = store.getTicket(ticketId);
    if (!ticket) throw new KioskError('ticket-not-found', `no ticket has id ${ticketId}`);
    if (!ticket.visitEndedAt)
      throw new KioskError('visit-not-ended', `the visit of ticket ${ticket.number} has not ended`);
    const rating = store.saveRating({ ticketId, score, language: ticket.language, ratedAt: clock.now().toISOString() });
    if (!rating) throw new KioskError('already-rated', `the visit of ticket ${ticket.number} is already rated`);
    this.emit('ratingGiven', rating);
    return rating;
  }

  private today(): string {
    return localDay(this.parts.clock.now(), this.parts.config.timeZone);
  }

  private emit<E extends KioskEventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}

/** What a ticket's QR code says: kiosk, local day and number, so a scan names exactly one ticket. */
export function ticketQrContent(kioskId: string, ticket: Pick<Ticket, 'localDay' | 'number'>): string {
  return `KIOSK-TICKET:${kioskId}:${ticket.localDay}:${ticket.number}`;
}
