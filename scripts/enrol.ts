// Enrols this kiosk with its hall server (the code from the server's technician, npm run hall -- enrol-code):
//   npm run enrol -- --hall http://hall-server.lan:8787 --code 1234-5678 [--data <folder>] [--config <file>]
// The credential goes to <data folder>/hall-credential.json; the kiosk issues through the server from its next start.
// Enrols this device with the central server:
//   npm run enrol -- --central https://host:port --code XXXX-XXXX --fingerprint <sha256> [--data <folder>] [--config <file>]
// The code and the certificate's SHA-256 fingerprint are shown on the central server's screen. The
// device's name is the kiosk's configured kioskId. The credential goes to <data folder>/central.json,
// and the kiosk starts its sync worker at its next start.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKioskConfig } from '../main/boot/config-file';
import { dataFiles } from '../main/boot/compose';
import { defaultDataDir } from '../main/boot/data-dir';
import { enrolDevice } from '../main/boot/enrol-device';
import { enrolInHall } from '../main/boot/hall-credential';
import { InvalidFileError } from '../main/core/validation-report';

const USAGE = `Usage: npm run enrol -- --hall http(s)://host:port --code 1234-5678 [--fingerprint <sha256>] [--data <folder>] [--config <file>]
       npm run enrol -- --central https://host:port --code XXXX-XXXX --fingerprint <sha256> [--data <folder>] [--config <file>]
  --hall         the hall server's address: this kiosk issues through it (https: with --fingerprint,
                 the SHA-256 its start shows)
  --code         the one-time enrolment code from the hall server's technician
  --central      the central server's address (https only)
  --code         the one-time enrolment code from the central server's screen
  --fingerprint  its certificate's SHA-256 fingerprint (64 hex digits, colons allowed)
  --data         the kiosk's data folder (env KIOSK_DATA_DIR; default ~/.local/share/kiosk;
                 the Electron kiosk's is ~/.config/Kiosk)
  --config       the kiosk's configuration file, for its kioskId (env KIOSK_CONFIG; default
                 <data folder>/kiosk-config.json when it exists, else the embedded default)`;

const { values } = parseArgs({
  options: {
    central: { type: 'string' },
    hall: { type: 'string' },
    code: { type: 'string' },
    fingerprint: { type: 'string' },
    data: { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.hall && (!values.central || !values.code || !values.fingerprint)) {
  console.error(`refused: --central, --code and --fingerprint are all needed\n${USAGE}`);
  process.exit(2);
}

const dataDir = resolve(values.data ?? (process.env.KIOSK_DATA_DIR || defaultDataDir()));
const configFile = values.config ?? (process.env.KIOSK_CONFIG || undefined);
const configPath = configFile ?? (existsSync(dataFiles(dataDir).config) ? dataFiles(dataDir).config : undefined);
let deviceId: string;
try {
  deviceId = loadKioskConfig(configPath && resolve(configPath)).kioskId;
} catch (error) {
  console.error(error instanceof InvalidFileError ? `refused: ${error.message}` : error);
  process.exit(1);
}
if (values.hall) {
  if (!values.code) {
    console.error(`refused: --code is needed with --hall\n${USAGE}`);
    process.exit(2);
  }
  const enrolled = await enrolInHall({
    server: values.hall,
    code: values.code,
    name: deviceId,
    dataDir,
    fingerprint: values.fingerprint ?? null,
  });
  if (!enrolled.ok) {
    console.error(`refused: ${enrolled.message}\nNothing was written.`);
    process.exit(1);
  }
  console.log(
    `Enrolled "${deviceId}" with the hall server ${values.hall} as ${enrolled.credential.deviceId}.\n` +
      `The credential is in ${enrolled.file}; the kiosk issues through the server from its next start.`,
  );
  process.exit(0);
}
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const result = await enrolDevice({
  central: values.central!,
  code: values.code!,
  fingerprint: values.fingerprint!,
  deviceId,
  appVersion: version,
  dataDir,
});
if (!result.ok) {
  console.error(`refused: ${result.message}\nNothing was written.`);
  process.exit(1);
}
const { credential } = result;
console.log(
  `Enrolled "${credential.deviceId}" with ${credential.url} (centre ${credential.centreId}, role ${credential.role}).\n` +
    `The credential is in ${result.file}; the kiosk syncs from its next start.`,
);
