import { describe, expect, it } from 'vitest';
import type { TicketPrintout } from '../../../main/core/ports';
import { decodeEscPos, type EscPosOp } from '../../../native/escpos/decoder';
import { qrBitmap } from '../../../native/escpos/qr-bitmap';
import { packRows } from '../../../native/escpos/raster';
import { printerProfile, profileFromConfig } from '../../../native/printer/profiles';
import { renderTicketBytes } from '../../../native/printer/ticket-layout';

const ticket: TicketPrintout = {
  centreName: 'ЦОН Бишкек',
  serviceName: 'Выдача паспорта',
  number: 'B-012',
  language: 'ru',
  issuedAt: new Date('2026-11-23T05:07:00Z'),
  timeZone: 'Asia/Bishkek',
  qrContent: 'KIOSK-TICKET:kiosk-1:2026-11-23:B-012',
};

type Raster = Extract<EscPosOp, { kind: 'raster' }>;
const rasters = (ops: EscPosOp[]) => ops.filter((op): op is Raster => op.kind === 'raster');

describe('printer profiles in the ticket bytes', () => {
  it("selects a clone's own ESC t number for a page, as the technician's profile says", () => {
    const clone = profileFromConfig({
      id: 'bus-printer',
      description: 'custom',
      printWidthDots: 384,
      columns: 32,
      hasCutter: true,
      nativeQr: true,
      codePages: [{ name: 'PC437' }, { name: 'WPC1251', escPosNumber: 73 }],
      baudRates: [9600],
      maxRasterBandRows: 255,
      statusQueries: true,
      userDefinedCharacters: false,
    });
    const bytes = renderTicketBytes(ticket, clone);
    expect(bytes.includes(Buffer.from([0x1b, 0x74, 73]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x1b, 0x74, 46]))).toBe(false);
    expect(bytes.includes(Buffer.from('Выдача паспорта', 'latin1'))).toBe(false);
  });

  it('sends the QR code as raster in bands no taller than the profile allows, when the model has no native QR', () => {
    const profile = { ...printerProfile('generic-58mm'), maxRasterBandRows: 48 };
    const ops = decodeEscPos(renderTicketBytes(ticket, profile));
    expect(ops.some((op) => op.kind === 'qrPrint')).toBe(false);
    const bands = rasters(ops);
    for (const band of bands) expect(band.height).toBeLessThanOrEqual(48);
    const expected = packRows(qrBitmap(ticket.qrContent, 4, 'M'));
    const qrBands = bands.filter((band) => band.widthBytes === expected.widthBytes);
    // 37 bytes of data make a version 3 symbol: 29 modules of 4 dots, 116 rows in bands of 48.
    expect(qrBands.map((band) => band.height)).toEqual([48, 48, 20]);
    expect(Buffer.concat(qrBands.map((band) => band.data))).toEqual(expected.data);
  });

  it('ends a ticket without a cutter with a tear-off feed and ESC @, then selects the code page again', () => {
    const ops = decodeEscPos(renderTicketBytes(ticket, printerProfile('generic-58mm')));
    expect(ops.some((op) => op.kind === 'cut')).toBe(false);
    expect(ops.at(-2)).toEqual({ kind: 'init' });
    expect(ops.at(-1)).toMatchObject({ kind: 'codePage', number: 0 });
  });

  it('lays out the 42 columns of the TM-T88VI (512 dots at 180 dpi)', () => {
    const ops = decodeEscPos(renderTicketBytes(ticket, printerProfile('epson-tm-t88vi')));
    expect(ops).toContainEqual({ kind: 'text', text: '-'.repeat(42) });
  });
});
