import { z } from 'zod';

/**
 * What the kiosk knows about its ticket printer. `connection`: `online` and `offline` are what the
 * printer itself answered; `disconnected` means the port could not be opened (cable or USB adapter
 * out); `no-reply` means the port is open but the printer said nothing (switched off, wrong baud
 * rate); `unknown` means it has not been asked yet.
 */
export const PrinterStatus = z.object({
  connection: z.enum(['online', 'offline', 'disconnected', 'no-reply', 'unknown']),
  paper: z.enum(['ok', 'near-end', 'out', 'unknown']),
  coverOpen: z.boolean(),
  cutterError: z.boolean(),
  /** An unrecoverable or automatically recoverable error other than the cutter (head too hot, …). */
  otherError: z.boolean(),
  checkedAt: z.iso.datetime().nullable(),
  /** For the technician: what was asked and answered, or why nothing was. */
  detail: z.string().nullable(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

export const UNKNOWN_PRINTER_STATUS: PrinterStatus = {
  connection: 'unknown',
  paper: 'unknown',
  coverOpen: false,
  cutterError: false,
  otherError: false,
  checkedAt: null,
  detail: null,
};

/** One thing wrong with the printer, most serious first (main/shared/printer-problems.ts). */
export const PrinterProblem = z.enum([
  'disconnected',
  'no-reply',
  'cover-open',
  'paper-out',
  'cutter-error',
  'error',
  'offline',
  'paper-near-end',
]);
export type PrinterProblem = z.infer<typeof PrinterProblem>;

/** What a technician's or crew's screen shows about the printer. */
export const PrinterReport = z.object({
  profile: z.string(),
  status: PrinterStatus,
  problems: z.array(PrinterProblem),
  canPrint: z.boolean(),
  /** Tickets printed since the paper roll was last changed (seen as paper coming back). */
  ticketsSinceRoll: z.number().int().nonnegative(),
  rollSince: z.iso.datetime().nullable(),
});
export type PrinterReport = z.infer<typeof PrinterReport>;

/** A problem that has just appeared: for the crew (paper near end) or the technician. */
export const PrinterWarning = z.object({
  problem: PrinterProblem,
  at: z.iso.datetime(),
  detail: z.string().nullable(),
});
export type PrinterWarning = z.infer<typeof PrinterWarning>;
