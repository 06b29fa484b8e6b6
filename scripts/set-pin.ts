// Makes a PIN hash for a kiosk's configuration. `npm run set-pin -- --config <file>` writes the
// technician PIN (technician.pinHash); with `--desk <id>` it writes that desk's PIN (desks[].pinHash,
// adding the desk if the file does not list it). Without --config it prints the hash to paste.
// The PIN is read from standard input (never from the command line, which shell history keeps).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { withDeskPinHash } from '../main/core/queue/desk-pin-setting';
import { FIRST_RUN_PIN, PIN_PATTERN, hashPin } from '../main/core/technician/pin';

const { values } = parseArgs({ options: { config: { type: 'string' }, desk: { type: 'string' } } });
const whose = values.desk === undefined ? 'technician' : `desk ${values.desk}`;
const input = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
process.stderr.write(`New ${whose} PIN (4 to 12 digits): `);
const pin = (await input.question('')).trim();
input.close();
if (!PIN_PATTERN.test(pin) || pin === FIRST_RUN_PIN) {
  console.error(`refused: a PIN is 4 to 12 digits and not the first-run PIN ${FIRST_RUN_PIN}`);
  process.exit(1);
}
const pinHash = hashPin(pin);
if (values.config) {
  const settings = JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>;
  let next: Record<string, unknown>;
  if (values.desk === undefined) {
    next = { ...settings, technician: { ...(settings.technician as Record<string, unknown> | undefined), pinHash } };
  } else {
    try {
      const result = withDeskPinHash(settings, values.desk, pinHash);
      next = result.settings;
      if (result.added) console.error(`desk ${values.desk} was not listed: added, calling for every service`);
    } catch (error) {
      console.error(`refused: ${(error as Error).message}`);
      process.exit(1);
    }
  }
  // Written then renamed, so a power cut leaves the old file or the new one, never half of one.
  writeFileSync(`${values.config}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(`${values.config}.tmp`, values.config);
  console.error(`wrote the ${whose} PIN hash to ${values.config}`);
} else {
  console.log(pinHash);
}
