import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where the tests find Debian's Chromium; CHROMIUM_PATH points elsewhere when needed. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const onPath = (command) => (process.env.PATH ?? '').split(delimiter).some((dir) => isExecutable(join(dir, command)));

/** The system programs the tests drive for real, and how to install each on Debian or Ubuntu. */
export function missingPrerequisites() {
  const missing = [];
  if (!isExecutable(chromiumPath())) {
    missing.push({
      what: `Chromium (looked for ${chromiumPath()}; set CHROMIUM_PATH to use another)`,
      apt: 'chromium',
    });
  }
  if (!onPath('socat'))
    missing.push({ what: 'socat (makes the serial port pairs the printer tests use)', apt: 'socat' });
  if (!onPath('espeak-ng'))
    missing.push({ what: 'espeak-ng (the speech synthesiser audio guidance speaks with)', apt: 'espeak-ng' });
  if (!onPath('spd-say'))
    missing.push({ what: 'speech-dispatcher (routes audio guidance to the sound card)', apt: 'speech-dispatcher' });
  if (!onPath('openssl')) missing.push({ what: 'openssl (makes the central server its certificate)', apt: 'openssl' });
  if (!postgresInstalled())
    missing.push({
      what: 'PostgreSQL (the central server stores in it; its tests start their own, looked in /usr/lib/postgresql/*/bin)',
      apt: 'postgresql',
    });
  return missing;
}

/** Debian's postgresql package puts its server programs here (PG_BIN points elsewhere). */
function postgresInstalled() {
  if (process.env.PG_BIN) return isExecutable(join(process.env.PG_BIN, 'initdb'));
  try {
    return readdirSync('/usr/lib/postgresql').some((version) =>
      isExecutable(join('/usr/lib/postgresql', version, 'bin', 'initdb')),
    );
  } catch {
    return false;
  }
}
