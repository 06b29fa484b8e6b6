import { describe, expect, it } from 'vitest';
import { backoffDelay, SYNC_DEFAULTS } from '../../../main/boot/sync-worker';

describe('the sync worker’s backoff: full jitter over an exponential ceiling', () => {
  const { backoff } = SYNC_DEFAULTS;

  it('doubles the ceiling with each failure in a row, from 1 s to the 5 min cap', () => {
    const ceilings = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, backoff, () => 0.999_999_9));
    expect(ceilings).toEqual([
      999, 1_999, 3_999, 7_999, 15_999, 31_999, 63_999, 127_999, 255_999, 299_999, 299_999, 299_999,
    ]);
  });

  it('draws each wait uniformly below its ceiling, so a fleet back from an outage spreads out', () => {
    expect(backoffDelay(4, backoff, () => 0)).toBe(0);
    expect(backoffDelay(4, backoff, () => 0.5)).toBe(4_000);
    expect(backoffDelay(4, backoff, () => 0.25)).toBe(2_000);
  });

  it('stays at the cap however long the outage lasts', () => {
    expect(backoffDelay(10_000, backoff, () => 0.5)).toBe(150_000);
  });
});
