import { z } from 'zod';
import { LogEntry, LogLevel } from './logs';
import { PrinterReport } from './printer';
import { SpeechVoice } from './speech';

/** What an unlock returns: the token every technician call carries. */
export const TechnicianSession = z.object({
  token: z.string(),
  /** Opened with the first-run PIN: nothing but a PIN change is allowed until one is made. */
  mustChangePin: z.boolean(),
});
export type TechnicianSession = z.infer<typeof TechnicianSession>;

/**
 * Four to twelve digits: typed on the kiosk's own PIN pad, which has digits only. Any PIN the kiosk
 * holds a hash of; PINs of 4 or 5 digits set before the 6-digit rule still sign in (see NewPin).
 */
export const PIN_PATTERN = /^\d{4,12}$/;
/** Every PIN set from now on has at least this many digits: 10^6 PINs against 10^4. */
export const MIN_NEW_PIN_DIGITS = 6;
export const NEW_PIN_PATTERN = /^\d{6,12}$/;
/** A new PIN (technician or desk) as a call gives it: 6 to 12 digits, the one rule for new PINs. */
export const NewPin = z.string().regex(NEW_PIN_PATTERN, 'must be 6 to 12 digits');

/** Every technician call names its session; the main process checks it and counts it as activity. */
export const technicianInput = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ token: z.string().min(1).max(200), ...shape }).strict();

/** A serial port the printer can be set to (printer.port). */
export const SerialPortChoice = z.object({
  /** What goes into printer.port: the stable /dev/serial/by-id link where there is one. */
  path: z.string(),
  device: z.string(),
  manufacturer: z.string().nullable(),
  /** `system` from the udev listing, `scan` from looking in /dev when that failed. */
  source: z.enum(['system', 'scan']),
});
export type SerialPortChoice = z.infer<typeof SerialPortChoice>;

/** A settings change: what took effect at once and what waits for the next start (API address and token). */
export const SettingsApplied = z.object({
  /** Changed fields by path, e.g. `printer.port`, `idle.seconds`. */
  changed: z.array(z.string()),
  restartRequired: z.array(z.string()),
});
export type SettingsApplied = z.infer<typeof SettingsApplied>;

/** A catalog to import: pasted or loaded from a file, JSON (catalog.schema.json) or a spreadsheet's CSV. */
const CatalogImportInput = technicianInput({
  text: z.string().min(1, 'is empty').max(5_000_000, 'is larger than 5 MB'),
  format: z.enum(['json', 'csv']),
});

/** One problem of an imported catalog: the entry (or CSV row) and the field, as the file checks name them. */
export const CatalogImportProblem = z.object({ entry: z.string(), field: z.string(), message: z.string() });
export type CatalogImportProblem = z.infer<typeof CatalogImportProblem>;

export const CatalogImportPreview = z.object({
  /** Nothing was applied; `problems` is empty when the catalog can be applied as it is. */
  problems: z.array(CatalogImportProblem),
  totals: z.object({ providers: z.number(), categories: z.number(), services: z.number() }),
  providers: z.array(
    z.object({
      id: z.string(),
      name: z.record(z.string(), z.string()),
      categories: z.number(),
      services: z.number(),
    }),
  ),
});
export type CatalogImportPreview = z.infer<typeof CatalogImportPreview>;

/** The device's link with the central server (README, "The network"), as technician diagnostics show it. */
export const CentralLinkReport = z.object({
  /**
   * `off`: not enrolled; `refused`: central.json is unreadable (see `problem`); otherwise the sync
   * worker's phase: idle (all sent), sending, retrying (after a failure), rejected (credential or
   * certificate refused, or records in conflict: a technician must act).
   */
  state: z.enum(['off', 'refused', 'starting', 'idle', 'sending', 'retrying', 'rejected', 'stopped']),
  url: z.string().nullable(),
  deviceId: z.string().nullable(),
  centreId: z.string().nullable(),
  /** Outbox records not yet acknowledged by the central. */
  waiting: z.number().int().min(0),
  lastSuccessAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.object({ at: z.string(), kind: z.string(), message: z.string() }).nullable(),
  catalogVersion: z.string().nullable(),
  /** Why central.json was refused (file, field, problem). */
  problem: z.string().nullable(),
});
export type CentralLinkReport = z.infer<typeof CentralLinkReport>;

/** The link of a device that is not enrolled: sync off, nothing known of a central. */
export const CENTRAL_LINK_OFF: CentralLinkReport = {
  state: 'off',
  url: null,
  deviceId: null,
  centreId: null,
  waiting: 0,
  lastSuccessAt: null,
  nextAttemptAt: null,
  lastError: null,
  catalogVersion: null,
  problem: null,
};

/** A kiosk of a hall's link with its hall server (README, "Setting up a hall"), as diagnostics show it. */
export const HallLinkReport = z.object({
  server: z.string(),
  /** Whether the last request got an answer; null before the first. */
  reachable: z.boolean().nullable(),
  lastContactAt: z.string().nullable(),
  /** Why the last request failed or was refused (a revoked credential, the server down); null after a success. */
  lastError: z.string().nullable(),
  /** The kiosk's own numbers for when the server cannot be reached; null while the server gave none. */
  block: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  /** Tickets whose print outcome (or whole self, issued from the block) the server does not hold yet. */
  toHandOver: z.number().int().min(0),
});
export type HallLinkReport = z.infer<typeof HallLinkReport>;

export const Diagnostics = z.object({
  versions: z.object({
    app: z.string(),
    node: z.string(),
    /** Null in the browser shell, which runs without Electron. */
    electron: z.string().nullable(),
    chromium: z.string().nullable(),
  }),
  uptimeSeconds: z.number(),
  dataDir: z.string(),
  /** Free space of the data folder's disk; null where the system cannot tell. */
  freeDiskBytes: z.number().nullable(),
  databaseBytes: z.number().nullable(),
  printer: PrinterReport,
  /** The last errors and warnings of the log, newest last. */
  lastErrors: z.array(LogEntry),
  /** Null where this kiosk has no speech (an older build or a test). */
  speechVoices: z.array(SpeechVoice).nullable(),
  central: CentralLinkReport,
  /** Null unless this is a kiosk of a hall (enrolled with a hall server). */
  hall: HallLinkReport.nullable(),
});
export type Diagnostics = z.infer<typeof Diagnostics>;

export const technicianCalls = {
  /** Opens technician mode; the PIN is checked in the main process, never in the renderer. */
  technicianUnlock: {
    input: z.object({ pin: z.string().max(64) }).strict(),
    output: TechnicianSession,
  },
  /**
   * Sets a new technician PIN (6 to 12 digits; not the first-run PIN, not one digit repeated or a
   * run such as 123456). Saved as a scrypt hash in the
   * configuration file; every other technician session ends.
   */
  changeTechnicianPin: {
    input: technicianInput({ newPin: NewPin }),
    output: z.object({ mustChangePin: z.boolean() }),
  },
  /**
   * The whole device configuration file as written, to import on other devices. PIN hashes and the
   * API token are left out (and named in `withheld`) unless `includeSecrets` asks for them.
   */
  exportConfiguration: {
    input: technicianInput({ includeSecrets: z.boolean().default(false) }),
    output: z.object({ settings: z.record(z.string(), z.unknown()), withheld: z.array(z.string()) }),
  },
  /**
   * Replaces this device's configuration with an exported one, keeping this device's kioskId.
   * Checked whole first (a refusal names each field); it takes effect at the next start.
   */
  importConfiguration: {
    input: technicianInput({ settings: z.record(z.string(), z.unknown()) }),
    output: z.object({ restartRequired: z.boolean() }),
  },
  /** Serial ports to choose the printer's from. */
  listSerialPorts: { input: technicianInput({}), output: z.array(SerialPortChoice) },
  /** The last lines of the kiosk's structured log, oldest first, at `minLevel` or above. */
  readLog: {
    input: technicianInput({
      limit: z.number().int().min(1).max(2000).default(200),
      minLevel: LogLevel.default('info'),
    }),
    output: z.array(LogEntry),
  },
  /** The configuration file's own settings (as written) and the configuration in effect (with defaults). */
  getSettings: {
    input: technicianInput({}),
    output: z.object({
      settings: z.record(z.string(), z.unknown()),
      effective: z.record(z.string(), z.unknown()),
      /** Printer model profiles to choose from: the built-in ones and the configuration's own. */
      printerProfiles: z.array(z.string()),
    }),
  },
  /**
   * Changes some settings: the patch is merged into the file's settings (objects field by field,
   * arrays and values replaced; null removes a setting back to its default), checked whole (a
   * refusal names every field), written, and applied at once where it can be.
   */
  updateSettings: {
    input: technicianInput({ patch: z.record(z.string(), z.unknown()) }),
    output: SettingsApplied,
  },
  /** Checks a catalog and counts what it holds; nothing is applied. */
  previewCatalogImport: { input: CatalogImportInput, output: CatalogImportPreview },
  /** Checks a catalog and, if it has no problem, makes it the kiosk's catalog at once. */
  applyCatalogImport: { input: CatalogImportInput, output: CatalogImportPreview },
  /** Prints a test page on the configured printer: model, port, line settings, code pages, a line per language. */
  testPrint: { input: technicianInput({}), output: z.object({ printer: PrinterReport }) },
  getDiagnostics: { input: technicianInput({}), output: Diagnostics },
  /** Sets a desk's PIN; only its scrypt hash is stored, in desks[].pinHash of the configuration file. */
  setDeskPin: {
    input: technicianInput({
      deskId: z.string().min(1).max(40),
      pin: NewPin,
    }),
    output: z.object({ deskId: z.string() }),
  },
} as const;
