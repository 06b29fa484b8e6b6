import { z } from 'zod';

/** pino's level names, least to most severe. */
export const LogLevel = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
export type LogLevel = z.infer<typeof LogLevel>;

/** One line of the kiosk's structured log, as the technicians' log viewer shows it. */
export const LogEntry = z.object({
  time: z.string(),
  level: LogLevel,
  message: z.string(),
  /** The line's other fields: `event` (e.g. `ticket-issued`), ticket number, file, error text… */
  details: z.record(z.string(), z.unknown()),
});
export type LogEntry = z.infer<typeof LogEntry>;
