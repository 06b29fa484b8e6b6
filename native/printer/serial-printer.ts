import { SerialPort } from 'serialport';
import type { TicketPrinter, TicketPrintout } from '../../main/core/ports';
import type { PrinterProfile } from './profiles';
import { renderTicketBytes } from './ticket-layout';

export type PrinterFailure = 'port-unavailable' | 'write-failed' | 'timeout';

/** A print job that did not reach the printer, with the reason a technician can act on. */
export class PrinterError extends Error {
  constructor(
    message: string,
    readonly failure: PrinterFailure,
    readonly portPath: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrinterError';
  }
}

export interface SerialPrinterOptions {
  path: string;
  baudRate: number;
  profile: PrinterProfile;
  /** Bytes handed to the port at a time; the port asks us to wait (drain) when its buffer is full. */
  chunkBytes?: number;
  /** Time allowed on top of the line time: the printer may hold us off while it prints or heats. */
  timeoutMarginMs?: number;
}

/** A serial line sends 10 bits a byte (start, 8 data, stop). */
const BITS_PER_BYTE = 10;
const DEFAULT_CHUNK_BYTES = 1024;
const DEFAULT_TIMEOUT_MARGIN_MS = 3000;

/**
 * How long a job may take: the time the bytes need on the wire at this baud rate, half as much
 * again, plus a margin. A flat timeout would fail big bitmap jobs at 9600 baud (a 43 KB ticket
 * needs 45 s) or wait far too long for a 300-byte text ticket whose printer is gone.
 */
export function jobTimeoutMs(byteCount: number, baudRate: number, marginMs = DEFAULT_TIMEOUT_MARGIN_MS): number {
  const lineTimeMs = (byteCount * BITS_PER_BYTE * 1000) / baudRate;
  return Math.ceil(lineTimeMs * 1.5 + marginMs);
}

/** Prints tickets on an ESC/POS printer on a serial port (RS-232, or USB seen as a serial port). */
export class SerialTicketPrinter implements TicketPrinter {
  private port: SerialPort | null = null;
  /** Jobs run one after another so two tickets never interleave on the wire. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: SerialPrinterOptions) {}

  print(ticket: TicketPrintout): Promise<void> {
    return this.printBytes(renderTicketBytes(ticket, this.options.profile));
  }

  /** Sends prepared ESC/POS bytes as one job. */
  printBytes(bytes: Buffer): Promise<void> {
    const job = this.queue.then(() => this.send(bytes));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.closePort();
  }

  private async send(bytes: Buffer): Promise<void> {
    const port = await this.openPort();
    const timeoutMs = jobTimeoutMs(bytes.length, this.options.baudRate, this.options.timeoutMarginMs);
    try {
      await withTimeout(
        writeAll(port, bytes, this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES),
        timeoutMs,
        () =>
          new PrinterError(
            `Printer on ${this.options.path} did not take ${bytes.length} bytes within ${timeoutMs} ms ` +
              `at ${this.options.baudRate} baud (offline, out of paper, or wrong baud rate?)`,
            'timeout',
            this.options.path,
          ),
      );
    } catch (error) {
      // Half a ticket may be in the port's buffers: start the next job on a freshly opened port.
      await this.closePort();
      if (error instanceof PrinterError) throw error;
      throw new PrinterError(
        `Writing to the printer on ${this.options.path} failed: ${messageOf(error)}`,
        'write-failed',
        this.options.path,
        { cause: error },
      );
    }
  }

  private async openPort(): Promise<SerialPort> {
    if (this.port?.isOpen) return this.port;
    const { path, baudRate } = this.options;
    try {
      const port = new SerialPort({ path, baudRate, autoOpen: false });
      // Without a listener an 'error' event would crash the kiosk; jobs see errors through writes.
      port.on('error', () => undefined);
      port.on('close', () => {
        if (this.port === port) this.port = null;
      });
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
      this.port = port;
      return port;
    } catch (error) {
      throw new PrinterError(
        `Printer port ${path} could not be opened: ${messageOf(error)}`,
        'port-unavailable',
        path,
        { cause: error },
      );
    }
  }

  private async closePort(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

/** Writes in chunks, waiting for 'drain' when the port's buffer is full, then for the OS to send it all. */
function writeAll(port: SerialPort, bytes: Buffer, chunkBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let offset = 0;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      port.off('error', onError);
      port.off('close', onClose);
      port.off('drain', writeMore);
      if (error) reject(error);
      else resolve();
    };
    const onError = (error: Error): void => finish(error);
    const onClose = (): void => finish(new Error('the port closed while the ticket was being sent'));
    function writeMore(): void {
      while (offset < bytes.length && !settled) {
        const chunk = bytes.subarray(offset, offset + chunkBytes);
        offset += chunk.length;
        const accepted = port.write(chunk, (error) => {
          if (error) finish(error);
        });
        if (!accepted) {
          port.once('drain', writeMore);
          return;
        }
      }
      if (!settled) port.drain((error) => finish(error ?? undefined));
    }
    port.on('error', onError);
    port.on('close', onClose);
    writeMore();
  });
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
