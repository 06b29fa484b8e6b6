import { describe, expect, it } from 'vitest';
import { UNKNOWN_PRINTER_STATUS } from '../../../main/contract';
import { printerCanPrint, printerProblems } from '../../../main/shared/printer-problems';
import {
  isAutomaticStatusStart,
  isDleEotReply,
  StatusReplyParser,
  statusFromAutomatic,
  statusFromDleEot,
} from '../../../native/escpos/status';

// Reply bytes as printed in Epson's ESC/POS reference: 0x12 is "all clear" (bits 1 and 4 fixed on).
describe('DLE EOT replies', () => {
  it('are told apart from automatic status, XON and XOFF by their fixed bits', () => {
    expect([0x12, 0x16, 0x1a, 0x72, 0x7e].every(isDleEotReply)).toBe(true);
    expect([0x10, 0x11, 0x13, 0x00, 0x38].some(isDleEotReply)).toBe(false);
    expect([0x10, 0x18, 0x38].every(isAutomaticStatusStart)).toBe(true);
    expect([0x11, 0x12, 0x13].some(isAutomaticStatusStart)).toBe(false);
  });

  it('read as online with paper when every bit is clear', () => {
    expect(statusFromDleEot({ printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12 })).toEqual({
      connection: 'online',
      paper: 'ok',
      coverOpen: false,
      cutterError: false,
      otherError: false,
    });
  });

  it('read each fault from its bit', () => {
    const clear = { printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12 };
    expect(statusFromDleEot({ ...clear, printer: 0x1a }).connection).toBe('offline'); // bit 3
    expect(statusFromDleEot({ ...clear, offlineCause: 0x16 }).coverOpen).toBe(true); // n=2 bit 2
    expect(statusFromDleEot({ ...clear, offlineCause: 0x32 }).paper).toBe('out'); // n=2 bit 5
    expect(statusFromDleEot({ ...clear, errorCause: 0x1a }).cutterError).toBe(true); // n=3 bit 3
    expect(statusFromDleEot({ ...clear, errorCause: 0x32 }).otherError).toBe(true); // n=3 bit 5
    expect(statusFromDleEot({ ...clear, paperSensor: 0x1e }).paper).toBe('near-end'); // n=4 bits 2, 3
    expect(statusFromDleEot({ ...clear, paperSensor: 0x72 }).paper).toBe('out'); // n=4 bits 5, 6
    expect(statusFromDleEot({ ...clear, paperSensor: 0x7e }).paper).toBe('out'); // out wins over near end
  });

  it('leave what was not answered unknown, and no answer at all as no-reply', () => {
    expect(statusFromDleEot({ printer: 0x12 })).toMatchObject({ connection: 'online', paper: 'unknown' });
    expect(statusFromDleEot({}).connection).toBe('no-reply');
  });
});

describe('GS a automatic status back', () => {
  it('reads offline, cover, cutter and paper from bytes 1 to 3', () => {
    expect(statusFromAutomatic([0x38, 0x00, 0x00, 0x00])).toMatchObject({ connection: 'offline', coverOpen: true });
    expect(statusFromAutomatic([0x18, 0x08, 0x00, 0x00])).toMatchObject({ cutterError: true });
    expect(statusFromAutomatic([0x10, 0x00, 0x03, 0x00])).toMatchObject({ connection: 'online', paper: 'near-end' });
    expect(statusFromAutomatic([0x18, 0x00, 0x0c, 0x00])).toMatchObject({ paper: 'out' });
  });
});

describe('StatusReplyParser', () => {
  it('splits a stream of mixed replies, with a GS a status split across reads', () => {
    const parser = new StatusReplyParser();
    const first = parser.push(Uint8Array.from([0x13, 0x12, 0x38, 0x00]));
    const second = parser.push(Uint8Array.from([0x00, 0x00, 0x11, 0x16, 0xff]));
    expect([...first, ...second]).toEqual([
      { kind: 'xoff' },
      { kind: 'dleEot', byte: 0x12 },
      { kind: 'automatic', bytes: [0x38, 0x00, 0x00, 0x00] },
      { kind: 'xon' },
      { kind: 'dleEot', byte: 0x16 },
      { kind: 'unexpected', byte: 0xff },
    ]);
  });

  it('takes an XOFF in the middle of a GS a status as XOFF, not as a status byte', () => {
    const parser = new StatusReplyParser();
    expect(parser.push(Uint8Array.from([0x18, 0x00, 0x13, 0x0c, 0x00]))).toEqual([
      { kind: 'xoff' },
      { kind: 'automatic', bytes: [0x18, 0x00, 0x0c, 0x00] },
    ]);
  });
});

describe('printerProblems and printerCanPrint', () => {
  const online = { ...UNKNOWN_PRINTER_STATUS, connection: 'online' as const, paper: 'ok' as const };

  it('let a printer with paper near its end print, but name the problem for the crew', () => {
    const nearEnd = { ...online, paper: 'near-end' as const };
    expect(printerProblems(nearEnd)).toEqual(['paper-near-end']);
    expect(printerCanPrint(nearEnd)).toBe(true);
  });

  it('name the cause rather than "offline" when a printer is offline because of it', () => {
    const coverOpen = { ...online, connection: 'offline' as const, coverOpen: true };
    expect(printerProblems(coverOpen)).toEqual(['cover-open']);
    expect(printerCanPrint(coverOpen)).toBe(false);
    expect(printerProblems({ ...online, connection: 'offline' })).toEqual(['offline']);
  });

  it('refuse a disconnected printer, and try a silent or never-asked one', () => {
    expect(printerCanPrint({ ...online, connection: 'disconnected' })).toBe(false);
    expect(printerCanPrint({ ...online, connection: 'no-reply' })).toBe(true);
    expect(printerCanPrint(UNKNOWN_PRINTER_STATUS)).toBe(true);
  });
});
