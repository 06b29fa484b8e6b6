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
  SettingsApplied,
  Ticket,
} from '../contract';
import { printerCanPrint, printerProblems, serviceAvailability, ticketQrContent } from '../contract';
import type { KioskConfig } from './config';
import { KioskError } from './errors';
import { localDay } from './local-time';
import { noLogs, noSettingsFile, noSpeaker } from './ports';
import type {
  Clock,
  DeviceSettingsWriter,
  KioskStore,
  LogReader,
  PrinterFactory,
  SerialPortLister,
  Speaker,
  SystemFacts,
  TechnicianAudit,
  TicketPrinter,
} from './ports';
import { ReportCalls } from './reports/report-calls';
import { TechnicianAccess } from './auth/technician-access';
import { LiveSettings } from './technician/live-settings';
import { TechnicianCalls } from './technician/technician-calls';
import { groupNumbering } from './queue/numbering';
import { RatingCalls } from './rating/rating-calls';
import { priorityLabel } from './queue/priority-label';
import { VisitCalls } from './queue/visit-calls';

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
  /** Audio guidance (main/boot/speech.ts); none says why nothing is spoken. */
  speaker?: Speaker;
  /** Reopens the printer when technician mode changes its settings; none keeps the printer as it is. */
  printers?: PrinterFactory;
  /** Versions, uptime and disk space for technician diagnostics; none in tests of other parts. */
  system?: SystemFacts;
}

export class KioskService implements KioskHandlers {
  private readonly listeners = new Set<KioskEventListener>();
  private readonly servicesById: Map<string, Service>;
  private printerProblemsSeen: PrinterProblem[] = [];
  /** Technician changes replace the configuration, catalog and printer here; `parts` reads them live. */
  private readonly live: LiveSettings;
  private readonly parts: KioskServiceParts;
  private stopPrinterListening: () => void;

  private readonly technician: TechnicianCalls;
  private readonly reports: ReportCalls;
  private readonly visits: VisitCalls;
  private readonly ratings: RatingCalls;

  constructor(given: KioskServiceParts) {
    const live = new LiveSettings(given);
    this.live = live;
    const parts = live.view(given);
    this.parts = parts;
    const access = new TechnicianAccess({
      pinHash: parts.config.technician.pinHash,
      clock: parts.clock,
      sessionIdleMs: () => live.config.technician.sessionIdleSeconds * 1000,
      savePinHash: (hash) => parts.settings?.savePinHash(hash),
    });
    this.technician = new TechnicianCalls({
      access,
      clock: parts.clock,
      logs: parts.logs ?? noLogs,
      audit: parts.audit ?? { record: () => {} },
      settings: parts.settings ?? noSettingsFile,
      serialPorts: parts.serialPorts ?? (async () => []),
      printers: parts.printers ?? null,
      system: parts.system ?? null,
      live: {
        config: () => live.config,
        printer: () => live.printer,
        printerReport: () => this.getPrinterStatus(),
        apply: (change) => this.applyTechnicianChange(change),
        speechVoices: () => (parts.speaker ? this.listSpeechVoices() : null),
      },
    });
    // A service disabled on this kiosk is unknown to it: never shown, never ticketed.
    this.servicesById = new Map();
    this.indexServices();
    const emit = this.emit.bind(this);
    this.visits = new VisitCalls(live.view({ ...parts, services: this.servicesById, emit }));
    this.ratings = new RatingCalls(live.view({ ...parts, emit }));
    const staff = {
      isStaffToken: (token: string) => access.check(token).ok || this.visits.sessions.signedInDesk(token) !== undefined,
    };
    this.reports = new ReportCalls(live.view({ ...parts, staff, centre: () => live.config }));
    this.printerProblemsSeen = printerProblems(parts.printer.lastStatus());
    this.stopPrinterListening = parts.printer.onStatusChange((status) => this.printerStatusChanged(status));
  }

  // A service disabled on this kiosk is unknown to it: never shown, never ticketed. Refilled in
  // place on a new catalog, as the desks' calls hold this same map.
  private indexServices(): void {
    this.servicesById.clear();
    for (const service of this.parts.catalog.services) if (service.enabled) this.servicesById.set(service.id, service);
  }

  /**
   * Puts a technician's change in effect: new settings and catalog at once, the printer closed and
   * opened again when its settings changed; then every screen is told to load its setup again.
   */
  private async applyTechnicianChange(
    change: SettingsApplied & { config?: KioskConfig; catalog?: Catalog },
  ): Promise<void> {
    const printerChanged = change.config !== undefined && change.changed.some((path) => path.startsWith('printer'));
    this.live.replace({
      ...(change.config && { config: change.config }),
      ...(change.catalog && { catalog: change.catalog }),
    });
    if (change.catalog) this.indexServices();
    if (printerChanged && this.parts.printers) {
      const old = this.live.printer;
      this.stopPrinterListening();
      const printer = this.parts.printers.open(this.live.config.printer);
      this.live.replace({ printer });
      this.stopPrinterListening = printer.onStatusChange((status) => this.printerStatusChanged(status));
      await old.close();
      this.printerStatusChanged(printer.lastStatus());
    }
    this.emit('settingsChanged', { changed: change.changed, restartRequired: change.restartRequired });
  }

  /** Closes the printer in use, which technician mode may have replaced since the start. */
  closePrinter(): Promise<void> {
    this.stopPrinterListening();
    return this.live.printer.close();
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
      timeZone: config.timeZone,
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
    // Checked here to answer before the printer is asked, and again in the store's transaction,
    // which alone decides when two requests race for the last ticket.
    if (availability.state === 'limit-reached') throw limitReached(service);
    const { store, clock, config } = this.parts;
    const printerStatus = await this.printerStatusBeforeIssuing();
    if (!printerCanPrint(printerStatus) && config.printer.whenUnavailable === 'refer-to-staff') {
      throw new KioskError('printer-unavailable', `no ticket issued: ${printerFault(printerStatus)}`);
    }
    // Computed just before numbering; a ticket issued in between at most shifts the estimate by one.
    const estimate = this.visits.waitEstimate(service, priority ?? null);
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

  getSettings(input: CallInput<'getSettings'>): Promise<CallOutput<'getSettings'>> {
    return this.technician.getSettings(input);
  }

  updateSettings(input: CallInput<'updateSettings'>): Promise<CallOutput<'updateSettings'>> {
    return this.technician.updateSettings(input);
  }

  previewCatalogImport(input: CallInput<'previewCatalogImport'>): Promise<CallOutput<'previewCatalogImport'>> {
    return this.technician.previewCatalogImport(input);
  }

  applyCatalogImport(input: CallInput<'applyCatalogImport'>): Promise<CallOutput<'applyCatalogImport'>> {
    return this.technician.applyCatalogImport(input);
  }

  testPrint(input: CallInput<'testPrint'>): Promise<CallOutput<'testPrint'>> {
    return this.technician.testPrint(input);
  }

  getDiagnostics(input: CallInput<'getDiagnostics'>): Promise<CallOutput<'getDiagnostics'>> {
    return this.technician.getDiagnostics(input);
  }

  setDeskPin(input: CallInput<'setDeskPin'>): Promise<CallOutput<'setDeskPin'>> {
    return this.technician.setDeskPin(input);
  }

  deskSignIn(input: CallInput<'deskSignIn'>): Promise<CallOutput<'deskSignIn'>> {
    return this.visits.deskSignIn(input);
  }

  deskSignOut(input: CallInput<'deskSignOut'>): Promise<CallOutput<'deskSignOut'>> {
    return this.visits.deskSignOut(input);
  }

  getDeskState(input: CallInput<'getDeskState'>): Promise<CallOutput<'getDeskState'>> {
    return this.visits.getDeskState(input);
  }

  callNext(input: CallInput<'callNext'>): Promise<CallOutput<'callNext'>> {
    return this.visits.callNext(input);
  }

  recallTicket(input: CallInput<'recallTicket'>): Promise<CallOutput<'recallTicket'>> {
    return this.visits.recallTicket(input);
  }

  startVisit(input: CallInput<'startVisit'>): Promise<CallOutput<'startVisit'>> {
    return this.visits.startVisit(input);
  }

  finishVisit(input: CallInput<'finishVisit'>): Promise<CallOutput<'finishVisit'>> {
    return this.visits.finishVisit(input);
  }

  markNoShow(input: CallInput<'markNoShow'>): Promise<CallOutput<'markNoShow'>> {
    return this.visits.markNoShow(input);
  }

  transferVisit(input: CallInput<'transferVisit'>): Promise<CallOutput<'transferVisit'>> {
    return this.visits.transferVisit(input);
  }

  listHallCalls(input: CallInput<'listHallCalls'>): Promise<CallOutput<'listHallCalls'>> {
    return this.visits.listHallCalls(input);
  }

  getWaitEstimate(input: CallInput<'getWaitEstimate'>): Promise<CallOutput<'getWaitEstimate'>> {
    return this.visits.getWaitEstimate(input);
  }

  findTicketForRating(input: CallInput<'findTicketForRating'>): Promise<CallOutput<'findTicketForRating'>> {
    return this.ratings.findTicketForRating(input);
  }

  getDayReport(input: CallInput<'getDayReport'>): Promise<CallOutput<'getDayReport'>> {
    return this.reports.getDayReport(input);
  }

  exportDayCsv(input: CallInput<'exportDayCsv'>): Promise<CallOutput<'exportDayCsv'>> {
    return this.reports.exportDayCsv(input);
  }

  printDaySummary(input: CallInput<'printDaySummary'>): Promise<CallOutput<'printDaySummary'>> {
    return this.reports.printDaySummary(input);
  }

  speak({ text, language }: CallInput<'speak'>): Promise<CallOutput<'speak'>> {
    return (this.parts.speaker ?? noSpeaker).speak(text, language);
  }

  async listSpeechVoices(): Promise<CallOutput<'listSpeechVoices'>> {
    const voices = await (this.parts.speaker ?? noSpeaker).voices();
    return voices.filter((voice) => this.parts.config.languages.includes(voice.language));
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

  endVisit(input: CallInput<'endVisit'>): Promise<Ticket> {
    return this.visits.endVisit(input);
  }

  submitRating(input: CallInput<'submitRating'>): Promise<Rating> {
    return this.ratings.submitRating(input);
  }

  setRatingReasons(input: CallInput<'setRatingReasons'>): Promise<Rating> {
    return this.ratings.setRatingReasons(input);
  }

  ratingOffered(input: CallInput<'ratingOffered'>): Promise<CallOutput<'ratingOffered'>> {
    return this.ratings.ratingOffered(input);
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

const limitReached = (service: Service): KioskError =>
  new KioskError('daily-limit-reached', `service "${service.id}" has issued its ${service.dailyLimit} tickets today`);

/** The technician's account of why the printer cannot print, kept with the ticket. */
function printerFault(status: PrinterStatus): string {
  return `printer unavailable (${printerProblems(status).join(', ')})${status.detail ? `: ${status.detail}` : ''}`;
}
