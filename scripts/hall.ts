// The hall server's devices, on the server's machine (its data folder; the server may be running):
//   npm run hall -- enrol-code --role kiosk --name "Kiosk by the door"   a one-time code (15 minutes)
//   npm run hall -- page --role display --name "Hall screen" --url http://hall-server.lan:8787
//                                            enrols a browser device now and prints its page's address
//   npm run hall -- devices                  every device, its role and last contact
//   npm run hall -- revoke <device id>       its credential is refused from now on
// A kiosk enrols with the code: npm run enrol -- --hall http://hall-server.lan:8787 --code 1234-5678
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataFiles } from '../main/boot/compose';
import { defaultDataDir } from '../main/boot/data-dir';
import { HALL_PAGE_OF_ROLE, HallDeviceRole, type HallDevice } from '../main/contract';
import { ENROL_CODE_MINUTES } from '../main/core/hall/hall-devices';
import { SqliteHallDevices } from '../main/store/sqlite-hall-devices';

const USAGE = `Usage: npm run hall -- <command> [--data <folder>]
  enrol-code --role <role> --name <name>   a one-time code for one device (${ENROL_CODE_MINUTES} minutes)
  page --role <role> --name <name> --url <server address>
                                           enrols a console, display or rating tablet now and prints the
                                           address to open on it (the credential is in its #fragment)
  devices                                  every enrolled device, with its last contact
  revoke <device id>                       refuses the device's credential from now on
Roles: ${HallDeviceRole.options.join(', ')}
  --data   the hall server's data folder (env KIOSK_DATA_DIR; default ~/.local/share/kiosk)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean' },
  },
});
const [command, argument] = positionals;
if (values.help || !command) {
  console.log(USAGE);
  process.exit(command ? 0 : 2);
}
const devices = new SqliteHallDevices(
  dataFiles(resolve(values.data ?? (process.env.KIOSK_DATA_DIR || defaultDataDir()))).database,
);
const describe = (device: HallDevice) =>
  `${device.deviceId.padEnd(24)} ${device.role.padEnd(14)} ${device.name.padEnd(28)} last contact ${device.lastContactAt ?? 'never'}${device.revokedAt ? `  REVOKED ${device.revokedAt}` : ''}`;

function roleAndName(): { role: HallDeviceRole; name: string } {
  const role = HallDeviceRole.safeParse(values.role);
  if (!role.success || !values.name) {
    console.error(`refused: --role (one of ${HallDeviceRole.options.join(', ')}) and --name are needed\n${USAGE}`);
    process.exit(2);
  }
  return { role: role.data, name: values.name };
}

try {
  if (command === 'enrol-code') {
    const { role, name } = roleAndName();
    const code = devices.newEnrolCode(role, name, new Date(Date.now() + ENROL_CODE_MINUTES * 60_000));
    console.log(`Enrolment code for a ${role} ("${name}"): ${code.code}\nIt works once, until ${code.expiresAt}.`);
  } else if (command === 'page') {
    const { role, name } = roleAndName();
    const page = HALL_PAGE_OF_ROLE[role];
    if (!page || !values.url) {
      console.error(
        `refused: page is for ${Object.keys(HALL_PAGE_OF_ROLE).join(', ')}, with --url the server's address`,
      );
      process.exit(2);
    }
    const { code } = devices.newEnrolCode(role, name, new Date(Date.now() + 60_000));
    const enrolled = devices.enrol(code.replace('-', ''), name, new Date());
    if (!enrolled) throw new Error('the code just made was not taken');
    console.log(
      `Enrolled ${enrolled.deviceId} (${role}). Open on the device, once (it keeps the address):\n` +
        `${new URL(page, values.url).href}#token=${enrolled.token}`,
    );
  } else if (command === 'devices') {
    const all = devices.list();
    console.log(all.length === 0 ? 'No device is enrolled yet.' : all.map(describe).join('\n'));
  } else if (command === 'revoke' && argument) {
    const revoked = devices.revoke(argument, new Date());
    if (!revoked) {
      console.error(`refused: no device of this hall has id "${argument}"`);
      process.exit(1);
    }
    console.log(`Revoked: ${describe(revoked)}`);
  } else {
    console.error(USAGE);
    process.exit(2);
  }
} finally {
  devices.close();
}
