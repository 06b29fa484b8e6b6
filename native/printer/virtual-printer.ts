import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterStatus } from '../../main/contract';
import type { ReportPrintout, TicketPrinter, TicketPrintout } from '../../main/core/ports';
import { decodeEscPos } from '../escpos/decoder';
import { renderPaperPng } from '../escpos/render-png';
import type { PrinterProfile } from './profiles';
import { renderReportBytes } from './report-layout';
import { renderTicketBytes } from './ticket-layout';

export interface VirtualPrintout {
  /** The exact bytes a real printer would have received. */
  binPath: string;
  /** What the paper would look like, drawn from those bytes. */
  pngPath: string;
}

/**
 * The printer of a kiosk with no printer port configured (a laptop, a demo, the browser shell):
 * each ticket becomes `<timestamp>-<number>.bin` and a `.png` preview of the paper in one folder.
 */
export class VirtualTicketPrinter implements TicketPrinter {
  constructor(
    private readonly directory: string,
    private readonly profile: PrinterProfile,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async print(ticket: TicketPrintout): Promise<void> {
    await this.printToFiles(ticket);
  }

  async printToFiles(ticket: TicketPrintout): Promise<VirtualPrintout> {
    return this.writeJob(renderTicketBytes(ticket, this.profile), fileSafe(ticket.number));
  }

  async printReport(report: ReportPrintout): Promise<void> {
    await this.printReportToFiles(report);
  }

  /** A report becomes `<timestamp>-report.bin` and `.png`, next to the tickets. */
  async printReportToFiles(report: ReportPrintout): Promise<VirtualPrintout> {
    return this.writeJob(renderReportBytes(report, this.profile), 'report');
  }

  private async writeJob(bytes: Buffer, name: string): Promise<VirtualPrintout> {
    await mkdir(this.directory, { recursive: true });
    const baseName = `${fileTimestamp(this.now())}-${name}`;
    const binPath = join(this.directory, `${baseName}.bin`);
    const pngPath = join(this.directory, `${baseName}.png`);
    await writeFile(binPath, bytes);
    await writeFile(pngPath, renderPaperPng(decodeEscPos(bytes), { widthDots: this.profile.printWidthDots }));
    return { binPath, pngPath };
  }

  /** A folder never runs out of paper: the status is always the same, so no listener is ever called. */
  async checkStatus(): Promise<PrinterStatus> {
    return this.lastStatus();
  }

  lastStatus(): PrinterStatus {
    return {
      connection: 'online',
      paper: 'ok',
      coverOpen: false,
      cutterError: false,
      otherError: false,
      checkedAt: this.now().toISOString(),
      detail: `virtual printer writing to ${this.directory}`,
    };
  }

  onStatusChange(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {}
}

/** 2025-03-05T09-07-00-123Z: sorts by time and is a valid file name everywhere (no colons). */
function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}
