import type { Logger } from 'pino';
import type { EventPayload, KioskEventName } from '../contract';
import type { TicketPrinter } from '../core/ports';

/** The kiosk's own events, as a technician reads them later: tickets issued, printer faults. */
export function logServiceEvent<E extends KioskEventName>(logger: Logger, event: E, payload: EventPayload<E>): void {
  if (event === 'ticketIssued') {
    const ticket = payload as EventPayload<'ticketIssued'>;
    logger.info({ event: 'ticket-issued', number: ticket.number, serviceId: ticket.serviceId }, 'ticket issued');
  } else if (event === 'printerWarning') {
    logger.warn({ event: 'printer-warning', ...(payload as EventPayload<'printerWarning'>) }, 'printer warning');
  }
}

/**
 * The printer port with each job's outcome logged. Logged here rather than in the core because a
 * ticket's print outcome is a return value there, not an event; the error text is the printer's own.
 * Only the printer shares the job's `try`: a log line that cannot be written (a full disk) never
 * turns a printed ticket into a failed one, nor hides the printer's own error.
 */
export function logPrintOutcomes(printer: TicketPrinter, logger: Logger): TicketPrinter {
  const log = (write: () => void) => {
    try {
      write();
    } catch {
      // The log is what failed; the job's outcome stands.
    }
  };
  return {
    print: async (ticket) => {
      try {
        await printer.print(ticket);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(() => logger.error({ event: 'print-failed', number: ticket.number, error: message }, 'print failed'));
        throw error;
      }
      log(() => logger.info({ event: 'ticket-printed', number: ticket.number }, 'ticket printed'));
    },
    printReport: async (report) => {
      try {
        await printer.printReport(report);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(() =>
          logger.error({ event: 'report-print-failed', title: report.title, error: message }, 'report print failed'),
        );
        throw error;
      }
      log(() => logger.info({ event: 'report-printed', title: report.title }, 'report printed'));
    },
    checkStatus: () => printer.checkStatus(),
    lastStatus: () => printer.lastStatus(),
    onStatusChange: (listener) => printer.onStatusChange(listener),
    close: () => printer.close(),
  };
}
