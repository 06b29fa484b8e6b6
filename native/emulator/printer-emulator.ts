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

/**
 * What the emulated printer's sensors say, scripted by a test or a technician. A printer with a
 * fault takes data but prints none of it, and answers status requests, as real ones do.
 */
export interface EmulatedPrinterState {
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
  /** Offline for a reason of its own (e.g. paper being fed with the FEED button). */
  offline: boolean;
  cutterError: boolean;
  /** Switched off or a broken cable: answers nothing, prints nothing. */
  silent: boolean;
  /** Takes bytes no faster than this (the line speed, or a printer busy printing); null: at once. */
  bytesPerSecond: number | null;
  /** The paper runs out after this many more bytes of print data: a fault in the middle of a ticket. */
  paperOutAfterBytes: number | null;
}

export const HEALTHY_PRINTER: EmulatedPrinterState = {
  paper: 'ok',
  coverOpen: false,
  offline: false,
  cutterError: false,
  silent: false,
  bytesPerSecond: null,
  paperOutAfterBytes: null,
};

export interface PrinterEmulatorOptions {
  /** The emulator's end of a serial link (a PTY from socat, or a real port with a null-modem cable). */
  path: string;
  baudRate?: number;
  /** Consume bytes at the line speed of baudRate (10 bits a byte), as a real serial printer must. */
  throttleToBaud?: boolean;
  state?: Partial<EmulatedPrinterState>;
  /** Folder for a PNG preview of every ticket; none when absent. */
  previewDir?: string;
  widthDots?: number;
}

const PRINTS = new Set<EscPosOp['kind']>(['text', 'raster', 'qrPrint', 'barcode']);

type TicketListener = (ticket: EmulatedTicket) => void;

/**
 * An ESC/POS printer on the far end of a serial link, for tests and for technicians without a
 * printer at hand. It decodes what arrives, splits jobs at each cut and hands out the tickets,
 * answers `DLE EOT` and `GS a` from its scripted state, and can take bytes only as fast as a
 * serial line (or a busy printer) would.
 */
export class PrinterEmulator {
  readonly tickets: EmulatedTicket[] = [];
  private readonly decoder = new EscPosStreamDecoder();
  private currentJob: DecodedCommand[] = [];
  private readonly listeners = new Set<TicketListener>();
  private readonly byteListeners = new Set<(chunk: Buffer, receivedAt: number) => void>();
  private handedOut = 0;
  private state: EmulatedPrinterState;
  private automaticStatusBack = false;
  /** Print data that arrived while the printer could not print: lost, as on a real printer that is reset. */
  droppedBytes = 0;
  readonly statusQueries: number[] = [];

  private constructor(
    private readonly port: SerialPort,
    private readonly options: PrinterEmulatorOptions,
  ) {
    this.state = { ...HEALTHY_PRINTER, ...options.state };
    if (options.throttleToBaud && this.state.bytesPerSecond === null) {
      this.state.bytesPerSecond = (options.baudRate ?? 9600) / 10;
    }
    port.on('data', (chunk: Buffer) => this.handleData(chunk));
  }

  /** Changes what the sensors say; with automatic status back on, the printer tells the host at once. */
  setState(change: Partial<EmulatedPrinterState>): void {
    this.state = { ...this.state, ...change };
    if (this.automaticStatusBack) this.reply(this.automaticStatus());
  }

  currentState(): EmulatedPrinterState {
    return { ...this.state };
  }

  private canPrint(): boolean {
    const { paper, coverOpen, offline, cutterError, silent } = this.state;
    return paper !== 'out' && !coverOpen && !offline && !cutterError && !silent;
  }

  private reply(bytes: number[]): void {
    if (this.state.silent || !this.port.isOpen) return;
    this.port.write(Buffer.from(bytes));
  }

  /** DLE EOT n replies, 0xx1xx10, bits as in Epson's ESC/POS reference. */
  private realTimeStatus(n: number): number {
    const { paper, coverOpen, cutterError } = this.state;
    switch (n) {
      case 1:
        return 0x12 | (this.canPrint() ? 0 : 0x08);
      case 2:
        return 0x12 | (coverOpen ? 0x04 : 0) | (paper === 'out' ? 0x20 : 0) | (cutterError ? 0x40 : 0);
      case 3:
        return 0x12 | (cutterError ? 0x08 : 0);
      case 4:
        return 0x12 | (paper === 'near-end' ? 0x0c : 0) | (paper === 'out' ? 0x60 : 0);
      default:
        return 0x12;
    }
  }

  /** GS a automatic status back: four bytes, the first 0xx1xx00. */
  private automaticStatus(): number[] {
    const { paper, coverOpen, cutterError } = this.state;
    return [
      0x10 | (this.canPrint() ? 0 : 0x08) | (coverOpen ? 0x20 : 0),
      cutterError ? 0x08 : 0,
      (paper === 'near-end' ? 0x03 : 0) | (paper === 'out' ? 0x0c : 0),
      0,
    ];
  }

  static async open(options: PrinterEmulatorOptions): Promise<PrinterEmulator> {
    const port = new SerialPort({
      path: options.path,
      baudRate: options.baudRate ?? 9600,
      autoOpen: false,
      highWaterMark: 256,
    });
    port.on('error', () => undefined);
    // A small read buffer, so that pausing the port (to throttle) holds the sender back at once.
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
    const { bytesPerSecond } = this.state;
    if (bytesPerSecond !== null && this.port.isOpen) {
      this.port.pause();
      setTimeout(() => this.port.resume(), (chunk.length / bytesPerSecond) * 1000);
    }
  }

  private handleCommand(command: DecodedCommand): void {
    const { op } = command;
    // Real-time commands are answered whatever else is going on, and are no part of a ticket.
    if (op.kind === 'statusQuery' && op.command === 'DLE EOT') {
      this.statusQueries.push(op.n);
      this.reply([this.realTimeStatus(op.n)]);
      return;
    }
    if (op.kind === 'setting' && op.command === 'GS a') {
      this.automaticStatusBack = (op.params[0] ?? 0) !== 0;
      if (this.automaticStatusBack) this.reply(this.automaticStatus());
      return;
    }
    if (this.state.paperOutAfterBytes !== null) {
      this.state.paperOutAfterBytes -= command.bytes.length;
      if (this.state.paperOutAfterBytes <= 0) this.setState({ paper: 'out', paperOutAfterBytes: null });
    }
    if (!this.canPrint()) {
      // What a faulted printer was sent is gone; the ticket it belonged to never comes out.
      this.droppedBytes += command.bytes.length;
      this.currentJob = [];
      return;
    }
    // A printer without a cutter gets no GS V: the ESC @ that follows a ticket's content ends it.
    if (op.kind === 'init' && this.currentJob.some(({ op: { kind } }) => PRINTS.has(kind))) this.finishJob();
    this.currentJob.push(command);
    if (op.kind === 'cut') this.finishJob();
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
