import { describe, expect, it } from 'vitest';
import { jobTimeoutMs } from '../../../native/printer/serial-printer';

describe('jobTimeoutMs', () => {
  it('grows with the bytes and shrinks with the baud rate, so big bitmaps at 9600 baud are not cut off', () => {
    // 43 KB whole-ticket bitmap: 44.8 s on the wire at 9600 baud, 3.7 s at 115200; × 1.5 + 3 s margin.
    expect(jobTimeoutMs(43_000, 9600, 3000)).toBe(70_188);
    expect(jobTimeoutMs(43_000, 115_200, 3000)).toBe(8_599);
  });

  it('gives a short text ticket little more than the margin', () => {
    expect(jobTimeoutMs(300, 9600, 3000)).toBe(3469);
  });
});
