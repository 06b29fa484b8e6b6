import type { CallInput, PrinterStatus, Service, ServiceAvailability, Ticket, WaitEstimate } from '../../contract';
import { ticketQrContent } from '../../contract';
import { printerCanPrint, printerProblems } from '../../shared/printer-problems';
import { serviceAvailability } from '../service-availability';
import { KioskError } from '../errors';
import { callsOf, type Emit, type KioskHandlers } from '../handlers';
import { localDay } from '../local-time';
import {
  StorageUnavailableError,
  type Clock,
  type CoreLog,
  type HallQueue,
  type KioskStore,
  type NewTicket,
} from '../ports';
import { requireHallServer } from '../hall/hall-server';
import { groupNumbering } from '../queue/numbering';
import { priorityLabel } from '../queue/priority-label';
import type { Settings } from '../settings';

export const TICKET_CALL_NAMES = [
  'getServiceAvailability',
  'issueTicket',
  'reprintTicket',
  'listTodayTickets',
  'hallIssueTicket',
] as const;

export interface TicketCallParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  emit: Emit;
  /** Where storage faults and interrupted prints are told to the technician; must never throw (guardedLog). */
  log: CoreLog;
  /** People ahead and minutes of wait for a ticket of the service taken now (the queue's estimate). */
  waitEstimate(service: Service, priority: string | null): WaitEstimate;
  /** On a kiosk of a hall (`hall.server` set): its server, which numbers the tickets this kiosk prints. */
  hall?: HallQueue;
}

/** What the request a ticket is issued by carries. */
type IssueRequest = CallInput<'issueTicket'>;

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
  async issueTicket(request: IssueRequest): Promise<Ticket> {
    const service = this.issuable(request);
    const config = this.parts.settings.config();
    const printerStatus = await this.printerStatusBeforeIssuing();
    if (!printerCanPrint(printerStatus) && config.printer.whenUnavailable === 'refer-to-staff') {
      throw new KioskError('printer-unavailable', `no ticket issued: ${printerFault(printerStatus)}`);
    }
    const ticket = this.parts.hall
      ? await this.issueInHall(this.parts.hall, service, request)
      : this.numberAndStore(service, request, {});
    if (!printerCanPrint(printerStatus)) {
      // The number is the visitor's either way: it is shown on screen with its QR code.
      return this.recordOutcome(ticket, 'failed', `not sent: ${printerFault(printerStatus)}`);
    }
    return this.print(ticket, service);
  }

  /**
   * On the hall server: numbers and stores a ticket that a kiosk of the hall prints, with the same
   * checks and the same transaction as a kiosk's own, never taking a number of a kiosk's block.
   * The same `originRef` again gives the same ticket.
   */
  async hallIssueTicket({ kioskId, originRef, ...request }: CallInput<'hallIssueTicket'>): Promise<Ticket> {
    const { hall } = requireHallServer(this.parts.settings.config());
    const service = this.issuable(request);
    return this.numberAndStore(service, request, {
      origin: { ref: originRef, kioskId },
      reserved: hall.offlineBlocks.map((entry) => entry.block),
    });
  }

  /**
   * A kiosk of a hall: the server numbers the ticket (its queue, limits and wait estimate); when it
   * cannot be reached, the kiosk numbers it from its own block, agreed with the server, so the
   * visitor is served either way. Both are stored here to be printed and handed over.
   */
  private async issueInHall(hall: HallQueue, service: Service, request: IssueRequest): Promise<Ticket> {
    const originRef = hall.newRef();
    const numbered = await hall.issue({ ...request, originRef });
    if (numbered !== 'unreachable') {
      const ticket = this.storing('issue', () => this.parts.store.storeHallTicket(numbered, originRef));
      this.parts.emit('ticketIssued', ticket);
      return ticket;
    }
    const block = hall.offlineBlock();
    if (!block) {
      throw new KioskError(
        'hall-unreachable',
        'the hall server cannot be reached and this kiosk has no numbers of its own yet (it gets them from the server)',
      );
    }
    const { width } = groupNumbering(this.parts.settings.config().numbering, service.group);
    // The server alone counts the day's tickets of the hall: no limit is known here.
    return this.numberAndStore({ ...service, dailyLimit: null }, request, {
      numbering: { start: block.start, end: block.end, width },
      origin: { ref: originRef, kioskId: null },
      issuedOffline: true,
    });
  }

  /** The checks before a ticket is numbered: a known service, its priority rules, open, under its limit. */
  private issuable({ serviceId, priority }: Pick<IssueRequest, 'serviceId' | 'priority'>): Service {
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
    return service;
  }

  /** Numbers and stores the ticket in one transaction, and tells every screen. */
  private numberAndStore(
    service: Service,
    { serviceId, language, priority }: IssueRequest,
    hall: Pick<NewTicket, 'origin' | 'reserved' | 'issuedOffline'> & { numbering?: NewTicket['numbering'] },
  ): Ticket {
    const { store, clock } = this.parts;
    const config = this.parts.settings.config();
    // Computed just before numbering; a ticket issued in between at most shifts the estimate by one.
    // A kiosk issuing from its own block knows nothing of the hall's queue: the wait is unknown.
    const estimate = hall.issuedOffline
      ? { peopleAhead: 0, minutes: null }
      : this.parts.waitEstimate(service, priority ?? null);
    const issuedAt = clock.now();
    const issued = this.storing('issue', () =>
      store.issueTicket({
        dailyLimit: service.dailyLimit,
        peopleAhead: estimate.peopleAhead,
        estimatedWaitMinutes: estimate.minutes,
        group: service.group,
        numbering: hall.numbering ?? groupNumbering(config.numbering, service.group),
        localDay: localDay(issuedAt, config.timeZone),
        serviceId,
        language,
        priority: priority ?? null,
        issuedAt,
        ...(hall.origin && { origin: hall.origin }),
        ...(hall.reserved && { reserved: hall.reserved }),
        ...(hall.issuedOffline && { issuedOffline: true }),
      }),
    );
    if (!issued.ok && issued.reason === 'daily-limit-reached') throw limitReached(service);
    if (!issued.ok) {
      throw new KioskError('numbers-exhausted', `group ${service.group} has issued every number of its range today`);
    }
    this.parts.emit('ticketIssued', issued.ticket);
    return issued.ticket;
  }

  /**
   * Prints a ticket whose printing failed or was interrupted, once the visitor (or staff) asks for
   * it again. The store's claim decides: of two reprints, or a reprint while the ticket is being
   * printed, only one sends a paper.
   */
  async reprintTicket({ ticketId }: CallInput<'reprintTicket'>): Promise<Ticket> {
    const ticket = this.parts.store.getTicket(ticketId);
    if (!ticket || ticket.localDay !== this.today()) {
      throw new KioskError('ticket-not-found', `no ticket of today has id ${ticketId}`);
    }
    const service = this.parts.settings.catalog().services.find((candidate) => candidate.id === ticket.serviceId);
    if (!service) throw new KioskError('unknown-service', `no service has id "${ticket.serviceId}"`);
    const claimed = this.storing('reprint', () => this.parts.store.claimReprint(ticketId, this.parts.clock.now()));
    if (!claimed) throw notReprintable(this.parts.store.getTicket(ticketId) ?? ticket);
    return this.print(claimed, service);
  }

  /**
   * At start: every ticket still `pending` was being printed when the kiosk stopped. Printed or
   * not, nobody knows: it becomes `interrupted`, stays in the queue (its visitor may hold it) and
   * the desk sees "print not confirmed". Returns those tickets.
   */
  settleInterruptedPrints(): Ticket[] {
    const interrupted = this.parts.store.markInterruptedPrints(
      'the kiosk stopped before the print outcome was stored',
      this.parts.clock.now(),
    );
    if (interrupted.length > 0) {
      this.parts.log.warn(
        'prints-interrupted',
        { numbers: interrupted.map((ticket) => `${ticket.localDay} ${ticket.number}`) },
        `${interrupted.length} ticket(s) had no print outcome after a stop: marked "print not confirmed"`,
      );
    }
    return interrupted;
  }

  async listTodayTickets(): Promise<Ticket[]> {
    return this.parts.store.listTickets(this.today());
  }

  /**
   * Sends the ticket to the printer, then stores the outcome. Only the printer shares the `try`: a
   * failure after the paper came out (a listener, a log line, the outcome's own write) must never
   * turn a printed ticket into a failed one.
   */
  private async print(ticket: Ticket, service: Service): Promise<Ticket> {
    const { settings } = this.parts;
    const config = settings.config();
    let failure: string | null = null;
    try {
      await settings.printer().print({
        centreName: config.centreName,
        serviceName: service.name[ticket.language],
        number: ticket.number,
        language: ticket.language,
        issuedAt: new Date(ticket.issuedAt),
        timeZone: config.timeZone,
        qrContent: ticketQrContent(config.kioskId, ticket, this.parts.hall?.phoneUrl() ?? null),
        priorityLabel: ticket.priority === null ? null : priorityLabel(ticket.priority, ticket.language),
        peopleAhead: ticket.peopleAhead,
        waitMinutes: ticket.estimatedWaitMinutes,
        waitUnknown: ticket.issuedOffline,
      });
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    return failure === null
      ? this.recordOutcome(ticket, 'printed', null)
      : this.recordOutcome(ticket, 'failed', failure);
  }

  /**
   * Stores the print outcome. If the store cannot write it now, the visitor still gets the answer
   * (their ticket, printed or not) and the technician the cause; the ticket stays `pending` in the
   * store and becomes `interrupted` at the next start.
   */
  private recordOutcome(ticket: Ticket, status: 'printed' | 'failed', error: string | null): Ticket {
    const at = this.parts.clock.now();
    try {
      const stored = this.parts.store.recordPrintOutcome(ticket.id, status, error, at);
      // A kiosk of a hall hands the outcome to its server now rather than at the next round.
      this.parts.hall?.outcomeStored();
      return stored;
    } catch (fault) {
      if (!(fault instanceof StorageUnavailableError)) throw fault;
      this.reportStorageFault('print-outcome', fault, ticket);
      return { ...ticket, printStatus: status, printError: error };
    }
  }

  /** A write the visitor's request needs: a storage fault refuses it calmly and tells the technician why. */
  private storing<T>(doing: 'issue' | 'reprint', write: () => T): T {
    try {
      return write();
    } catch (fault) {
      if (!(fault instanceof StorageUnavailableError)) throw fault;
      this.reportStorageFault(doing, fault);
      throw new KioskError(
        'storage-unavailable',
        doing === 'issue' ? `no ticket was issued: ${fault.message}` : `the ticket was not reprinted: ${fault.message}`,
      );
    }
  }

  private reportStorageFault(doing: string, fault: StorageUnavailableError, ticket?: Ticket): void {
    this.parts.log.error(
      'storage-unavailable',
      { doing, code: fault.code, cause: fault.message, ...(ticket && { number: ticket.number }) },
      `the kiosk cannot write its database (${fault.code}): free disk space or make the data folder writable`,
    );
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

/** Why a ticket the store would not claim for a reprint is not printed again. */
function notReprintable(ticket: Ticket): KioskError {
  if (ticket.printStatus === 'printed') {
    return new KioskError('already-printed', `ticket ${ticket.number} was printed; it is not printed twice`);
  }
  return new KioskError('print-in-progress', `ticket ${ticket.number} is being printed now; it is not printed twice`);
}

const limitReached = (service: Service): KioskError =>
  new KioskError('daily-limit-reached', `service "${service.id}" has issued its ${service.dailyLimit} tickets today`);

/** The technician's account of why the printer cannot print, kept with the ticket. */
function printerFault(status: PrinterStatus): string {
  return `printer unavailable (${printerProblems(status).join(', ')})${status.detail ? `: ${status.detail}` : ''}`;
}
