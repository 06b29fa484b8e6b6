import { describe, expect, it } from 'vitest';
import type { EscPosOp } from '../../../native/escpos/decoder';
import { renderPaper, renderPaperPng, renderTicketBitmap } from '../../../native/escpos/render-png';

const isInk = (data: Uint8ClampedArray | Uint8Array, width: number, x: number, y: number): boolean =>
  (data[(y * width + x) * 4] ?? 255) < 128;

describe('renderPaper', () => {
  it('places a raster image by the justification, one paper dot per pixel', () => {
    const ops: EscPosOp[] = [
      { kind: 'align', align: 'center' },
      { kind: 'raster', mode: 0, widthBytes: 1, height: 2, data: Buffer.from([0xf0, 0x0f]) },
    ];
    const canvas = renderPaper(ops, { widthDots: 64, marginDots: 0, showCuts: false });
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    expect(canvas.width).toBe(64);
    expect(canvas.height).toBe(2);
    // 8 dots wide, centred on 64: x = 28…35
    expect([27, 28, 31, 32, 35].map((x) => isInk(data, 64, x, 0))).toEqual([false, true, true, false, false]);
    expect([28, 32, 35, 36].map((x) => isInk(data, 64, x, 1))).toEqual([false, true, true, false]);
  });

  it('draws text lines as ink, taller for magnified text', () => {
    const small = renderPaper([{ kind: 'text', text: 'A-007' }, { kind: 'lineFeed' }], { marginDots: 0 });
    const big = renderPaper(
      [{ kind: 'size', width: 5, height: 5 }, { kind: 'text', text: 'A-007' }, { kind: 'lineFeed' }],
      { marginDots: 0 },
    );
    expect(small.height).toBe(30);
    expect(big.height).toBe(126);
    const { data } = small.getContext('2d').getImageData(0, 0, small.width, small.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) ink++;
    expect(ink).toBeGreaterThan(50);
  });

  it('encodes a PNG the width of the paper', () => {
    const png = renderPaperPng([
      { kind: 'text', text: 'x' },
      { kind: 'cut', partial: false, feedDots: 0 },
    ]);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(576);
  });

  it('renderTicketBitmap stops at the first cut and ends at the last ink', () => {
    const bitmap = renderTicketBitmap(
      [
        { kind: 'raster', mode: 0, widthBytes: 1, height: 3, data: Buffer.from([0xff, 0, 0xff]) },
        { kind: 'feedLines', lines: 4 },
        { kind: 'cut', partial: false, feedDots: 0 },
        { kind: 'raster', mode: 0, widthBytes: 1, height: 9, data: Buffer.alloc(9, 0xff) },
      ],
      576,
    );
    expect(bitmap.width).toBe(576);
    expect(bitmap.height).toBe(3);
  });
});
