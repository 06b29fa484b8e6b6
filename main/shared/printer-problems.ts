import type { PrinterProblem, PrinterStatus } from '../contract';

/** What is wrong with the printer, most serious first: read by core (the kiosk's refusals, warnings) and native. */
export function printerProblems(status: PrinterStatus): PrinterProblem[] {
  const problems: PrinterProblem[] = [];
  if (status.connection === 'disconnected') problems.push('disconnected');
  if (status.connection === 'no-reply') problems.push('no-reply');
  if (status.coverOpen) problems.push('cover-open');
  if (status.paper === 'out') problems.push('paper-out');
  if (status.cutterError) problems.push('cutter-error');
  if (status.otherError) problems.push('error');
  // A printer is offline because of the faults above; name it only when nothing else explains it.
  if (status.connection === 'offline' && problems.length === 0) problems.push('offline');
  if (status.paper === 'near-end') problems.push('paper-near-end');
  return problems;
}

/**
 * False only when the printer is known unable to print. A silent printer may still print (some
 * answer no status requests), so `no-reply` and `unknown` are given the benefit of the doubt.
 */
export function printerCanPrint(status: PrinterStatus): boolean {
  return !printerProblems(status).some((problem) => problem !== 'paper-near-end' && problem !== 'no-reply');
}
