import { performance } from 'node:perf_hooks';
import { HEALTHY_PRINTER, PrinterEmulator } from '../../native/emulator/printer-emulator';
import { openPtyPair } from '../../test/support/pty-pair';
import type { PtyPair } from '../../test/support/pty-pair';
import { info, ms, percentile, performed, zero } from './figures';
import type { Figure } from './figures';
import { CallRefused, kiosk } from './kiosk-client';
import type { TicketSeen } from './kiosk-client';
import { spawnKiosk } from './kiosk-process';
import type { KioskProcess } from './kiosk-process';
import { chaosKioskFolder, LANGUAGES, pick, SERVICES } from './kiosk-setup';

export type PrinterFault = 'paper-out' | 'cover-open' | 'unplugged' | 'silent';
export const FAULTS: readonly PrinterFault[] = ['paper-out', 'cover-open', 'unplugged', 'silent'];
const OUTCOMES = ['printed', 'failed', 'interrupted'];

export interface PrinterFaultOptions {
  tickets: number;
  /** Stop at this instant (epoch ms); the table says how many tickets were made. */
  until?: number;
  log?: (line: string) => void;
}

/** What the issue call came back with: a ticket, a refusal, or no answer at all. */
interface Answer {
  ticket?: TicketSeen;
  refusal?: CallRefused;
  error?: unknown;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The printer on the far end of a PTY pair, which can be pulled out and plugged back in. */
class Cable {
  readonly printed = new Set<string>();
  private constructor(
    public pair: PtyPair,
    public emulator: PrinterEmulator,
  ) {}

  static async open(): Promise<Cable> {
    const pair = await openPtyPair();
    const cable = new Cable(pair, await Cable.printer(pair));
    cable.listen();
    return cable;
  }

  /** At the serial line's own speed, so a ticket takes long enough for a fault to land inside it. */
  private static printer(pair: PtyPair) {
    return PrinterEmulator.open({ path: pair.b, baudRate: 9600, throttleToBaud: true });
  }

  private listen() {
    this.emulator.onTicket((ticket) => {
      for (const line of ticket.lines) for (const number of line.match(/[A-Z]-\d{6}/g) ?? []) this.printed.add(number);
    });
  }

  plugged = true;
  async unplug(): Promise<void> {
    if (!this.plugged) return;
    this.plugged = false;
    await this.emulator.close();
    await this.pair.close();
  }

  async plugIn(): Promise<void> {
    if (this.plugged) return;
    this.pair = await openPtyPair({ at: { a: this.pair.a, b: this.pair.b } });
    this.emulator = await Cable.printer(this.pair);
    this.listen();
    this.plugged = true;
  }

  async close(): Promise<void> {
    await this.unplug();
  }
}

async function inject(cable: Cable, fault: PrinterFault): Promise<void> {
  if (fault === 'paper-out') cable.emulator.setState({ paper: 'out' });
  else if (fault === 'cover-open') cable.emulator.setState({ coverOpen: true });
  else if (fault === 'silent') cable.emulator.setState({ silent: true });
  else await cable.unplug();
}

/**
 * Part 2: each ticket meets a printer fault at a random point (before it, during its bytes, or as
 * it ends): paper out, cover open, cable pulled, printer silent. The visitor must be told something
 * (a printed ticket, or the screen's "not printed" message with the number), every ticket must end
 * printed, failed or interrupted, and a ticket said printed must have come out of the printer.
 */
export async function runPrinterFaults(
  options: PrinterFaultOptions,
): Promise<{ figures: Figure[]; failures: string[] }> {
  const log = options.log ?? (() => {});
  const cable = await Cable.open();
  const folder = chaosKioskFolder('printer', { port: cable.pair.a, baudRate: 9600, statusPollSeconds: 1 });
  let running: KioskProcess | undefined;
  const failures: string[] = [];
  const note = (line: string) => failures.length < 20 && failures.push(line);
  try {
    running = await spawnKiosk({ dataDir: folder.dataDir, args: ['--config', folder.configFile] });
    const url = running.url;
    // A healthy ticket first, to learn how long one takes on this line.
    const started = performance.now();
    const first = await kiosk.issue(url, 'passport', 'az');
    const ticketMs = performance.now() - started;
    if (first.printStatus !== 'printed') note(`the healthy first ticket ended ${first.printStatus}`);

    let noMessage = 0;
    let notRecovered = 0;
    let saidPrintedNoPaper = 0;
    const answerMs: number[] = [];
    const outcomes = new Map<string, number>();
    let made = 0;
    for (let i = 0; i < options.tickets && Date.now() < (options.until ?? Infinity); i++) {
      made++;
      const fault = FAULTS[i % FAULTS.length] as PrinterFault;
      // Paper out also strikes after a random number of the ticket's bytes, as a roll ends mid-ticket.
      const midBytes = fault === 'paper-out' && Math.random() < 0.5;
      if (midBytes) cable.emulator.setState({ paperOutAfterBytes: Math.floor(Math.random() * 400) });
      const at = Math.random() * ticketMs * 1.2;
      const timer = midBytes ? undefined : setTimeout(() => void inject(cable, fault), at);
      const askedAt = performance.now();
      const answer: Answer = await kiosk.issue(url, pick(SERVICES), pick(LANGUAGES)).then(
        (ticket): Answer => ({ ticket }),
        (error: unknown): Answer => (error instanceof CallRefused ? { refusal: error } : { error }),
      );
      answerMs.push(performance.now() - askedAt);
      clearTimeout(timer);
      const status = answer.ticket?.printStatus ?? `refused ${answer.refusal?.code ?? String(answer.error)}`;
      const key = `${fault}: ${status}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      // What the kiosk screen shows: the ticket screen for printed, the "not printed, here is your
      // number" screen for failed, a refusal's message (printer-unavailable) otherwise.
      const told =
        (answer.ticket && (answer.ticket.printStatus === 'printed' || answer.ticket.printStatus === 'failed')) ||
        (answer.refusal && answer.refusal.status < 500 && answer.refusal.message.length > 0);
      if (!told) {
        noMessage++;
        note(`${fault} at ${Math.round(at)} ms: the visitor was told nothing (${status})`);
      }
      // Clear the fault, as staff would, and wait for the printer to be ready again.
      await cable.plugIn();
      cable.emulator.setState({ ...HEALTHY_PRINTER, bytesPerSecond: 960 });
      let ready = false;
      for (let wait = 0; wait < 60 && !ready; wait++) {
        ready = await kiosk.printerStatus(url).then(
          (report) => report.canPrint && report.problems.length === 0,
          () => false,
        );
        if (!ready) await sleep(250);
      }
      if (!ready) {
        notRecovered++;
        note(`${fault}: the printer was not ready again within 15 s of the fault being cleared`);
      }
      if (answer.ticket?.printStatus === 'printed') {
        await sleep(50);
        if (!cable.printed.has(answer.ticket.number)) {
          saidPrintedNoPaper++;
          note(`${fault}: ${answer.ticket.number} said printed, but no paper with it came out`);
        }
      }
      if ((i + 1) % 20 === 0) log(`  printer faults: ${i + 1}/${options.tickets}`);
    }
    const tickets = await kiosk.today(url);
    const withoutOutcome = tickets.filter((ticket) => !OUTCOMES.includes(ticket.printStatus));
    const figures: Figure[] = [
      info(
        'printer',
        'tickets, each with a fault at a random point (PTY + emulator, 9600 baud)',
        performed(made, options.tickets),
      ),
      info(
        'printer',
        'outcomes',
        [...outcomes]
          .sort()
          .map(([key, n]) => `${key} ${n}`)
          .join('; '),
      ),
      zero('printer', 'tickets not ended printed, failed or interrupted', withoutOutcome.length),
      zero('printer', 'visitors told nothing (no ticket screen, no message)', noMessage),
      zero('printer', 'tickets said printed that never came out', saidPrintedNoPaper),
      zero('printer', 'printer not ready again after the fault was cleared', notRecovered),
      info(
        'printer',
        'answer to the visitor p50 / max (healthy ticket alone)',
        `${ms(percentile(answerMs, 50))} / ${ms(Math.max(...answerMs))} (${ms(ticketMs)})`,
      ),
    ];
    return { figures, failures };
  } finally {
    await running?.kill();
    await cable.close();
    folder.remove();
  }
}
