import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSerialPorts } from '../../../main/boot/serial-ports';
import { tempDir } from '../../support/kiosk-fixture';

/** A folder laid out like /dev: real files stand in for device nodes, which only root can make. */
function fakeDevTree(root: string) {
  for (const name of ['ttyUSB0', 'ttyUSB1', 'ttyACM0', 'ttyS0', 'ttyS10', 'tty0', 'null']) {
    writeFileSync(join(root, name), '');
  }
  mkdirSync(join(root, 'serial', 'by-id'), { recursive: true });
  symlinkSync(join(root, 'ttyUSB1'), join(root, 'serial', 'by-id', 'usb-Epson_TM-T20III-if00-port0'));
  symlinkSync(join(root, 'ttyUSB9'), join(root, 'serial', 'by-id', 'usb-unplugged-if00-port0'));
}

describe('serial ports offered for the printer', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('kiosk-dev-');
    fakeDevTree(dir.path);
  });
  afterEach(() => dir.remove());

  it('scans /dev when the system listing fails, offering by-id links in place of their devices', async () => {
    const ports = await listSerialPorts({
      list: () => Promise.reject(new Error('spawn udevadm ENOENT')),
      devDir: dir.path,
    });
    expect(ports.map((port) => [port.path.slice(dir.path.length), port.source])).toEqual([
      ['/serial/by-id/usb-Epson_TM-T20III-if00-port0', 'scan'],
      ['/ttyACM0', 'scan'],
      ['/ttyS0', 'scan'],
      ['/ttyS10', 'scan'],
      ['/ttyUSB0', 'scan'],
    ]);
    expect(ports[0]?.device).toBe(join(dir.path, 'ttyUSB1'));
  });

  it('scans as well when the system listing finds nothing', async () => {
    const ports = await listSerialPorts({ list: async () => [], devDir: dir.path });
    expect(ports).toHaveLength(5);
  });

  it('takes the system listing when it has ports, with the stable link where one exists', async () => {
    const ports = await listSerialPorts({
      list: async () => [{ path: join(dir.path, 'ttyUSB1'), manufacturer: 'EPSON' }, { path: '/dev/ttyS0' }],
      devDir: dir.path,
    });
    expect(ports).toEqual([
      {
        path: join(dir.path, 'serial', 'by-id', 'usb-Epson_TM-T20III-if00-port0'),
        device: join(dir.path, 'ttyUSB1'),
        manufacturer: 'EPSON',
        source: 'system',
      },
      { path: '/dev/ttyS0', device: '/dev/ttyS0', manufacturer: null, source: 'system' },
    ]);
  });
});
