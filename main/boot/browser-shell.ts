import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { phoneLink } from '../contract';
import { isLoopbackHost } from '../core/loopback';
import { InvalidFileError } from '../core/validation-report';
import { APP_ROOT, composeKiosk, dataFiles } from './compose';
import { defaultDataDir } from './data-dir';
import type { KioskConfigInput } from './config-file';

/**
 * The browser shell: the same main code as the Electron app, serving the renderer and the API
 * over http to any Chromium. Used by e2e tests, desk tablets and technicians without Electron.
 */
const USAGE = `Usage: node dist/main/browser-shell.js [options]
  --data-dir <dir>       database, last good catalog, virtual printer output (env KIOSK_DATA_DIR;
                         default $XDG_DATA_HOME/kiosk or ~/.local/share/kiosk)
  --config <file>        device configuration JSON (env KIOSK_CONFIG; default <data-dir>/kiosk-config.json
                         when it exists, else the embedded defaults)
  --host <address>       address to listen on (default 127.0.0.1)
  --port <n>             port to listen on (default 8787; 0 picks a free one)
  --printer-port <path>  serial printer device, e.g. /dev/ttyUSB0 (default: virtual printer)
  --printer-baud <n>     serial speed (default 9600)
  --catalog <file>       catalog file (default catalog/sample-catalog.json)
  --hall-server          run as the hall's server (role hall-server: the queue of the hall's kiosks,
                         consoles and displays; no screen of its own), whatever the configuration says`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'printer-port': { type: 'string' },
      'printer-baud': { type: 'string' },
      catalog: { type: 'string' },
      'hall-server': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const overrides: KioskConfigInput = {
    ...(values.catalog && { catalogPath: resolve(values.catalog) }),
    ...(values['hall-server'] && { role: 'hall-server' as const }),
    printer: {
      ...(values['printer-port'] && { port: values['printer-port'] }),
      ...(values['printer-baud'] && { baudRate: Number(values['printer-baud']) }),
    },
    api: {
      ...(values.host && { host: values.host }),
      ...(values.port !== undefined && { port: Number(values.port) }),
    },
  };
  const dataDir = resolve(values['data-dir'] ?? process.env.KIOSK_DATA_DIR ?? defaultDataDir());
  const configPath = values.config ?? process.env.KIOSK_CONFIG;
  const rendererDir = join(APP_ROOT, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`the renderer is not built (${rendererDir}); run "npm run build" first`);
  }

  const kiosk = await composeKiosk({ dataDir, configPath: configPath && resolve(configPath), overrides, rendererDir });
  const files = dataFiles(dataDir);
  if (kiosk.config.role === 'hall-server') {
    const loopbackOnly = isLoopbackHost(new URL(kiosk.apiUrl).hostname);
    console.log(`Hall server "${kiosk.config.centreName}" is running.
  Address:       ${kiosk.apiUrl}  (each kiosk's hall.server)
  Desk console:  ${kiosk.apiUrl}/console.html
  Hall display:  ${kiosk.apiUrl}/hall.html
  Rating tablet: ${kiosk.apiUrl}/rating.html
  Technician:    ${kiosk.apiUrl}/technician.html  (enrols the hall's devices; on this machine, or api.technicianFromLan)${
    kiosk.config.hall.phoneUrl
      ? `\n  Phones:        ${phoneLink(kiosk.config.hall.phoneUrl, '<ticket ref>')} (each ticket's QR code)`
      : ''
  }
  Data folder:   ${dataDir}${
    kiosk.certificateFingerprint
      ? `\n  Certificate:   SHA-256 ${kiosk.certificateFingerprint} (kiosks pin it: npm run enrol -- --fingerprint)`
      : ''
  }${
    loopbackOnly
      ? '\n  It listens on this machine only: set api.host for the kiosks and tablets of the hall (each enrols: npm run hall -- enrol-code).'
      : ''
  }`);
  } else {
    console.log(`Kiosk "${kiosk.config.centreName}" is running.
  Kiosk screen: ${kiosk.apiUrl}/
  Desk console: ${kiosk.apiUrl}/console.html
  Hall display: ${kiosk.apiUrl}/hall.html
  Data folder:  ${dataDir}
  Printer:      ${kiosk.config.printer.port ?? `virtual, tickets in ${files.virtualPrinter}`}`);
  }

  const stop = async () => {
    await kiosk.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidFileError ? error.message : error);
  process.exit(1);
});
