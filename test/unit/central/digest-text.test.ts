import { describe, expect, it } from 'vitest';
import { columns, digestText } from '../../../main/central/monitoring/digest-text';
import type { DailyDigest, Figures, TimeFigures } from '../../../main/contract/monitoring';

const time = (median: number | null, p90: number | null, measured: number, within: number): TimeFigures => ({
  measured,
  medianMinutes: median,
  p90Minutes: p90,
  withinStandard: within,
  withinShare: measured === 0 ? null : within / measured,
  overStandard: measured - within,
  meanExcessMinutes: null,
  bands: [measured, 0, 0, 0, 0, 0, 0, 0],
});

const figures = (
  tickets: number,
  served: number,
  waiting: TimeFigures,
  service: TimeFigures,
  average: number | null,
): Figures => ({
  tickets,
  served,
  noShows: tickets - served,
  waiting,
  service,
  satisfaction: {
    offered: served,
    rated: average === null ? 0 : 2,
    responseRate: average === null || served === 0 ? null : 2 / served,
    average,
    faces: [0, 0, 0, 0, 0],
    reasons: { 'waiting-time': 0, staff: 0, result: 0, premises: 0 },
  },
  busiestHours: Array.from({ length: 168 }, () => 0),
});

const DIGEST: DailyDigest = {
  centreId: 'baku-1',
  day: '2026-12-03',
  figures: figures(12, 10, time(7, 18, 12, 9), time(9, 16, 10, 8), 4.25),
  weekBefore: figures(0, 0, time(null, null, 0, 0), time(null, null, 0, 0), null),
  events: [
    { centreId: 'baku-1', deskId: '1', serviceId: 'passport', kind: 'service-over-standard', count: 2 },
    { centreId: 'baku-1', deskId: null, serviceId: 'passport', kind: 'waiting-over-standard', count: 1 },
    { centreId: 'baku-1', deskId: '1', serviceId: 'passport', kind: 'waiting-over-standard', count: 2 },
    { centreId: 'baku-1', deskId: '12', serviceId: 'birth-certificate', kind: 'service-over-standard', count: 1 },
  ],
  desks: [
    { deskId: '1', served: 7, overStandard: 2, medianServiceMinutes: 9 },
    { deskId: '12', served: 3, overStandard: 1, medianServiceMinutes: 14 },
  ],
};

describe('the daily digest as text', () => {
  it('sets the day beside the week before, the events per desk and service, and the desks over standard', () => {
    expect(digestText(DIGEST)).toBe(
      [
        'Daily digest of baku-1: Thursday 2026-12-03',
        '',
        '                          this day  week before (2026-11-26)',
        'Tickets                         12                         0',
        'Served                          10                         0',
        'No-shows                         2                         0',
        'Waiting, median              7 min                         –',
        'Waiting, 90th percentile    18 min                         –',
        'Waiting within standard        75%                         –',
        'Service, median              9 min                         –',
        'Service, 90th percentile    16 min                         –',
        'Service within standard        80%                         –',
        'Satisfaction (1-5)             4.3                         –',
        'Rating response rate           20%                         –',
        '',
        'Visits over standard: 3 waited too long, 3 served too long',
        '  desk       service            waiting  service time',
        '  1          passport                 2             2',
        '  12         birth-certificate        0             1',
        '  (no desk)  passport                 1             0',
        '',
        'Desks by visits over the service standard',
        '  desk  served  over standard  median',
        '  1          7              2   9 min',
        '  12         3              1  14 min',
        '',
      ].join('\n'),
    );
  });

  it('says so when no visit was served at a desk and none passed a standard', () => {
    const quiet = digestText({ ...DIGEST, day: '2026-12-06', events: [], desks: [] });
    expect(quiet).toContain('Daily digest of baku-1: Sunday 2026-12-06');
    expect(quiet).toContain('week before (2026-11-29)');
    expect(quiet).toContain(
      'Visits over standard: 0 waited too long, 0 served too long\n\nNo visit was served at a desk this day.\n',
    );
  });

  it('aligns names left and numbers right, as wide as the widest cell', () => {
    expect(
      columns(
        [
          ['a', 'b', '1'],
          ['long name', 'x', '100'],
        ],
        2,
      ),
    ).toEqual(['a          b    1', 'long name  x  100']);
  });
});
