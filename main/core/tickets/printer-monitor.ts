import type { PrinterProblem, PrinterReport, PrinterStatus } from '../../contract';
import { printerCanPrint, printerProblems } from '../../shared/printer-problems';
import type { Emit, KioskHandlers } from '../handlers';
import type { Clock, CoreLog, KioskStore, TicketPrinter } from '../ports';
import type { Settings } from '../settings';

export const PRINTER_CALL_NAMES = ['getPrinterStatus'] as const;

export interface PrinterMonitorParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  emit: Emit;
  log: CoreLog;
}

/**
 * What of a printer's state is worth a fact upstream: not when it was asked nor its words for the
 * technician, which change on every poll.
 */
/**
 * What makes a printer state a new fact: its problems (most serious first), or, with none, its
 * connection. Not the raw fields: a printer out of paper says "offline" in its automatic status and
 * "online" to a status request in between, and that is one state (paper out), not a change.
 */
const stateKey = (status: PrinterStatus): string => {
  const problems = printerProblems(status);
  return problems.length > 0 ? problems.join(' ') : `no problem, ${status.connection}`;
};

/**
 * Listens to the printer in use: tells every screen what it says, warns of each new problem, counts
 * a new paper roll when paper comes back, and writes each new state to the outbox. It runs inside
 * the printer's own status handling (between or during jobs), so nothing it does may throw there.
 */
export class PrinterMonitor {
  private problemsSeen: PrinterProblem[];
  /** The state last written to the outbox: a printer repeating itself is not a new fact. */
  private stateRecorded: string;
  private stopListening: () => void;

  constructor(private readonly parts: PrinterMonitorParts) {
    const printer = parts.settings.printer();
    this.problemsSeen = printerProblems(printer.lastStatus());
    this.stateRecorded = stateKey(printer.lastStatus());
    this.stopListening = this.listen(printer);
  }

  calls(): Pick<KioskHandlers, (typeof PRINTER_CALL_NAMES)[number]> {
    return { getPrinterStatus: () => this.report() };
  }

  /** The printer's status asked now, with the paper roll's count. */
  async report(): Promise<PrinterReport> {
    return this.reportOf(await this.parts.settings.printer().checkStatus());
  }

  /** Follows the printer now in the settings (technician mode opened another) instead of `old`, which it closes. */
  async switchedFrom(old: TicketPrinter): Promise<void> {
    this.stopListening();
    const printer = this.parts.settings.printer();
    this.stopListening = this.listen(printer);
    await old.close();
    this.changed(printer.lastStatus());
  }

  /** Closes the printer in use, which technician mode may have replaced since the start. */
  close(): Promise<void> {
    this.stopListening();
    return this.parts.settings.printer().close();
  }

  private listen(printer: TicketPrinter): () => void {
    return printer.onStatusChange((status) => this.changed(status));
  }

  private reportOf(status: PrinterStatus): PrinterReport {
    const roll = this.parts.store.paperRoll();
    return {
      profile: this.parts.settings.config().printer.profile,
      status,
      problems: printerProblems(status),
      canPrint: printerCanPrint(status),
      ticketsSinceRoll: roll.ticketsPrinted,
      rollSince: roll.since,
    };
  }

  private changed(status: PrinterStatus): void {
    const problems = printerProblems(status);
    const before = this.problemsSeen;
    this.problemsSeen = problems;
    const at = this.parts.clock.now();
    // Each part on its own: a state that could not be stored is still shown, and the other way round.
    this.guarded("store the printer's new state", () => {
      const key = stateKey(status);
      if (key === this.stateRecorded) return;
      this.parts.store.recordPrinterState(status, at);
      this.stateRecorded = key;
    });
    // Paper that was out or nearly out and is fine again means a new roll.
    if ((before.includes('paper-out') || before.includes('paper-near-end')) && status.paper === 'ok') {
      this.guarded('count a new paper roll', () => this.parts.store.recordPaperRoll(at));
    }
    this.guarded("report the printer's new state", () => {
      this.parts.emit('printerStatusChanged', this.reportOf(status));
      for (const problem of problems.filter((p) => !before.includes(p))) {
        this.parts.emit('printerWarning', { problem, at: at.toISOString(), detail: status.detail });
      }
    });
  }

  /**
   * Runs a part of the listener; a failure (the disk full, the database gone) is logged, never
   * thrown into the printer, where it would fail the ticket being printed.
   */
  private guarded(doing: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.parts.log.error(
        'event-listener-failed',
        { listener: 'printer-monitor', doing, error: String(error) },
        `the printer monitor could not ${doing}`,
      );
    }
  }
}
