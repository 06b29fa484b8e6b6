import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

export interface SerialPortChoice {
  /** What goes into printer.port: the stable /dev/serial/by-id link where there is one. */
  path: string;
  /** The device it is now (/dev/ttyUSB0); equal to path when there is no link. */
  device: string;
  manufacturer: string | null;
  /** `system` from serialport's listing (udev), `scan` from looking in /dev when that failed. */
  source: 'system' | 'scan';
}

export interface SerialPortSources {
  list(): Promise<{ path: string; manufacturer?: string | undefined }[]>;
  /** Root of the device tree; tests give a folder laid out like /dev. */
  devDir: string;
}

const SCANNED = /^tty(USB|ACM|S)\d+$/;

/**
 * The serial ports a technician can pick the printer from. serialport lists them through udev;
 * where that fails or finds nothing (no udevadm on a minimal kiosk OS), /dev is scanned for
 * /dev/serial/by-id links and ttyUSB*, ttyACM*, ttyS* devices. A by-id link is offered in place of
 * its device, because ttyUSB numbers change with plugging order and the link does not.
 */
export async function listSerialPorts(
  sources: SerialPortSources = { list: () => SerialPort.list(), devDir: '/dev' },
): Promise<SerialPortChoice[]> {
  const links = byIdLinks(sources.devDir);
  // A listing that fails (udevadm missing) is treated as one that found nothing: both mean scan.
  const listed = await sources.list().catch(() => []);
  if (listed.length > 0) {
    return listed.map((port) => ({
      path: links.get(port.path) ?? port.path,
      device: port.path,
      manufacturer: port.manufacturer ?? null,
      source: 'system' as const,
    }));
  }
  const devices = safeReaddir(sources.devDir)
    .filter((name) => SCANNED.test(name))
    .map((name) => join(sources.devDir, name));
  const linked = [...links.entries()].map(([device, path]) => ({ device, path }));
  const unlinked = devices.filter((device) => !links.has(device)).map((device) => ({ device, path: device }));
  return [...linked, ...unlinked]
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }))
    .map((port) => ({ ...port, manufacturer: null, source: 'scan' as const }));
}

/** device → its /dev/serial/by-id link. */
function byIdLinks(devDir: string): Map<string, string> {
  const dir = join(devDir, 'serial', 'by-id');
  const links = new Map<string, string>();
  for (const name of safeReaddir(dir)) {
    try {
      links.set(realpathSync(join(dir, name)), join(dir, name));
    } catch {
      // A dangling link (the adapter was just unplugged) is no port to offer.
    }
  }
  return links;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
