import { z } from 'zod';
import { LogEntry, LogLevel } from './logs';

/** What an unlock returns: the token every technician call carries. */
export const TechnicianSession = z.object({
  token: z.string(),
  /** Opened with the first-run PIN: nothing but a PIN change is allowed until one is made. */
  mustChangePin: z.boolean(),
});
export type TechnicianSession = z.infer<typeof TechnicianSession>;

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

export const technicianCalls = {
  /** Opens technician mode; the PIN is checked in the main process, never in the renderer. */
  technicianUnlock: {
    input: z.object({ pin: z.string().max(64) }).strict(),
    output: TechnicianSession,
  },
  /**
   * Sets a new technician PIN (4 to 12 digits; not the first-run PIN). Saved as a scrypt hash in the
   * configuration file; every other technician session ends.
   */
  changeTechnicianPin: {
    input: technicianInput({ newPin: z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits') }),
    output: z.object({ mustChangePin: z.boolean() }),
  },
  /** The whole device configuration file as written, to import on other devices. */
  exportConfiguration: {
    input: technicianInput({}),
    output: z.object({ settings: z.record(z.string(), z.unknown()) }),
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
} as const;
