// A printer for technicians without one: `npx tsx native/emulator/emulator-cli.ts --port <path>`.
// Pair it with the kiosk over `socat -d -d pty,raw,echo=0,link=/tmp/kiosk-a pty,raw,echo=0,link=/tmp/kiosk-b`
// (kiosk on /tmp/kiosk-a, emulator on /tmp/kiosk-b) or a null-modem cable, and type faults on stdin.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PrinterEmulator, type EmulatedPrinterState } from './printer-emulator';

const USAGE = `Usage: npx tsx native/emulator/emulator-cli.ts --port <path> [--baud 9600] [--width 576] [--preview-dir <dir>] [--throttle]
Then type, one per line: paper ok|near-end|out, cover open|closed, offline on|off, cutter error|ok,
silent on|off, paper-out-after <bytes>, state, quit`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    baud: { type: 'string', default: '9600' },
    width: { type: 'string', default: '576' },
    'preview-dir': { type: 'string' },
    throttle: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.port) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const emulator = await PrinterEmulator.open({
  path: values.port,
  baudRate: Number(values.baud),
  widthDots: Number(values.width),
  previewDir: values['preview-dir'],
  throttleToBaud: values.throttle,
});
emulator.onTicket((ticket) => {
  console.log(
    `ticket ${emulator.tickets.length}: ${ticket.bytes.length} bytes${ticket.pngPath ? `, ${ticket.pngPath}` : ''}`,
  );
  for (const line of ticket.lines) console.log(`  | ${line}`);
});
console.log(`Printer emulator on ${values.port} at ${values.baud} baud. Type "help" for commands.`);

const commands: Record<string, (argument: string) => Partial<EmulatedPrinterState> | null> = {
  paper: (a) => (a === 'ok' || a === 'near-end' || a === 'out' ? { paper: a } : null),
  cover: (a) => (a === 'open' || a === 'closed' ? { coverOpen: a === 'open' } : null),
  offline: (a) => (a === 'on' || a === 'off' ? { offline: a === 'on' } : null),
  cutter: (a) => (a === 'error' || a === 'ok' ? { cutterError: a === 'error' } : null),
  silent: (a) => (a === 'on' || a === 'off' ? { silent: a === 'on' } : null),
  'paper-out-after': (a) => (/^\d+$/.test(a) ? { paperOutAfterBytes: Number(a) } : null),
};

for await (const line of createInterface({ input: process.stdin })) {
  const [command = '', argument = ''] = line.trim().split(/\s+/);
  if (command === 'quit') break;
  if (command === 'state') {
    console.log(emulator.currentState());
    continue;
  }
  const change = commands[command]?.(argument) ?? null;
  if (change) {
    emulator.setState(change);
    console.log(emulator.currentState());
  } else if (command !== '') {
    console.log(USAGE);
  }
}
await emulator.close();
