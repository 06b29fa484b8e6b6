import type { Catalog, CatalogImportPreview, SettingsApplied } from '../contract';
import type { LockoutStore } from './auth/lockout-store';
import { TechnicianAccess } from './auth/technician-access';
import { catalogCalls } from './catalog/catalog-calls';
import type { KioskConfig } from './config';
import { KioskEvents } from './events';
import type { KioskEventListener, KioskHandlers } from './handlers';
import { guardedLog } from './core-log';
import { HallDeviceCalls } from './hall/hall-devices';
import { HallServerCalls } from './hall/hall-server';
import { PhoneCalls } from './hall/phone-calls';
import { noLog, noLogs, noSettingsFile, noSpeaker } from './ports';
import type {
  Clock,
  CoreLog,
  HallDeviceRegistry,
  HallQueue,
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
import { VisitCalls } from './queue/visit-calls';
import { RatingCalls } from './rating/rating-calls';
import { ReportCalls } from './reports/report-calls';
import { LiveSettings } from './settings';
import { speechCalls } from './speech-calls';
import { technicianHandlers } from './technician/technician-handlers';
import { TechnicianCalls } from './technician/technician-calls';
import { PrinterMonitor } from './tickets/printer-monitor';
import { TicketCalls } from './tickets/ticket-calls';

export type { KioskEventListener, KioskHandlers } from './handlers';

export interface KioskCoreParts {
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
  /** The technicians' log: storage faults, interrupted prints, listeners that threw; none in tests of other parts. */
  log?: CoreLog;
  /** Where PIN lockouts are kept so they survive a restart (main/store/sqlite-lockouts.ts); in memory when none. */
  lockouts?: LockoutStore;
  /** A kiosk of a hall (`hall.server` set): its server, which numbers the tickets it prints. */
  hall?: HallQueue;
  /** The hall server's enrolled devices (main/store/sqlite-hall-devices.ts); none on any other device. */
  devices?: HallDeviceRegistry;
}

/** The kiosk's behaviour for its transports: every call of the contract, its events, and its printer to close. */
export interface KioskCore {
  handlers: KioskHandlers;
  /** Subscribes to events for every transport; returns the unsubscribe function. */
  subscribe(listener: KioskEventListener): () => void;
  /** Closes the printer in use, which technician mode may have replaced since the start. */
  closePrinter(): Promise<void>;
  /** Applies a catalog the central server released (checked as a technician's import; refused: KioskError). */
  applyCentralCatalog(text: string, version: string): Promise<CatalogImportPreview>;
  /** Applies the hall server's catalog on a kiosk of the hall (checked as a technician's import; refused: KioskError). */
  applyHallCatalog(text: string, version: string): Promise<CatalogImportPreview>;
  /** Applies the settings the central holds for this centre (its fields only; refused: KioskError). */
  applyCentralSettings(patch: Record<string, unknown>, version: string): Promise<SettingsApplied>;
}

/**
 * Composes the kiosk from the core's modules. Each module serves its own calls; this only wires
 * them together (settings, events, the few ports one module gives another) and merges their calls
 * into the map the compiler checks against the contract: a call missing here does not compile.
 */
export function createKioskCore(parts: KioskCoreParts): KioskCore {
  const { store, clock } = parts;
  const settings = new LiveSettings(parts);
  const log = guardedLog(parts.log ?? noLog);
  const events = new KioskEvents((error, event) =>
    log.error('event-listener-failed', { kioskEvent: event, error: String(error) }, 'an event listener failed'),
  );
  const { emit } = events;
  const speaker = parts.speaker ?? noSpeaker;

  const printerMonitor = new PrinterMonitor({ settings, store, clock, emit, log });
  const visits = new VisitCalls({ settings, store, clock, emit, lockouts: parts.lockouts });
  const tickets = new TicketCalls({
    settings,
    store,
    clock,
    emit,
    log,
    waitEstimate: (service, priority) => visits.waitEstimate(service, priority),
    ...(parts.hall && { hall: parts.hall }),
  });
  const hallServer = new HallServerCalls({ settings, store, clock, emit });
  // Before any call is served: a ticket left `pending` by a stop is never called as if it were printed.
  tickets.settleInterruptedPrints();
  const ratings = new RatingCalls({ settings, store, clock, emit });
  const speech = speechCalls(speaker, settings);

  /**
   * Puts a technician's change in effect: new settings and catalog at once, the printer closed and
   * opened again when its settings changed; then every screen is told to load its setup again.
   */
  const applyTechnicianChange = async (change: SettingsApplied & { config?: KioskConfig; catalog?: Catalog }) => {
    const printerChanged = change.config !== undefined && change.changed.some((path) => path.startsWith('printer'));
    settings.replace({
      ...(change.config && { config: change.config }),
      ...(change.catalog && { catalog: change.catalog }),
    });
    if (printerChanged && parts.printers) {
      const old = settings.printer();
      settings.replace({ printer: parts.printers.open(settings.config().printer) });
      await printerMonitor.switchedFrom(old);
    }
    emit('settingsChanged', { changed: change.changed, restartRequired: change.restartRequired });
  };

  const access = new TechnicianAccess({
    pinHash: parts.config.technician.pinHash,
    clock,
    sessionIdleMs: () => settings.config().technician.sessionIdleSeconds * 1000,
    savePinHash: (hash) => parts.settings?.savePinHash(hash),
    lockouts: parts.lockouts,
  });
  const technician = new TechnicianCalls({
    access,
    clock,
    logs: parts.logs ?? noLogs,
    audit: parts.audit ?? { record: () => {} },
    settings: parts.settings ?? noSettingsFile,
    serialPorts: parts.serialPorts ?? (async () => []),
    printers: parts.printers ?? null,
    system: parts.system ?? null,
    live: {
      config: () => settings.config(),
      printer: () => settings.printer(),
      printerReport: () => printerMonitor.report(),
      apply: applyTechnicianChange,
      speechVoices: () => (parts.speaker ? speech.listSpeechVoices({}) : null),
    },
  });
  const reports = new ReportCalls({
    store,
    clock,
    settings,
    staff: {
      isStaffToken: (token) => access.check(token).ok || visits.sessions.signedInDesk(token) !== undefined,
    },
  });

  const handlers = {
    ...catalogCalls(settings),
    ...tickets.calls(),
    ...printerMonitor.calls(),
    ...visits.calls(),
    ...ratings.calls(),
    ...reports.calls(),
    ...technicianHandlers(technician),
    ...speech,
    ...hallServer.calls(),
    ...new PhoneCalls({
      settings,
      store,
      clock,
      ratings,
      waitOf: (service, ticket) => visits.waitEstimate(service, ticket.priority, ticket),
    }).calls(),
    ...new HallDeviceCalls({
      settings,
      clock,
      devices: parts.devices ?? null,
      requireTechnician: (token) => technician.requireSession(token),
    }).calls(),
  } satisfies KioskHandlers;

  return {
    handlers,
    subscribe: (listener) => events.subscribe(listener),
    closePrinter: () => printerMonitor.close(),
    applyCentralCatalog: (text, version) => technician.applyCentralCatalog(text, version),
    applyHallCatalog: (text, version) => technician.applyHallCatalog(text, version),
    applyCentralSettings: (patch, version) => technician.applyCentralSettings(patch, version),
  };
}
