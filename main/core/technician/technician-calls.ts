import type {
  CallInput,
  CallOutput,
  Catalog,
  CatalogImportPreview,
  PrinterReport,
  SettingsApplied,
  SpeechVoice,
} from '../../contract';
import { CENTRAL_LINK_OFF, CENTRAL_SETTINGS_KEYS } from '../../contract';
import { BUILT_IN_PRINTER_PROFILE_IDS } from '../config';
import type { KioskConfig } from '../config';
import { KioskError } from '../errors';
import type {
  Clock,
  DeviceSettingsWriter,
  LogReader,
  PrinterFactory,
  SerialPortLister,
  SystemFacts,
  TechnicianAudit,
  TechnicianAuditEntry,
  TicketPrinter,
} from '../ports';
import type { TechnicianAccess } from '../auth/technician-access';
import { KIOSK_SCREEN, type Caller } from '../caller';
import { checkCatalogImport } from './catalog-import';
import { hashPin, newTechnicianPinProblem } from '../auth/pin';
import { withDeskPinHash } from '../auth/pin-settings';
import { keepingOwnSecrets, withoutSecrets } from './config-secrets';
import { changedPaths, mergeSettings, needsRestart, protectedFieldProblems } from './settings-patch';

const SESSION_REFUSALS = {
  'no-session': 'technician mode is not unlocked',
  expired: 'the technician session ended after being idle; unlock again',
  'pin-change-required': 'the first-run PIN must be changed before anything else',
} as const;

export interface TechnicianCallParts {
  access: TechnicianAccess;
  logs: LogReader;
  audit: TechnicianAudit;
  clock: Clock;
  settings: DeviceSettingsWriter;
  serialPorts: SerialPortLister;
  live: LiveKiosk;
  /** Opens printers and lays out test pages; none in tests of other parts (a test print is then refused). */
  printers: PrinterFactory | null;
  /** Versions, uptime and disk; none in tests of other parts (diagnostics then say what the kiosk knows). */
  system: SystemFacts | null;
}

/** The running kiosk as technician changes reach it. */
export interface LiveKiosk {
  config(): KioskConfig;
  printer(): TicketPrinter;
  printerReport(): Promise<PrinterReport>;
  /** Puts a change in effect (the printer reopened if its settings changed) and tells the screens. */
  apply(change: SettingsApplied & { config?: KioskConfig; catalog?: Catalog }): Promise<void>;
  /** Null where the kiosk has no speech. */
  speechVoices(): Promise<SpeechVoice[]> | null;
}

const UNKNOWN_VERSIONS = { app: 'unknown', node: 'unknown', electron: null, chromium: null };

/**
 * The technician calls of the contract: each is refused without a valid session token, and each
 * unlock and change is written to the audit.
 */
const CENTRAL_SETTINGS: ReadonlySet<string> = new Set(CENTRAL_SETTINGS_KEYS);

export class TechnicianCalls {
  constructor(private readonly parts: TechnicianCallParts) {}

  /** Each unlock is audited with where it came from: the kiosk's screen, or a client address. */
  async technicianUnlock(
    { pin }: CallInput<'technicianUnlock'>,
    caller: Caller = KIOSK_SCREEN,
  ): Promise<CallOutput<'technicianUnlock'>> {
    const result = this.parts.access.unlock(pin);
    const from = { transport: caller.transport, address: caller.address };
    if (result.ok) {
      this.audit('unlock', 'ok', { ...from, mustChangePin: result.mustChangePin });
      return { token: result.token, mustChangePin: result.mustChangePin };
    }
    if (result.reason === 'locked') {
      this.audit('unlock', 'refused', { ...from, reason: 'locked', until: result.until.toISOString() });
      throw new KioskError(
        'technician-locked',
        `too many wrong PINs: technician mode opens again at ${result.until.toISOString()}`,
      );
    }
    this.audit('unlock', 'refused', { ...from, reason: 'wrong-pin', attemptsLeft: result.attemptsLeft });
    throw new KioskError('wrong-pin', `wrong PIN: ${result.attemptsLeft} more wrong PINs lock technician mode`);
  }

  async changeTechnicianPin({
    token,
    newPin,
  }: CallInput<'changeTechnicianPin'>): Promise<CallOutput<'changeTechnicianPin'>> {
    const problem = newTechnicianPinProblem(newPin);
    if (problem) throw new KioskError('invalid-input', `newPin: ${problem}`);
    const check = this.parts.access.changePin(token, newPin);
    if (!check.ok) this.refuse(check.reason);
    this.audit('pin-changed', 'ok');
    return { mustChangePin: false };
  }

  async exportConfiguration({
    token,
    includeSecrets = false,
  }: CallInput<'exportConfiguration'>): Promise<CallOutput<'exportConfiguration'>> {
    this.requireSession(token);
    const written = this.parts.settings.readSettings();
    if (includeSecrets) {
      this.audit('config-exported', 'ok', { includeSecrets: true });
      return { settings: written, withheld: [] };
    }
    const { settings, withheld } = withoutSecrets(written);
    this.audit('config-exported', 'ok', { includeSecrets: false, withheld });
    return { settings, withheld };
  }

  async importConfiguration({
    token,
    settings: imported,
  }: CallInput<'importConfiguration'>): Promise<CallOutput<'importConfiguration'>> {
    this.requireSession(token);
    const settings = keepingOwnSecrets(imported, this.ownSettingsOrNone());
    const result = this.parts.settings.importSettings(settings);
    if (!result.ok) {
      this.audit('config-imported', 'refused', { problems: result.problems });
      throw new KioskError('invalid-input', result.problems.join('; '));
    }
    this.audit('config-imported', 'ok');
    return { restartRequired: true };
  }

  async listSerialPorts({ token }: CallInput<'listSerialPorts'>): Promise<CallOutput<'listSerialPorts'>> {
    this.requireSession(token);
    return this.parts.serialPorts();
  }

  async readLog({ token, limit = 200, minLevel = 'info' }: CallInput<'readLog'>): Promise<CallOutput<'readLog'>> {
    this.requireSession(token);
    return this.parts.logs.tail(limit, minLevel);
  }

  async getSettings({ token }: CallInput<'getSettings'>): Promise<CallOutput<'getSettings'>> {
    this.requireSession(token);
    const config = this.parts.live.config();
    const effective = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
    const printerProfiles = [...BUILT_IN_PRINTER_PROFILE_IDS, ...config.printer.customProfiles.map((p) => p.id)];
    return { settings: this.parts.settings.readSettings(), effective, printerProfiles };
  }

  async updateSettings({ token, patch }: CallInput<'updateSettings'>): Promise<CallOutput<'updateSettings'>> {
    this.requireSession(token);
    const refusedFields = protectedFieldProblems(patch);
    if (refusedFields.length > 0) this.refuseChange('settings-changed', refusedFields);
    const before = this.parts.live.config();
    const result = this.parts.settings.replaceSettings(mergeSettings(this.parts.settings.readSettings(), patch));
    if (!result.ok) this.refuseChange('settings-changed', result.problems);
    const changed = changedPaths(before, result.config);
    const restartRequired = changed.filter(needsRestart);
    await this.parts.live.apply({ config: result.config, changed, restartRequired });
    this.audit('settings-changed', 'ok', { changed, restartRequired });
    return { changed, restartRequired };
  }

  async previewCatalogImport({
    token,
    text,
    format,
  }: CallInput<'previewCatalogImport'>): Promise<CallOutput<'previewCatalogImport'>> {
    this.requireSession(token);
    return checkCatalogImport(text, format).preview;
  }

  async applyCatalogImport({
    token,
    text,
    format,
  }: CallInput<'applyCatalogImport'>): Promise<CallOutput<'applyCatalogImport'>> {
    this.requireSession(token);
    return this.installCatalog(text, format, 'catalog-imported', {});
  }

  /**
   * A catalog the central server released to this device's centre: checked exactly as a
   * technician's import (a refusal names entry, field and problem, and keeps the catalog in use),
   * then applied the same way. No session: the device's own credential fetched it.
   */
  async applyCentralCatalog(text: string, version: string): Promise<CatalogImportPreview> {
    return this.installCatalog(text, 'json', 'catalog-from-central', { version });
  }

  /** The hall server's catalog, which a kiosk of the hall shows: checked and kept as a technician's import. */
  async applyHallCatalog(text: string, version: string): Promise<CatalogImportPreview> {
    return this.installCatalog(text, 'json', 'catalog-from-hall', { version });
  }

  /**
   * Settings the central server holds for this device's centre (README, "The network"): only the
   * fields a centre manages (CENTRAL_SETTINGS_KEYS); the device's own (its id, printer, API, PINs) stay
   * its own, and desks keep their PIN hashes. Checked and applied as a technician's change.
   */
  async applyCentralSettings(patch: Record<string, unknown>, version: string): Promise<SettingsApplied> {
    const detail = { version };
    const foreign = Object.keys(patch).filter((key) => !CENTRAL_SETTINGS.has(key));
    const secrets = withoutSecrets(patch).withheld;
    const problems = [
      ...foreign.map((key) => `${key}: is this device's own, not the centre's to set`),
      ...secrets.map((path) => `${path}: PINs are set on the device, never sent by the centre`),
    ];
    if (problems.length > 0) this.refuseChange('settings-from-central', problems, detail);
    const own = this.parts.settings.readSettings();
    const before = this.parts.live.config();
    const result = this.parts.settings.replaceSettings(keepingOwnSecrets(mergeSettings(own, patch), own));
    if (!result.ok) this.refuseChange('settings-from-central', result.problems, detail);
    const changed = changedPaths(before, result.config);
    const restartRequired = changed.filter(needsRestart);
    await this.parts.live.apply({ config: result.config, changed, restartRequired });
    this.audit('settings-from-central', 'ok', { ...detail, changed });
    return { changed, restartRequired };
  }

  private async installCatalog(
    text: string,
    format: CallInput<'applyCatalogImport'>['format'],
    action: 'catalog-imported' | 'catalog-from-central' | 'catalog-from-hall',
    detail: Record<string, unknown>,
  ): Promise<CatalogImportPreview> {
    const { catalog, preview } = checkCatalogImport(text, format);
    if (!catalog) {
      const problems = preview.problems.map((p) => [p.entry, p.field, p.message].filter(Boolean).join(': '));
      this.refuseChange(action, problems, detail);
    }
    const { settings } = this.parts;
    const { catalogPath } = this.parts.live.config();
    const file = settings.catalogFileFor(catalogPath);
    // The configuration that points to the new file is checked before the catalog is written and
    // written after it: a refusal leaves both as they were, and neither ever names a missing file.
    const pointed = file === catalogPath ? null : mergeSettings(settings.readSettings(), { catalogPath: file });
    if (pointed) {
      const check = settings.checkSettings(pointed);
      if (!check.ok) this.refuseChange(action, check.problems, detail);
    }
    settings.saveCatalog(catalog, file);
    let config: KioskConfig | undefined;
    if (pointed) {
      const result = settings.replaceSettings(pointed);
      if (!result.ok) this.refuseChange(action, result.problems, detail);
      config = result.config;
    }
    await this.parts.live.apply({ config, catalog, changed: ['catalog'], restartRequired: [] });
    this.audit(action, 'ok', { ...detail, ...preview.totals });
    return preview;
  }

  async testPrint({ token }: CallInput<'testPrint'>): Promise<CallOutput<'testPrint'>> {
    this.requireSession(token);
    const { printers, live, clock } = this.parts;
    if (!printers) throw new KioskError('printer-unavailable', 'this kiosk was composed without printers');
    const config = live.config();
    try {
      await live.printer().printReport(printers.testPage(config.printer, clock.now(), config.timeZone));
    } catch (error) {
      this.audit('test-print', 'refused', { error: (error as Error).message });
      throw new KioskError('printer-unavailable', `the test page was not printed: ${(error as Error).message}`);
    }
    this.audit('test-print', 'ok', { profile: config.printer.profile, port: config.printer.port });
    return { printer: await live.printerReport() };
  }

  async getDiagnostics({ token }: CallInput<'getDiagnostics'>): Promise<CallOutput<'getDiagnostics'>> {
    this.requireSession(token);
    const { system, live, logs } = this.parts;
    const [printer, freeDiskBytes, speechVoices] = await Promise.all([
      live.printerReport(),
      system ? system.freeDiskBytes() : null,
      live.speechVoices(),
    ]);
    return {
      versions: system ? system.versions() : UNKNOWN_VERSIONS,
      uptimeSeconds: system ? system.uptimeSeconds() : 0,
      dataDir: system?.dataDir ?? '',
      freeDiskBytes,
      databaseBytes: system ? system.databaseBytes() : null,
      printer,
      lastErrors: logs.tail(20, 'warn'),
      speechVoices,
      central: system ? system.centralLink() : CENTRAL_LINK_OFF,
      hall: system ? system.hallLink() : null,
    };
  }

  async setDeskPin({ token, deskId, pin }: CallInput<'setDeskPin'>): Promise<CallOutput<'setDeskPin'>> {
    this.requireSession(token);
    const problem = newTechnicianPinProblem(pin);
    if (problem) throw new KioskError('invalid-input', `pin: ${problem}`);
    const { settings, live } = this.parts;
    const desks = live.config().desks;
    if (!desks.some((desk) => desk.id === deskId)) {
      throw new KioskError('unknown-desk', `deskId: no desk "${deskId}" in the configuration's desks`);
    }
    // The file may not list the desk when it runs on the default desks: withDeskPinHash adds it then.
    const { settings: next } = withDeskPinHash(settings.readSettings(), deskId, hashPin(pin));
    const result = settings.replaceSettings(next);
    if (!result.ok) this.refuseChange('desk-pin-set', result.problems);
    await live.apply({ config: result.config, changed: ['desks'], restartRequired: [] });
    this.audit('desk-pin-set', 'ok', { deskId });
    return { deskId };
  }

  /** The file's settings; none when the file is refused (an import then replaces it whole, as importSettings says). */
  private ownSettingsOrNone(): Record<string, unknown> {
    try {
      return this.parts.settings.readSettings();
    } catch {
      return {};
    }
  }

  private refuseChange(
    action: TechnicianAuditEntry['action'],
    problems: string[],
    detail: Record<string, unknown> = {},
  ): never {
    this.audit(action, 'refused', { ...detail, problems });
    throw new KioskError('invalid-input', problems.join('; '));
  }

  /** Throws `technician-session-required` (audited) unless the token is a live technician session. */
  requireSession(token: string): void {
    const check = this.parts.access.check(token);
    if (!check.ok) this.refuse(check.reason);
  }

  private refuse(reason: keyof typeof SESSION_REFUSALS): never {
    this.audit('session-refused', 'refused', { reason });
    throw new KioskError('technician-session-required', SESSION_REFUSALS[reason]);
  }

  private audit(action: TechnicianAuditEntry['action'], outcome: 'ok' | 'refused', detail?: object) {
    this.parts.audit.record({ at: this.parts.clock.now(), action, outcome, ...(detail && { detail: { ...detail } }) });
  }
}
