import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logPrintOutcomes } from '../../../main/boot/kiosk-events-log';
import { createKioskLog, readLogTail } from '../../../main/boot/logging';
import type { KioskLog } from '../../../main/boot/logging';
import { RecordingPrinterStandIn, tempDir } from '../../support/kiosk-fixture';

const printout = {
  centreName: 'Bakı 1',
  serviceName: 'Passport',
  number: 'A-007',
  language: 'az' as const,
  issuedAt: new Date('2026-11-20T08:00:00Z'),
  timeZone: 'Asia/Baku',
  qrContent: 'kiosk-1/A-007',
};

describe('print outcomes in the kiosk log', () => {
  let dir: ReturnType<typeof tempDir>;
  let log: KioskLog;
  beforeEach(() => {
    dir = tempDir('kiosk-events-log-');
    log = createKioskLog(dir.path);
  });
  afterEach(() => {
    log.close();
    dir.remove();
  });

  it('logs a failed print as an error with the printer’s reason, and still fails the print', async () => {
    const standIn = new RecordingPrinterStandIn();
    standIn.failWith = 'paper out';
    await expect(logPrintOutcomes(standIn, log.logger).print(printout)).rejects.toThrow('paper out');
    expect(readLogTail(dir.path, 10, 'error')).toEqual([
      expect.objectContaining({ details: { event: 'print-failed', number: 'A-007', error: 'paper out' } }),
    ]);
  });

  it('logs a printed ticket at info and passes it to the printer', async () => {
    const standIn = new RecordingPrinterStandIn();
    await logPrintOutcomes(standIn, log.logger).print(printout);
    expect(standIn.printed).toEqual([printout]);
    expect(readLogTail(dir.path, 10).map((entry) => [entry.level, entry.details.event])).toEqual([
      ['info', 'ticket-printed'],
    ]);
  });
});
