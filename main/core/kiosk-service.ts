import type {
  CallInput,
  CallOutput,
  Catalog,
  EventPayload,
  KioskCallName,
  KioskEventName,
  KioskInfo,
  PrinterProblem,
  PrinterReport,
  PrinterStatus,
  Rating,
  Service,
  ServiceAvailability,
  Ticket,
} from '../contract';
import { printerCanPrint, printerProblems, serviceAvailability, ticketQrContent } from '../contract';
import type { KioskConfig } from './config';
import { KioskError } from './errors';
import { localDay } from './local-time';
import { noLogs, noSettingsFile } from './ports';
import type {
  Clock,
  DeviceSettingsWriter,
  KioskStore,
  LogReader,
  SerialPortLister,
  TechnicianAudit,
  TicketPrinter,
} from './ports';
import { TechnicianAccess } from './technician/access';
import { TechnicianCalls } from './technician/technician-calls';
import { groupNumbering } from './queue/numbering';

export type KioskEventListener = <E extends KioskEventName>(event: E, payload: EventPayload<E>) => void;

/** The kiosk's behaviour, free of transports and hardware: one method per call of the contract. */
export type KioskHandlers = { [N in KioskCallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };

export interface KioskServiceParts {
  config: KioskConfig;
  catalog: Catalog;
  store: KioskStore;
  printer: TicketPrinter;
  clock: Clock;
  /** What the technicians' log viewer reads; none when the kiosk keeps no log (tests of other parts). */
  logs?: LogReader;
  /** Where technician actions are kept; none in tests of other parts. */
  audit?: TechnicianAudit;
  /** The configuration file, as technician mode reads and changes it; none in tests of other parts. */
  settings?: DeviceSettingsWriter;
  /** Lists the machine's serial ports for the printer settings; none in tests of other parts. */
  serialPorts?: SerialPortLister;
}

export class KioskService implements KioskHandlers {
  private readonly listeners = new Set<KioskEventListener>();
  private readonly servicesById: Map<string, Service>;
  private printerProblemsSeen: PrinterProblem[] = [];

  private readonly technician: TechnicianCalls;

  constructor(private readonly parts: KioskServiceParts) {
    const { pinHash, sessionIdleSeconds } = parts.config.technician;
    const access = new TechnicianAccess({
      pinHash,
      clock: parts.clock,
      sessionIdleMs: sessionIdleSeconds * 1000,
      savePinHash: (hash) => parts.settings?.savePinHash(hash),
    });
    this.technician = new TechnicianCalls({
      access,
      clock: parts.clock,
      logs: parts.logs ?? noLogs,
      audit: parts.audit ?? { record: () => {} },
      settings: parts.settings ?? noSettingsFile,
      serialPorts: parts.serialPorts ?? (async () => []),
    });
    // A service disabled on this kiosk is unknown to it: never shown, never ticketed.
    this.servicesById = new Map(
      parts.catalog.services.filter((service) => service.enabled).map((service) => [service.id, service]),
    );
    this.printerProblemsSeen = printerProblems(parts.printer.lastStatus());
    parts.printer.onStatusChange((status) => this.printerStatusChanged(status));
  }

  /** Subscribes to events for every transport; returns the unsubscribe function. */
  subscribe(listener: KioskEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async getKioskInfo(): Promise<KioskInfo> {
    const { config } = this.parts;
    return {
      centreName: config.centreName,
      languages: config.languages,
      defaultLanguage: config.defaultLanguage,
      resultScreenSeconds: config.resultScreenSeconds,
      kioskId: config.kioskId,
      priorityCategories: config.priority.categories,
      role: config.role,
      ratingDeskIds: config.ratingDeskIds,
      rating: config.rating,
      idle: config.idle,
      accessibilityDefaults: config.accessibilityDefaults,
    };
  }

  async getCatalog(): Promise<Catalog> {
    return this.parts.catalog;
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
    if (priority !== undefined && !service.priorityAllowed)
      throw new KioskError('priority-not-allowed', `service "${serviceId}" gives no priority tickets`);
    if (priority !== undefined && !this.parts.config.priority.categories.includes(priority))
      throw new KioskError('priority-not-allowed', `"${priority}" is not a priority category of this kiosk`);
    const availability = this.availability(service);
    if (availability.state === 'closed')
      throw new KioskError('service-closed', `service "${serviceId}" is outside its opening hours`);
    if (availability.state === 'limit-reached')
      throw new KioskError(
        'daily-limit-reached',
        `service "${serviceId}" has issued its ${service.dailyLimit} tickets today`,
      );
    const { store, clock, config } = this.parts;
    const printerStatus = await this.printerStatusBeforeIssuing();
    if (!printerCanPrint(printerStatus) && config.printer.whenUnavailable === 'refer-to-staff') {
      throw new KioskError('printer-unavailable', `no ticket issued: ${printerFault(printerStatus)}`);
    }
    const issuedAt = clock.now();
    const ticket = store.issueTicket({
      group: service.group,
      numbering: groupNumbering(config.numbering, service.group),
      localDay: localDay(issuedAt, config.timeZone),
      serviceId,
      language,
      priority: priority ?? null,
      issuedAt,
    });
    if (!ticket) {
      throw new KioskError('numbers-exhausted', `group ${service.group} has issued every number of its range today`);
    }
    this.emit('ticketIssued', ticket);
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
    const service = this.parts.catalog.services.find((candidate) => candidate.id === ticket.serviceId);
    if (!service) throw new KioskError('unknown-service', `no service has id "${ticket.serviceId}"`);
    return this.print(ticket, service);
  }

  technicianUnlock(input: CallInput<'technicianUnlock'>): Promise<CallOutput<'technicianUnlock'>> {
    return this.technician.technicianUnlock(input);
  }

  changeTechnicianPin(input: CallInput<'changeTechnicianPin'>): Promise<CallOutput<'changeTechnicianPin'>> {
    return this.technician.changeTechnicianPin(input);
  }

  exportConfiguration(input: CallInput<'exportConfiguration'>): Promise<CallOutput<'exportConfiguration'>> {
    return this.technician.exportConfiguration(input);
  }

  importConfiguration(input: CallInput<'importConfiguration'>): Promise<CallOutput<'importConfiguration'>> {
    return this.technician.importConfiguration(input);
  }

  listSerialPorts(input: CallInput<'listSerialPorts'>): Promise<CallOutput<'listSerialPorts'>> {
    return this.technician.listSerialPorts(input);
  }

  readLog(input: CallInput<'readLog'>): Promise<CallOutput<'readLog'>> {
    return this.technician.readLog(input);
  }

  async getPrinterStatus(): Promise<PrinterReport> {
    return this.printerReport(await this.parts.printer.checkStatus());
  }

  private async print(ticket: Ticket, service: Service): Promise<Ticket> {
    const { store, clock, printer, config } = this.parts;
    try {
      await printer.print({
        centreName: config.centreName,
        serviceName: service.name[ticket.language],
        number: ticket.number,
        language: ticket.language,
        issuedAt: new Date(ticket.issuedAt),
        timeZone: config.timeZone,
        qrContent: ticketQrContent(config.kioskId, ticket),
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
    const last = this.parts.printer.lastStatus();
    return printerCanPrint(last) ? last : this.parts.printer.checkStatus();
  }

  private printerReport(status: PrinterStatus): PrinterReport {
    const roll = this.parts.store.paperRoll();
    return {
      profile: this.parts.config.printer.profile,
      status,
      problems: printerProblems(status),
      canPrint: printerCanPrint(status),
      ticketsSinceRoll: roll.ticketsPrinted,
      rollSince: roll.since,
    };
  }

  private printerStatusChanged(status: PrinterStatus): void {
    const problems = printerProblems(status);
    const before = this.printerProblemsSeen;
    this.printerProblemsSeen = problems;
    const at = this.parts.clock.now();
    // Paper that was out or nearly out and is fine again means a new roll.
    if ((before.includes('paper-out') || before.includes('paper-near-end')) && status.paper === 'ok') {
      this.parts.store.recordPaperRoll(at);
    }
    this.emit('printerStatusChanged', this.printerReport(status));
    for (const problem of problems.filter((p) => !before.includes(p))) {
      this.emit('printerWarning', { problem, at: at.toISOString(), detail: status.detail });
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

  private knownService(serviceId: string): Service {
    const service = this.servicesById.get(serviceId);
    if (!service) throw new KioskError('unknown-service', `no service has id "${serviceId}"`);
    return service;
  }

  private availability(service: Service): ServiceAvailability {
    const { clock, config, store } = this.parts;
    // Counting today's tickets reads a few thousand rows at most: a big centre's day.
    const issuedToday =
      service.dailyLimit === null
        ? 0
        : store.listTickets(this.today()).filter((t) => t.serviceId === service.id).length;
    return serviceAvailability(service, clock.now(), config.timeZone, issuedToday);
  }

  private today(): string {
    return localDay(this.parts.clock.now(), this.parts.config.timeZone);
  }

  private emit<E extends KioskEventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}

/** The technician's account of why the printer cannot print, kept with the ticket. */
function printerFault(status: PrinterStatus): string {
  return `printer unavailable (${printerProblems(status).join(', ')})${status.detail ? `: ${status.detail}` : ''}`;
}
