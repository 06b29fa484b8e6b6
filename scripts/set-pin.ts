// Makes the technician PIN hash for a kiosk's configuration: `npm run set-pin -- --config <file>`
// writes it into the file as technician.pinHash; without --config it prints the hash to paste.
// The PIN is read from standard input (never from the command line, which shell history keeps).
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { FIRST_RUN_PIN, PIN_PATTERN, hashPin } from '../main/core/technician/pin';

const { values } = parseArgs({ options: { config: { type: 'string' } } });
const input = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
process.stderr.write('New technician PIN (4 to 12 digits): ');
const pin = (await input.question('')).trim();
input.close();
if (!PIN_PATTERN.test(pin) || pin === FIRST_RUN_PIN) {
  console.error(`refused: a PIN is 4 to 12 digits and not the first-run PIN ${FIRST_RUN_PIN}`);
  process.exit(1);
}
const pinHash = hashPin(pin);
if (values.config) {
  const settings = JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>;
  const technician = { ...(settings.technician as Record<string, unknown> | undefined), pinHash };
  writeFileSync(values.config, `${JSON.stringify({ ...settings, technician }, null, 2)}\n`);
  console.error(`wrote technician.pinHash to ${values.config}`);
} else {
  console.log(pinHash);
}
