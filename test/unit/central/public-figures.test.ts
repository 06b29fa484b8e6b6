import { describe, expect, it } from 'vitest';
import { lastDaysBefore, publishable } from '../../../main/central/monitoring/public-centre';
import { firstUnpublishedMonth, monthProblem } from '../../../main/central/open-data/open-data-months';

/*
 * The public figures' rules (issue 13): when a figure is withheld, which days "the last 30 days"
 * are, and which months the open data may publish.
 */

describe('publishable', () => {
  it('withholds a figure resting on fewer visits than the threshold, and shows nothing when none', () => {
    expect(publishable(0.8, 0, 10)).toBeNull();
    expect(publishable(0.8, 1, 10)).toEqual({ suppressed: true });
    expect(publishable(0.8, 9, 10)).toEqual({ suppressed: true });
    expect(publishable(0.8, 10, 10)).toBe(0.8);
    expect(publishable(null, 12, 10)).toBeNull();
  });
});

describe('lastDaysBefore', () => {
  it('is the 30 whole days before today, across a month and a year', () => {
    expect(lastDaysBefore('2026-11-20')).toEqual({ from: '2026-10-21', to: '2026-11-19' });
    expect(lastDaysBefore('2027-01-05')).toEqual({ from: '2026-12-06', to: '2027-01-04' });
    expect(lastDaysBefore('2028-03-01')).toEqual({ from: '2028-01-31', to: '2028-02-29' });
  });
});

describe('open data months', () => {
  it('publishes a month once it has ended in the last time zone (UTC-12)', () => {
    // 1 December 11:00 UTC is still 30 November 23:00 in UTC-12: November is not over everywhere.
    expect(firstUnpublishedMonth(new Date('2026-12-01T11:00:00Z'))).toBe('2026-11');
    expect(firstUnpublishedMonth(new Date('2026-12-01T12:00:00Z'))).toBe('2026-12');
    expect(firstUnpublishedMonth(new Date('2027-01-01T12:30:00Z'))).toBe('2027-01');
  });

  it('names a bad month and accepts a good one', () => {
    expect(monthProblem('2026-10')).toBeNull();
    for (const bad of ['2026-13', '2026-00', '2026-1', 'october', '2026-10-01'])
      expect(monthProblem(bad), bad).toContain(`"${bad}"`);
  });
});
