import type { PrinterConfig } from '../../main/core/config';
import type { TicketPrinter } from '../../main/core/ports';
import { resolvePrinterProfile } from './profiles';
import { SerialTicketPrinter } from './serial-printer';
import { VirtualTicketPrinter } from './virtual-printer';

export type TicketPrinterSettings = Pick<PrinterConfig, 'port' | 'baudRate' | 'profile' | 'customProfiles'> &
  Partial<Pick<PrinterConfig, 'dataBits' | 'parity' | 'stopBits' | 'flowControl' | 'statusPollSeconds'>>;

/** The configured serial printer, or the virtual one writing into virtualDir when no port is set. */
export function createTicketPrinter(config: TicketPrinterSettings, virtualDir: string): TicketPrinter {
  const profile = resolvePrinterProfile(config);
  if (config.port === null) return new VirtualTicketPrinter(virtualDir, profile);
  return new SerialTicketPrinter({
    path: config.port,
    baudRate: config.baudRate,
    dataBits: config.dataBits,
    parity: config.parity,
    stopBits: config.stopBits,
    flowControl: config.flowControl,
    profile,
    statusPollMs: config.statusPollSeconds === undefined ? null : config.statusPollSeconds * 1000,
  });
}
