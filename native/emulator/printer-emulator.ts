import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { decodedText, EscPosStreamDecoder, type DecodedCommand, type EscPosOp } from '../escpos/decoder';
import { renderPaperPng } from '../escpos/render-png';

/** One ticket as the emulated printer received it: everything since the previous cut, up to its cut. */
export interface EmulatedTicket {
  ops: EscPosOp[];
  /** The visible text lines, for assertions and for a technician's console. */
  lines: string[];
  bytes: Buffer;
  /** Set when the emulator writes previews. */
  pngPath: string | null;
}

export interface PrinterEmulatorOptions {
  /** The emulator's end of a serial link (a PTY from socat, or a real port with a null-modem cable). */
  path: string;
  baudRate?: number;
  /** Folder for a PNG preview of every ticket; none when absent. */
  previewDir?: string;
  widthDots?: number;
}

type TicketListener = (ticket: EmulatedTicket) => void;

/**
 * An ESC/POS printer on the far end of a serial link, for tests and for technicians without a
 * printer at hand. It decodes what arrives, splits jobs at each cut and hands out the tickets.
 * Status replies and a slow, buffer-limited printer come later; they hang off handleCommand.
 */
export class PrinterEmulator {
  readonly tickets: EmulatedTicket[] = [];
  private readonly decoder = new EscPosStreamDecoder();
  private currentJob: DecodedCommand[] = [];
  private readonly listeners = new Set<TicketListener>();
  private readonly byteListeners = new Set<(chunk: Buffer, receivedAt: number) => void>();
  private handedOut = 0;

  private constructor(
    private readonly port: SerialPort,
    private readonly options: PrinterEmulatorOptions,
  ) {
    port.on('data', (chunk: Buffer) => this.handleData(chunk));
  }

  static async open(options: PrinterEmulatorOptions): Promise<PrinterEmulator> {
    const port = new SerialPort({ path: options.path, baudRate: options.baudRate ?? 9600, autoOpen: false });
    port.on('error', () => undefined);
    await new Promise<void>((resolve, reject) =>
      port.open((error) =>
        error ? reject(new Error(`Printer emulator could not open ${options.path}: ${error.message}`)) : resolve(),
      ),
    );
    if (options.previewDir) mkdirSync(options.previewDir, { recursive: true });
    return new PrinterEmulator(port, options);
  }

  onTicket(listener: TicketListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with every chunk as it arrives and `performance.now()` then: for timing the first byte of a job. */
  onBytes(listener: (chunk: Buffer, receivedAt: number) => void): () => void {
    this.byteListeners.add(listener);
    return () => this.byteListeners.delete(listener);
  }

  /** The next ticket not yet handed out by this method, waiting for it if it has not arrived. */
  nextTicket(timeoutMs = 10_000): Promise<EmulatedTicket> {
    return new Promise((resolve, reject) => {
      const take = (): boolean => {
        const ticket = this.tickets[this.handedOut];
        if (!ticket) return false;
        this.handedOut++;
        resolve(ticket);
        return true;
      };
      if (take()) return;
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`No ticket reached the printer emulator within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.onTicket(() => {
        if (!take()) return;
        clearTimeout(timer);
        unsubscribe();
      });
    });
  }

  /** Bytes received since the last cut, decoded: what a job that never cut left behind. */
  pendingOps(): EscPosOp[] {
    return this.currentJob.map((command) => command.op);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }

  private handleData(chunk: Buffer): void {
    const receivedAt = performance.now();
    for (const listener of this.byteListeners) listener(chunk, receivedAt);
    for (const command of this.decoder.push(chunk)) this.handleCommand(command);
  }

  private handleCommand(command: DecodedCommand): void {
    this.currentJob.push(command);
    if (command.op.kind === 'cut') this.finishJob();
  }

  private finishJob(): void {
    const commands = this.currentJob;
    this.currentJob = [];
    const ops = commands.map((command) => command.op);
    const ticket: EmulatedTicket = {
      ops,
      lines: decodedText(ops),
      bytes: Buffer.concat(commands.map((command) => command.bytes)),
      pngPath: null,
    };
    if (this.options.previewDir) {
      ticket.pngPath = join(this.options.previewDir, `ticket-${String(this.tickets.length + 1).padStart(4, '0')}.png`);
      // Synchronous so tickets stay in order; a preview is a few kilobytes.
      writeFileSync(ticket.pngPath, renderPaperPng(ops, { widthDots: this.options.widthDots ?? 576 }));
    }
    this.tickets.push(ticket);
    for (const listener of [...this.listeners]) listener(ticket);
  }
}
