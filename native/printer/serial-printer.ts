import { SerialPort } from 'serialport';
import { UNKNOWN_PRINTER_STATUS, type PrinterStatus } from '../../main/contract';
import { printerCanPrint, printerProblems } from '../../main/shared/printer-problems';
import type { PrinterConfig } from '../../main/core/config';
import type { ReportPrintout, TicketPrinter, TicketPrintout } from '../../main/core/ports';
import {
  DLE_EOT,
  ENABLE_AUTOMATIC_STATUS_BACK,
  StatusReplyParser,
  statusFromAutomatic,
  statusFromDleEot,
  type DleEotReplies,
  type StatusFacts,
} from '../escpos/status';
import type { PrinterProfile } from './profiles';
import { renderReportBytes } from './report-layout';
import { renderTicketBytes } from './ticket-layout';

export type PrinterFailure = 'port-unavailable' | 'write-failed' | 'timeout' | 'not-ready';

/** A print job that did not reach the paper, with the reason a technician can act on. */
export class PrinterError extends Error {
  /** What the printer said when the job was refused or after it was sent; null when it was not asked. */
  readonly status: PrinterStatus | null;
  constructor(
    message: string,
    readonly failure: PrinterFailure,
    readonly portPath: string,
    options?: { cause?: unknown; status?: PrinterStatus },
  ) {
    super(message, options);
    this.name = 'PrinterError';
    this.status = options?.status ?? null;
  }
}

export type SerialLineSettings = Pick<PrinterConfig, 'dataBits' | 'parity' | 'stopBits' | 'flowControl'>;

export interface SerialPrinterOptions extends Partial<SerialLineSettings> {
  path: string;
  baudRate: number;
  profile: PrinterProfile;
  /** Bytes handed to the port at a time; the port asks us to wait (drain) when its buffer is full. */
  chunkBytes?: number;
  /** Time allowed on top of the line time: the printer may hold us off while it prints or heats. */
  timeoutMarginMs?: number;
  /** How long to wait for the answer to one `DLE EOT`. */
  statusReplyTimeoutMs?: number;
  /** Asks an idle printer for its status this often (and reopens an unplugged port); null never. */
  statusPollMs?: number | null;
  now?: () => Date;
}

/** A serial line sends 10 bits a byte (start, 8 data, stop). */
const BITS_PER_BYTE = 10;
const DEFAULT_CHUNK_BYTES = 1024;
const DEFAULT_TIMEOUT_MARGIN_MS = 3000;
const DEFAULT_STATUS_REPLY_TIMEOUT_MS = 800;

/**
 * How long a job may take: the time the bytes need on the wire at this baud rate, half as much
 * again, plus a margin. A flat timeout would fail big bitmap jobs at 9600 baud (a 43 KB ticket
 * needs 45 s) or wait far too long for a 300-byte text ticket whose printer is gone.
 */
export function jobTimeoutMs(byteCount: number, baudRate: number, marginMs = DEFAULT_TIMEOUT_MARGIN_MS): number {
  const lineTimeMs = (byteCount * BITS_PER_BYTE * 1000) / baudRate;
  return Math.ceil(lineTimeMs * 1.5 + marginMs);
}

type StatusListener = (status: PrinterStatus) => void;

/**
 * Prints tickets on an ESC/POS printer on a serial port (RS-232, or USB seen as a serial port).
 * Jobs and status requests share one queue, so a `DLE EOT` never lands inside raster data, whose
 * bytes could hold the same values. A job is only reported printed when the printer, asked after
 * it, still says it can print: a 300-byte ticket fits in the port's buffers whether or not the
 * paper ran out.
 */
export class SerialTicketPrinter implements TicketPrinter {
  private port: SerialPort | null = null;
  /** Jobs run one after another so two tickets never interleave on the wire. */
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private status: PrinterStatus = UNKNOWN_PRINTER_STATUS;
  private readonly listeners = new Set<StatusListener>();
  private readonly parser = new StatusReplyParser();
  private awaitingReply: ((byte: number | null) => void) | null = null;
  private readonly poll: NodeJS.Timeout | null = null;

  constructor(private readonly options: SerialPrinterOptions) {
    const every = options.statusPollMs ?? null;
    if (every !== null && options.profile.statusQueries) {
      this.poll = setInterval(() => {
        if (this.queued === 0) void this.checkStatus().catch(() => undefined);
      }, every);
      // A kiosk process should end when its work is done, poll or not.
      this.poll.unref();
      // The first visitor should not be the one to find out the paper is out.
      setImmediate(() => void this.checkStatus().catch(() => undefined));
    }
  }

  print(ticket: TicketPrintout): Promise<void> {
    return this.printBytes(renderTicketBytes(ticket, this.options.profile));
  }

  printReport(report: ReportPrintout): Promise<void> {
    return this.printBytes(renderReportBytes(report, this.options.profile));
  }

  /** Sends prepared ESC/POS bytes as one job. */
  printBytes(bytes: Buffer): Promise<void> {
    return this.enqueue(() => this.runJob(bytes));
  }

  /** Asks the printer now (after any job in progress); opens the port again if it was lost. */
  checkStatus(): Promise<PrinterStatus> {
    return this.enqueue(() => this.queryStatus());
  }

  lastStatus(): PrinterStatus {
    return this.status;
  }

  onStatusChange(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await this.queue.catch(() => undefined);
    await this.closePort();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    const job = this.queue.then(work).finally(() => this.queued--);
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async runJob(bytes: Buffer): Promise<void> {
    const { path, profile } = this.options;
    let port: SerialPort;
    try {
      port = await this.openPort();
    } catch (error) {
      this.setStatus(this.disconnected(error));
      throw error;
    }
    if (profile.statusQueries) {
      const before = await this.queryStatus();
      if (!printerCanPrint(before)) throw this.notReady(before, 'so the ticket was not sent');
    }
    const timeoutMs = jobTimeoutMs(bytes.length, this.options.baudRate, this.options.timeoutMarginMs);
    try {
      await withTimeout(
        writeAll(port, bytes, this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES),
        timeoutMs,
        () =>
          new PrinterError(
            `Printer on ${path} did not take ${bytes.length} bytes within ${timeoutMs} ms ` +
              `at ${this.options.baudRate} baud (offline, out of paper, or wrong baud rate?)`,
            'timeout',
            path,
          ),
      );
    } catch (error) {
      // Half a ticket may be in the port's buffers: start the next job on a freshly opened port.
      await this.closePort();
      if (error instanceof PrinterError) throw error;
      throw new PrinterError(`Writing to the printer on ${path} failed: ${messageOf(error)}`, 'write-failed', path, {
        cause: error,
      });
    }
    if (profile.statusQueries) {
      const after = await this.queryStatus();
      if (!printerCanPrint(after) || after.connection === 'no-reply') {
        throw this.notReady(after, 'after the ticket was sent, so it may not have printed');
      }
    }
  }

  /** DLE EOT 1–4; stops after the first unanswered one, since a silent printer answers none. */
  private async queryStatus(): Promise<PrinterStatus> {
    let port: SerialPort;
    try {
      port = await this.openPort();
    } catch (error) {
      return this.setStatus(this.disconnected(error));
    }
    const replies: DleEotReplies = {};
    const keys = ['printer', 'offlineCause', 'errorCause', 'paperSensor'] as const;
    try {
      // ESC @ at the end of every job turns automatic status back off again.
      await writeAll(port, ENABLE_AUTOMATIC_STATUS_BACK, 16);
      for (const [index, key] of keys.entries()) {
        const reply = await this.ask(port, (index + 1) as 1 | 2 | 3 | 4);
        if (reply === null) break;
        replies[key] = reply;
      }
    } catch (error) {
      await this.closePort();
      return this.setStatus(this.disconnected(error));
    }
    const facts = statusFromDleEot(replies);
    const detail =
      replies.printer === undefined
        ? `no answer to DLE EOT on ${this.options.path} within ${this.replyTimeoutMs()} ms (switched off, wrong baud rate or cable?)`
        : `DLE EOT 1–4 on ${this.options.path}: ${keys.map((key) => hex(replies[key])).join(' ')}`;
    return this.setStatus(this.withTime(facts, detail));
  }

  private ask(port: SerialPort, n: 1 | 2 | 3 | 4): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), this.replyTimeoutMs());
      const settle = (byte: number | null): void => {
        clearTimeout(timer);
        this.awaitingReply = null;
        resolve(byte);
      };
      this.awaitingReply = settle;
      port.write(DLE_EOT(n), (error) => {
        if (error) settle(null);
      });
    });
  }

  private handleData(chunk: Buffer): void {
    for (const reply of this.parser.push(chunk)) {
      if (reply.kind === 'dleEot') this.awaitingReply?.(reply.byte);
      else if (reply.kind === 'automatic') {
        const facts = statusFromAutomatic(reply.bytes);
        this.setStatus(this.withTime(facts, `GS a status ${reply.bytes.map((b) => hex(b)).join(' ')}`));
      }
    }
  }

  private replyTimeoutMs(): number {
    return this.options.statusReplyTimeoutMs ?? DEFAULT_STATUS_REPLY_TIMEOUT_MS;
  }

  private withTime(facts: StatusFacts, detail: string): PrinterStatus {
    return { ...facts, checkedAt: (this.options.now?.() ?? new Date()).toISOString(), detail };
  }

  private disconnected(error: unknown): PrinterStatus {
    return this.withTime(
      { connection: 'disconnected', paper: 'unknown', coverOpen: false, cutterError: false, otherError: false },
      messageOf(error),
    );
  }

  private setStatus(status: PrinterStatus): PrinterStatus {
    const changed =
      JSON.stringify({ ...status, checkedAt: null, detail: null }) !==
      JSON.stringify({ ...this.status, checkedAt: null, detail: null });
    this.status = status;
    if (changed) for (const listener of [...this.listeners]) listener(status);
    return status;
  }

  private notReady(status: PrinterStatus, when: string): PrinterError {
    const problems = printerProblems(status).join(', ') || 'no answer';
    return new PrinterError(
      `Printer on ${this.options.path} is not ready (${problems}) ${when}. ${status.detail ?? ''}`.trim(),
      'not-ready',
      this.options.path,
      { status },
    );
  }

  private async openPort(): Promise<SerialPort> {
    if (this.port?.isOpen) return this.port;
    const { path, baudRate } = this.options;
    try {
      const port = new SerialPort({ path, baudRate, autoOpen: false, ...lineSettings(this.options) });
      // Without a listener an 'error' event would crash the kiosk; jobs see errors through writes.
      port.on('error', () => undefined);
      port.on('data', (chunk: Buffer) => this.handleData(chunk));
      port.on('close', (error: unknown) => {
        if (this.port !== port) return;
        this.port = null;
        // Unplugged: say so now; the poll reopens the port once the adapter is back.
        if (isDisconnect(error)) this.setStatus(this.disconnected(error));
      });
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
      this.port = port;
      return port;
    } catch (error) {
      throw new PrinterError(
        `Printer port ${path} could not be opened: ${messageOf(error)}`,
        'port-unavailable',
        path,
        {
          cause: error,
        },
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

function lineSettings(options: Partial<SerialLineSettings>) {
  return {
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: options.stopBits ?? 1,
    rtscts: options.flowControl === 'rtscts',
    xon: options.flowControl === 'xonxoff',
    xoff: options.flowControl === 'xonxoff',
  } as const;
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

function isDisconnect(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { disconnected?: unknown }).disconnected === true;
}

function hex(byte: number | undefined): string {
  return byte === undefined ? '--' : byte.toString(16).padStart(2, '0');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
