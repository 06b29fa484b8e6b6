import type { CallInput, PrinterStatus, Service, ServiceAvailability, Ticket, WaitEstimate } from '../../contract';
import { printerCanPrint, printerProblems, serviceAvailability, ticketQrContent } from '../../contract';
import { KioskError } from '../errors';
import { callsOf, type Emit, type KioskHandlers } from '../handlers';
import { localDay } from '../local-time';
import type { Clock, KioskStore } from '../ports';
import { groupNumbering } from '../queue/numbering';
import { priorityLabel } from '../queue/priority-label';
import type { Settings } from '../settings';

export const TICKET_CALL_NAMES = [
  'getServiceAvailability',
  'issueTicket',
  'reprintTicket',
  'listTodayTickets',
] as const;

export interface TicketCallParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  emit: Emit;
  /** People ahead and minutes of wait for a ticket of the service taken now (the queue's estimate). */
  waitEstimate(service: Service, priority: string | null): WaitEstimate;
}

/** Taking a ticket: whether the service takes visitors now, numbering, storing and printing it. */
export class TicketCalls {
  constructor(private readonly parts: TicketCallParts) {}

  calls(): Pick<KioskHandlers, (typeof TICKET_CALL_NAMES)[number]> {
    return callsOf(this, TICKET_CALL_NAMES);
  }

  async getServiceAvailability({ serviceId }: CallInput<'getServiceAvailability'>): Promise<ServiceAvailability> {
    return this.availability(this.knownService(serviceId));
  }

  /**
   * The ticket is numbered and stored before the printer is touched, and the print outcome is
   * stored after, so a crash at any instant leaves a record of every number a visitor may hold.
   */
  async issueTicket({ serviceId, language, priority }: CallInput<'issueTicket'>): Promise<Ticket> {
    const service = this.knownService(serviceId);
    const config = this.parts.settings.config();
    if (priority !== undefined && !service.priorityAllowed)
      throw new KioskError('priority-not-allowed', `service "${serviceId}" gives no priority tickets`);
    if (priority !== undefined && !config.priority.categories.includes(priority))
      throw new KioskError('priority-not-allowed', `"${priority}" is not a priority category of this kiosk`);
    const availability = this.availability(service);
    if (availability.state === 'closed')
      throw new KioskError('service-closed', `service "${serviceId}" is outside its opening hours`);
    // Checked here to answer before the printer is asked, and again in the store's transaction,
    // which alone decides when two requests race for the last ticket.
    if (availability.state === 'limit-reached') throw limitReached(service);
    const { store, clock } = this.parts;
    const printerStatus = await this.printerStatusBeforeIssuing();
    if (!printerCanPrint(printerStatus) && config.printer.whenUnavailable === 'refer-to-staff') {
      throw new KioskError('printer-unavailable', `no ticket issued: ${printerFault(printerStatus)}`);
    }
    // Computed just before numbering; a ticket issued in between at most shifts the estimate by one.
    const estimate = this.parts.waitEstimate(service, priority ?? null);
    const issuedAt = clock.now();
    const issued = store.issueTicket({
      dailyLimit: service.dailyLimit,
      peopleAhead: estimate.peopleAhead,
      estimatedWaitMinutes: estimate.minutes,
      group: service.group,
      numbering: groupNumbering(config.numbering, service.group),
      localDay: localDay(issuedAt, config.timeZone),
      serviceId,
      language,
      priority: priority ?? null,
      issuedAt,
    });
    if (!issued.ok && issued.reason === 'daily-limit-reached') throw limitReached(service);
    if (!issued.ok) {
      throw new KioskError('numbers-exhausted', `group ${service.group} has issued every number of its range today`);
    }
    const { ticket } = issued;
    this.parts.emit('ticketIssued', ticket);
    if (!printerCanPrint(printerStatus)) {
      // The number is the visitor's either way: it is shown on screen with its QR code.
      return store.recordPrintOutcome(ticket.id, 'failed', `not sent: ${printerFault(printerStatus)}`, clock.now());
    }
    return this.print(ticket, service);
  }

  /** Prints a ticket whose printing failed, once the visitor (or staff) asks for it again. */
  async reprintTicket({ ticketId }: CallInput<'reprintTicket'>): Promise<Ticket> {
    const ticket = this.parts.store.getTicket(ticketId);
    if (!ticket || ticket.localDay !== this.today()) {
      throw new KioskError('ticket-not-found', `no ticket of today has id ${ticketId}`);
    }
    if (ticket.printStatus === 'printed') {
      throw new KioskError('already-printed', `ticket ${ticket.number} was printed; it is not printed twice`);
    }
    const service = this.parts.settings.catalog().services.find((candidate) => candidate.id === ticket.serviceId);
    if (!service) throw new KioskError('unknown-service', `no service has id "${ticket.serviceId}"`);
    return this.print(ticket, service);
  }

  async listTodayTickets(): Promise<Ticket[]> {
    return this.parts.store.listTickets(this.today());
  }

  private async print(ticket: Ticket, service: Service): Promise<Ticket> {
    const { store, clock, settings } = this.parts;
    const config = settings.config();
    try {
      await settings.printer().print({
        centreName: config.centreName,
        serviceName: service.name[ticket.language],
        number: ticket.number,
        language: ticket.language,
        issuedAt: new Date(ticket.issuedAt),
        timeZone: config.timeZone,
        qrContent: ticketQrContent(config.kioskId, ticket),
        priorityLabel: ticket.priority === null ? null : priorityLabel(ticket.priority, ticket.language),
        peopleAhead: ticket.peopleAhead,
        waitMinutes: ticket.estimatedWaitMinutes,
      });
      return store.recordPrintOutcome(ticket.id, 'printed', null, clock.now());
    } catch (error) {
      return store.recordPrintOutcome(ticket.id, 'failed', (error as Error).message, clock.now());
    }
  }

  /**
   * The last status the printer gave, asked again when it says it cannot print: a fault is only
   * "known" if the printer still reports it, so a reloaded roll is never refused on old news.
   */
  private async printerStatusBeforeIssuing(): Promise<PrinterStatus> {
    const printer = this.parts.settings.printer();
    const last = printer.lastStatus();
    return printerCanPrint(last) ? last : printer.checkStatus();
  }

  private knownService(serviceId: string): Service {
    const service = this.parts.settings.services().get(serviceId);
    if (!service) throw new KioskError('unknown-service', `no service has id "${serviceId}"`);
    return service;
  }

  private availability(service: Service): ServiceAvailability {
    const { clock, store, settings } = this.parts;
    // Counting today's tickets reads a few thousand rows at most: a big centre's day.
    const issuedToday =
      service.dailyLimit === null
        ? 0
        : store.listTickets(this.today()).filter((t) => t.serviceId === service.id).length;
    return serviceAvailability(service, clock.now(), settings.config().timeZone, issuedToday);
  }

  private today(): string {
    return localDay(this.parts.clock.now(), this.parts.settings.config().timeZone);
  }
}

const limitReached = (service: Service): KioskError =>
  new KioskError('daily-limit-reached', `service "${service.id}" has issued its ${service.dailyLimit} tickets today`);

/** The technician's account of why the printer cannot print, kept with the ticket. */
function printerFault(status: PrinterStatus): string {
  return `printer unavailable (${printerProblems(status).join(', ')})${status.detail ? `: ${status.detail}` : ''}`;
}
