// The central server and its technician's commands (README, "The network"):
//   npm run start:central                      serve devices over HTTPS (CENTRAL_PORT, default 8443)
//   npm run central -- enrol-code --centre baku-1 --role bus [--hours 24]
//   npm run central -- devices                 the fleet, devices needing a technician first
//   npm run central -- revoke <deviceId>
//   npm run central -- release-catalog --file catalog.json --version 2026-12 [--centre baku-1 …]
//   npm run central -- staff add <username> --role analyst --network   (password from stdin or a prompt)
//   npm run central -- digest --centre baku-1 [--day 2026-12-03] [--json]
//   npm run central -- describe-centre --centre baku-1 --name "Baku 1" --region absheron [--kind bus] [--time-zone Asia/Baku]
//   npm run central -- standard --service passport --service-minutes 10 [--waiting-minutes 15] [--clear]
// The database is DATABASE_URL, or (a try-out) a PostgreSQL of its own in CENTRAL_DATA_DIR.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { centralDataDir, centralDatabase } from '../main/central/boot/central-database';
import { centralTls } from '../main/central/boot/tls';
import { CentreOverride } from '../main/central/catalog-overrides';
import { describeAttention, fleetOrder } from '../main/central/fleet';
import { settingsPatchProblems } from '../main/central/settings-release';
import { dailyDigest, isCalendarDay, shiftDay } from '../main/central/monitoring/digest';
import { digestText } from '../main/central/monitoring/digest-text';
import { LocalDay } from '../main/contract/monitoring';
import {
  CentreDescription,
  ServiceStandard,
  problemsOf,
  type DescribedCentre,
} from '../main/central/monitoring/network-description';
import { startAdminServer } from '../main/central/http/admin-server';
import { startCentralServer } from '../main/central/http/central-server';
import { startDashboardServer } from '../main/central/http/dashboard-server';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../main/central/open-data/open-data';
import { StaffAuth } from '../main/central/staff/staff-auth';
import { enrolCodeHash, newEnrolCode } from '../main/central/http/credentials';
import { PostgresStore } from '../main/central/store/postgres-store';
import { checkCatalogImport } from '../main/core/technician/catalog-import';
import { STAFF_USAGE, staffCommand } from './central-staff';

const USAGE = `Usage: npm run central -- <command>
  serve                                        the central server (npm run start:central)
  enrol-code --centre <id> --role <bus|hall-server|hall-kiosk> [--hours 24]
  devices                                      every device, those needing a technician first
  revoke <deviceId>                            the device's credential stops working at once
  release-catalog --file <catalog.json> --version <v> [--centre <id> …]   (no --centre: every centre)
  settings --file <settings.json> [--centre <id>]   the network's settings, or a centre's over them
  centre-override --centre <id> [--services <id,id,…>] [--opening-hours <JSON periods>] [--clear]
  digest --centre <id> [--day YYYY-MM-DD] [--json]   a centre's day (default: yesterday on its clock)
  describe-centre --centre <id> [--name <text>] [--region <id>] [--kind centre|bus] [--time-zone <IANA zone>]
                                               what dashboards show it as (fields left out are kept)
  standard --service <id> --service-minutes <n> [--waiting-minutes <n, default 15>]   (--clear: 15 and 15)
${STAFF_USAGE}`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    centre: { type: 'string', multiple: true },
    role: { type: 'string' },
    hours: { type: 'string' },
    file: { type: 'string' },
    version: { type: 'string' },
    services: { type: 'string' },
    'opening-hours': { type: 'string' },
    clear: { type: 'boolean' },
    network: { type: 'boolean' },
    day: { type: 'string' },
    json: { type: 'boolean' },
    name: { type: 'string' },
    region: { type: 'string' },
    kind: { type: 'string' },
    'time-zone': { type: 'string' },
    service: { type: 'string' },
    'service-minutes': { type: 'string' },
    'waiting-minutes': { type: 'string' },
    help: { type: 'boolean' },
  },
});
const [command = 'serve', ...rest] = positionals;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function refuse(message: string): never {
  console.error(`refused: ${message}\n${USAGE}`);
  process.exit(2);
}

/** Figures resting on fewer visits than this are withheld on the public pages and in the open data (default 10). */
function openDataThreshold(): number {
  const text = process.env.CENTRAL_OPEN_DATA_THRESHOLD;
  if (text === undefined) return DEFAULT_SUPPRESSION_THRESHOLD;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 2)
    refuse(`CENTRAL_OPEN_DATA_THRESHOLD: "${text}" is not a whole number of visits of at least 2`);
  return value;
}

const dataDir = centralDataDir();
mkdirSync(dataDir, { recursive: true });
const database = await centralDatabase();
const logLine = (level: string, event: string, detail: Record<string, unknown>) =>
  console.log(JSON.stringify({ level, event, ...detail, at: new Date() }));
const store = new PostgresStore(database.url, {
  onError: (error) => console.error(`central: a database connection failed: ${error.message}`),
  projector: { log: logLine },
});
await store.migrate();

const done = async (code = 0) => {
  await store.close();
  if (database.local?.startedNow) database.local.stop();
  process.exit(code);
};

switch (command) {
  case 'serve': {
    const tls = centralTls(dataDir);
    const port = Number(process.env.CENTRAL_PORT ?? 8443);
    const central = await startCentralServer({
      store,
      tls,
      port,
      host: process.env.CENTRAL_HOST ?? '0.0.0.0',
      log: logLine,
    });
    // Visits and rollups for the dashboards, folded from the records in the background (issue 13).
    store.startProjector();
    const admin = await startAdminServer({ store, port: Number(process.env.CENTRAL_ADMIN_PORT ?? 8444) });
    const dashboards = await startDashboardServer({
      auth: new StaffAuth(store.staff),
      staff: store.staff,
      monitoring: store.monitoring,
      public: { reads: store.publicFigures, threshold: openDataThreshold() },
      control: store.standardEvents,
      staticDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
      tls,
      port: Number(process.env.CENTRAL_DASHBOARD_PORT ?? 8445),
      host: process.env.CENTRAL_HOST ?? '0.0.0.0',
      log: logLine,
    });
    console.log(`Central server listening on https://0.0.0.0:${central.port}
  Certificate SHA-256 fingerprint: ${tls.fingerprint}
  Database: ${database.local ? `local try-out cluster in ${database.local.dataDir}` : 'DATABASE_URL'}
  Fleet screen (this machine only): ${admin.url}/fleet
  Dashboards for staff: https://<this host>:${dashboards.port}/dashboard/ (accounts: npm run central -- staff add)
  Public pages and open data (no sign-in): https://<this host>:${dashboards.port}/public/ and /open-data/
  Enrol a device: npm run central -- enrol-code --centre <id> --role bus`);
    const stop = async () => {
      await central.close();
      await admin.close();
      await dashboards.close();
      await done(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    break;
  }
  case 'enrol-code': {
    const centre = values.centre?.[0];
    const role = values.role;
    if (!centre) refuse('--centre is needed');
    if (role !== 'bus' && role !== 'hall-server' && role !== 'hall-kiosk')
      refuse('--role must be bus, hall-server or hall-kiosk');
    const hours = Number(values.hours ?? 24);
    if (!(hours > 0 && hours <= 24 * 14)) refuse('--hours must be between 0 and 336');
    const code = newEnrolCode();
    const expiresAt = new Date(Date.now() + hours * 3_600_000);
    await store.addEnrolCode({ codeHash: enrolCodeHash(code), centreId: centre, role, expiresAt });
    console.log(`Enrolment code for a ${role} of ${centre}: ${code}
  valid once, until ${expiresAt.toISOString()}
  certificate fingerprint: ${centralTls(dataDir).fingerprint}`);
    await done();
    break;
  }
  case 'devices': {
    const now = new Date();
    const fleet = fleetOrder(await store.fleet(), now);
    if (fleet.length === 0) console.log('No device is enrolled yet.');
    for (const { device, needs } of fleet) {
      const contact = device.lastContactAt ?? 'never';
      const printer = device.printer ? `${device.printer.connection}/${device.printer.paper}` : 'unknown';
      console.log(
        [
          device.deviceId.padEnd(16),
          device.centreId.padEnd(12),
          device.role.padEnd(11),
          `app ${device.appVersion ?? '?'}`.padEnd(12),
          `catalog ${device.catalogVersion ?? '-'}`.padEnd(20),
          `settings ${device.settingsVersion ?? '-'}`,
          `last contact ${contact}`,
          `held ${device.heldSeq}`,
          `backlog ${device.backlog ?? '?'}`,
          `skew ${device.clockSkewSeconds ?? '?'} s`,
          `printer ${printer}`,
          `on roll ${device.ticketsOnRoll ?? '?'}`,
          needs.length > 0 ? `NEEDS: ${needs.map(describeAttention).join(', ')}` : 'ok',
        ].join('  '),
      );
    }
    await done();
    break;
  }
  case 'revoke': {
    const deviceId = rest[0];
    if (!deviceId) refuse('name the device to revoke');
    const revoked = await store.revoke(deviceId, new Date());
    console.log(
      revoked
        ? `${deviceId} is revoked: its credential is refused from now on.`
        : `No enrolled, unrevoked device ${deviceId}.`,
    );
    await done(revoked ? 0 : 1);
    break;
  }
  case 'release-catalog': {
    if (!values.file || !values.version) refuse('--file and --version are needed');
    // With a centre's override the version grows by "+<centre>.<n>": devices take 64 characters.
    if (!/^[\w.-]{1,32}$/.test(values.version)) refuse('--version: at most 32 letters, digits, dots, dashes');
    const text = readFileSync(values.file, 'utf8');
    // The same check every device makes before it applies a catalog: refuse here, not on 100 kiosks.
    const { catalog, preview } = checkCatalogImport(text, 'json');
    if (!catalog) {
      console.error(`refused: ${values.file} is not a catalog the kiosks would take:`);
      for (const problem of preview.problems)
        console.error(`  ${[problem.entry, problem.field, problem.message].filter(Boolean).join(': ')}`);
      await done(1);
    }
    const centres = values.centre ?? ['*'];
    await store.releaseCatalog(values.version, JSON.parse(text), centres);
    console.log(
      `Catalog ${values.version} (${preview.totals.services} services) released to ${centres.includes('*') ? 'every centre' : centres.join(', ')}; devices take it within 10 minutes.`,
    );
    await done();
    break;
  }
  case 'settings': {
    if (!values.file) refuse('--file is needed');
    const centre = values.centre?.[0] ?? '*';
    let patch: unknown;
    try {
      patch = JSON.parse(readFileSync(values.file, 'utf8')) as unknown;
    } catch (error) {
      refuse(`${values.file}: not readable JSON (${(error as Error).message})`);
    }
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      refuse(`${values.file}: not one JSON object of settings`);
    const problems = settingsPatchProblems(patch as Record<string, unknown>);
    if (problems.length > 0) refuse(`${values.file}: ${problems.join('; ')}`);
    await store.setSettings(centre, patch as Record<string, unknown>);
    console.log(
      `Settings set for ${centre === '*' ? 'the whole network' : centre}; devices check them as a technician's change and take them within 10 minutes.`,
    );
    await done();
    break;
  }
  case 'centre-override': {
    const centre = values.centre?.[0];
    if (!centre) refuse('--centre is needed');
    if (values.clear) {
      await store.setCentreOverride(centre, null);
      console.log(`${centre} now gets the network's catalog as released.`);
      await done();
      break;
    }
    let hours: unknown = null;
    try {
      hours = values['opening-hours'] ? (JSON.parse(values['opening-hours']) as unknown) : null;
    } catch {
      refuse('--opening-hours must be JSON, e.g. [{"days":["mon","tue"],"from":"09:00","to":"17:00"}]');
    }
    const parsed = CentreOverride.safeParse({
      services: values.services ? values.services.split(',').map((id) => id.trim()) : null,
      openingHours: hours,
    });
    if (!parsed.success) {
      refuse(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
    await store.setCentreOverride(centre, parsed.data);
    console.log(`${centre}'s override is set; its devices take the catalog with it within 10 minutes.`);
    await done();
    break;
  }
  case 'staff': {
    let code: number;
    try {
      code = await staffCommand(store.staff, rest, values);
    } catch (error) {
      console.error(`refused: ${(error as Error).message}\n${STAFF_USAGE}`);
      code = 2;
    }
    await done(code);
    break;
  }
  case 'digest': {
    const centre = values.centre?.[0];
    if (!centre) refuse('--centre is needed');
    if (values.day !== undefined && !(LocalDay.safeParse(values.day).success && isCalendarDay(values.day)))
      refuse(`--day ${JSON.stringify(values.day)}: not a day (YYYY-MM-DD)`);
    const day = values.day ?? shiftDay(await store.standardEvents.centreDay(centre, new Date()), -1);
    const digest = await dailyDigest({ monitoring: store.monitoring, control: store.standardEvents }, centre, day);
    console.log(values.json ? JSON.stringify(digest, null, 2) : digestText(digest));
    await done();
    break;
  }
  case 'describe-centre': {
    const parsed = CentreDescription.safeParse({
      centreId: values.centre?.[0],
      name: values.name,
      region: values.region,
      kind: values.kind,
      timeZone: values['time-zone'],
    });
    if (!parsed.success) refuse(problemsOf(parsed.error));
    let centre: DescribedCentre;
    try {
      centre = await store.describeCentre(parsed.data);
    } catch (error) {
      console.error(`refused: ${(error as Error).message}`);
      await done(2);
      break;
    }
    console.log(`${centre.centreId}: ${centre.name ?? '(no name)'}, a ${centre.kind} in ${centre.region}, on ${centre.timeZone}.
  Its figures are read under ${centre.region} from now on, every day already kept included; a new time zone applies to visits from now on.`);
    await done();
    break;
  }
  case 'standard': {
    const serviceId = values.service;
    if (values.clear) {
      if (!serviceId) refuse('service: is needed');
      await store.setServiceStandard(serviceId, null);
      console.log(`${serviceId} is read against the defaults: 15 minutes of service, 15 of waiting.`);
      await done();
      break;
    }
    const minutes = (text: string | undefined) => (text === undefined ? undefined : Number(text));
    const parsed = ServiceStandard.safeParse({
      serviceId,
      serviceMinutes: minutes(values['service-minutes']),
      waitingMinutes: minutes(values['waiting-minutes']),
    });
    if (!parsed.success) refuse(problemsOf(parsed.error));
    await store.setServiceStandard(parsed.data.serviceId, parsed.data);
    console.log(
      `${parsed.data.serviceId}: served within ${parsed.data.serviceMinutes} minutes, called within ${parsed.data.waitingMinutes}. Every period is read against these from now on.`,
    );
    await done();
    break;
  }
  default:
    refuse(`unknown command ${command}`);
}
