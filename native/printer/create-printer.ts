import type { TicketPrinter } from '../../main/core/ports';
import { printerProfile, type PrinterProfileId } from './profiles';
import { SerialTicketPrinter } from './serial-printer';
import { VirtualTicketPrinter } from './virtual-printer';

export interface TicketPrinterSettings {
  /** Serial device path; null prints to the virtual printer. */
  port: string | null;
  baudRate: number;
  profile: PrinterProfileId;
}

/** The configured serial printer, or the virtual one writing into virtualDir when no port is set. */
export function createTicketPrinter(config: TicketPrinterSettings, virtualDir: string): TicketPrinter {
  const profile = printerProfile(config.profile);
  if (config.port === null) return new VirtualTicketPrinter(virtualDir, profile);
  return new SerialTicketPrinter({ path: config.port, baudRate: config.baudRate, profile });
}
