import type { PrinterProblem, PrinterReport, PrinterStatus } from '../../contract';
import { printerCanPrint, printerProblems } from '../../shared/printer-problems';
import type { Emit, KioskHandlers } from '../handlers';
import type { Clock, KioskStore, TicketPrinter } from '../ports';
import type { Settings } from '../settings';

export const PRINTER_CALL_NAMES = ['getPrinterStatus'] as const;

export interface PrinterMonitorParts {
  settings: Settings;
  store: KioskStore;
  clock: Clock;
  emit: Emit;
}

/**
 * Listens to the printer in use: tells every screen what it says, warns of each new problem, and
 * counts a new paper roll when paper comes back.
 */
export class PrinterMonitor {
  private problemsSeen: PrinterProblem[];
  private stopListening: () => void;

  constructor(private readonly parts: PrinterMonitorParts) {
    const printer = parts.settings.printer();
    this.problemsSeen = printerProblems(printer.lastStatus());
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
    // Paper that was out or nearly out and is fine again means a new roll.
    if ((before.includes('paper-out') || before.includes('paper-near-end')) && status.paper === 'ok') {
      this.parts.store.recordPaperRoll(at);
    }
    this.parts.emit('printerStatusChanged', this.reportOf(status));
    for (const problem of problems.filter((p) => !before.includes(p))) {
      this.parts.emit('printerWarning', { problem, at: at.toISOString(), detail: status.detail });
    }
  }
}
