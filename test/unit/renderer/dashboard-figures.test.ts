import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../../renderer/src/dashboard/dashboard-route';
import { busiestHour, changeOf } from '../../../renderer/src/dashboard/figures/figure-list';
import type { Formats } from '../../../renderer/src/dashboard/figures/format';
import { periodHolding, stepPeriod } from '../../../renderer/src/dashboard/figures/periods';

const TODAY = '2026-12-04'; // a Friday

describe("the dashboards' periods", () => {
  it('holds a day, the Monday-to-Sunday week and the calendar month, stopping at today', () => {
    expect(periodHolding('day', '2026-11-18', TODAY)).toEqual({ kind: 'day', from: '2026-11-18', to: '2026-11-18' });
    expect(periodHolding('week', '2026-11-18', TODAY)).toEqual({ kind: 'week', from: '2026-11-16', to: '2026-11-22' });
    expect(periodHolding('week', '2026-11-22', TODAY)).toEqual({ kind: 'week', from: '2026-11-16', to: '2026-11-22' });
    expect(periodHolding('month', '2024-02-10', TODAY)).toEqual({
      kind: 'month',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(periodHolding('week', TODAY, TODAY)).toEqual({ kind: 'week', from: '2026-11-30', to: TODAY });
    expect(periodHolding('month', '2027-01-10', TODAY)).toEqual({ kind: 'month', from: '2026-12-01', to: TODAY });
  });

  it('steps to the period before and after, a range by its own length, never past today', () => {
    const november = periodHolding('month', '2026-11-05', TODAY);
    expect(stepPeriod(november, -1, TODAY)).toEqual({ kind: 'month', from: '2026-10-01', to: '2026-10-31' });
    expect(stepPeriod(november, 1, TODAY)).toEqual({ kind: 'month', from: '2026-12-01', to: TODAY });
    expect(stepPeriod(periodHolding('month', '2026-01-20', TODAY), 1, TODAY).from).toBe('2026-02-01');
    expect(stepPeriod(periodHolding('day', '2026-03-01', TODAY), -1, TODAY).from).toBe('2026-02-28');
    const range = { kind: 'custom' as const, from: '2026-11-01', to: '2026-11-10' };
    expect(stepPeriod(range, -1, TODAY)).toEqual({ kind: 'custom', from: '2026-10-22', to: '2026-10-31' });
  });
});

describe("the dashboards' address", () => {
  it('reads back what it writes, for the figures and the visits', () => {
    const figures = parseRoute('#/figures?centre=c-1&service=s-2&period=week&from=2026-11-16&to=2026-11-22', TODAY);
    expect(figures).toEqual({
      view: 'figures',
      place: { centre: 'c-1', service: 's-2' },
      period: { kind: 'week', from: '2026-11-16', to: '2026-11-22' },
    });
    expect(parseRoute(routeHash(figures), TODAY)).toEqual(figures);
    const visits = parseRoute('#/visits?centre=c-1&desk=3&filter=waiting-over-standard&offset=200', TODAY);
    expect(visits).toMatchObject({ view: 'visits', filter: 'waiting-over-standard', offset: 200 });
    expect(parseRoute(routeHash(visits), TODAY)).toEqual(visits);
    expect(parseRoute('#/live', TODAY)).toEqual({ view: 'live' });
  });

  it('fills what is missing or wrong with this month and the service standard, never an error', () => {
    expect(parseRoute('', TODAY)).toEqual({
      view: 'figures',
      place: {},
      period: { kind: 'month', from: '2026-12-01', to: TODAY },
    });
    const odd = parseRoute('#/visits?from=2026-02-30&to=x&filter=everyone&offset=-5', TODAY);
    expect(odd).toMatchObject({ filter: 'service-over-standard', offset: 0, period: { from: '2026-12-01' } });
  });
});

describe('how a figure moved', () => {
  const formats = {
    share: (value: number) => `${Math.round(value * 1000) / 10}%`,
    minutes: (value: number) => `${value} min`,
    decimal: (value: number) => String(Math.round(value * 10) / 10),
    score: (value: number) => value.toFixed(2),
  } as Formats;

  it('says counts in percent, shares in points, minutes and scores by their difference', () => {
    expect(changeOf('count', 110, 100, formats)).toEqual({ direction: 'up', text: '10%', points: false });
    expect(changeOf('share', 0.62, 0.65, formats)).toEqual({ direction: 'down', text: '3', points: true });
    expect(changeOf('minutes', 9, 7.5, formats)).toEqual({ direction: 'up', text: '1.5 min', points: false });
    expect(changeOf('score', 4, 4, formats)).toEqual({ direction: 'same' });
    // Nothing to compare with: no change is claimed.
    expect(changeOf('count', 5, 0, formats)).toBeNull();
    expect(changeOf('minutes', null, 3, formats)).toBeNull();
  });

  it('finds the busiest weekday and hour of the 168', () => {
    const hours = Array.from({ length: 168 }, () => 0);
    hours[2 * 24 + 10] = 7; // Wednesday 10:00
    hours[4 * 24 + 9] = 5;
    expect(busiestHour(hours)).toEqual({ weekday: 3, hour: 10, count: 7 });
    expect(busiestHour(Array.from({ length: 168 }, () => 0))).toBeNull();
  });
});
