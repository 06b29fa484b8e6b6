// Makes a PIN hash for a kiosk's configuration. `npm run set-pin -- --config <file>` writes the
// technician PIN (technician.pinHash); with `--desk <id>` it writes that desk's PIN (desks[].pinHash,
// adding the desk if the file does not list it). Without --config it prints the hash to paste.
// The PIN is read from standard input (never from the command line, which shell history keeps).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { writeSettingsFile } from '../main/boot/config-file';
import { withDeskPinHash, withTechnicianPinHash } from '../main/core/auth/pin-settings';
import { hashPin, newTechnicianPinProblem } from '../main/core/auth/pin';

const { values } = parseArgs({ options: { config: { type: 'string' }, desk: { type: 'string' } } });
const whose = values.desk === undefined ? 'technician' : `desk ${values.desk}`;
const input = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
process.stderr.write(`New ${whose} PIN (6 to 12 digits): `);
const pin = (await input.question('')).trim();
input.close();
// A desk PIN follows the same rule as the technician PIN: the first-run PIN is known to everyone.
const problem = newTechnicianPinProblem(pin);
if (problem) {
  console.error(`refused: the PIN ${problem}`);
  process.exit(1);
}
const pinHash = hashPin(pin);
if (values.config) {
  const settings = JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>;
  let next: Record<string, unknown>;
  if (values.desk === undefined) {
    next = withTechnicianPinHash(settings, pinHash);
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
  writeSettingsFile(values.config, next);
  console.error(`wrote the ${whose} PIN hash to ${values.config}`);
} else {
  console.log(pinHash);
}
