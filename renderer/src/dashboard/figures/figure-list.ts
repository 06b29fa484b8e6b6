import type { Figures } from '../../../../main/contract/monitoring';
import type { Formats } from './format';

/*
 * Every single-number figure of the contract's Figures, in the order the page shows them, with how
 * its value is read and how a change against the previous period is said: counts by their relative
 * change, minutes and scores by their difference, shares in percentage points. The distributions
 * (faces, reasons, busiest hours) are charts and tables of their own.
 */

export type FigureKind = 'count' | 'minutes' | 'share' | 'score';
export type FigureSection = 'volume' | 'waiting' | 'service' | 'satisfaction';

export type FigureKey =
  | 'tickets'
  | 'served'
  | 'noShows'
  | 'waitingMedian'
  | 'waitingP90'
  | 'waitingWithin'
  | 'waitingExcess'
  | 'serviceMedian'
  | 'serviceP90'
  | 'serviceWithin'
  | 'serviceExcess'
  | 'satisfactionAverage'
  | 'responseRate';

export interface FigureSpec {
  key: FigureKey;
  section: FigureSection;
  kind: FigureKind;
  value: (figures: Figures) => number | null;
  /** Numbers the definition quotes (how many visits an average rests on). */
  quotes?: (figures: Figures, formats: Formats) => { number?: string; rated?: string; offered?: string };
}

export const FIGURE_SPECS: readonly FigureSpec[] = [
  { key: 'tickets', section: 'volume', kind: 'count', value: (f) => f.tickets },
  { key: 'served', section: 'volume', kind: 'count', value: (f) => f.served },
  { key: 'noShows', section: 'volume', kind: 'count', value: (f) => f.noShows },
  { key: 'waitingMedian', section: 'waiting', kind: 'minutes', value: (f) => f.waiting.medianMinutes },
  { key: 'waitingP90', section: 'waiting', kind: 'minutes', value: (f) => f.waiting.p90Minutes },
  { key: 'waitingWithin', section: 'waiting', kind: 'share', value: (f) => f.waiting.withinShare },
  {
    key: 'waitingExcess',
    section: 'waiting',
    kind: 'minutes',
    value: (f) => f.waiting.meanExcessMinutes,
    quotes: (f, formats) => ({ number: formats.count(f.waiting.overStandard) }),
  },
  { key: 'serviceMedian', section: 'service', kind: 'minutes', value: (f) => f.service.medianMinutes },
  { key: 'serviceP90', section: 'service', kind: 'minutes', value: (f) => f.service.p90Minutes },
  { key: 'serviceWithin', section: 'service', kind: 'share', value: (f) => f.service.withinShare },
  {
    key: 'serviceExcess',
    section: 'service',
    kind: 'minutes',
    value: (f) => f.service.meanExcessMinutes,
    quotes: (f, formats) => ({ number: formats.count(f.service.overStandard) }),
  },
  { key: 'satisfactionAverage', section: 'satisfaction', kind: 'score', value: (f) => f.satisfaction.average },
  {
    key: 'responseRate',
    section: 'satisfaction',
    kind: 'share',
    value: (f) => f.satisfaction.responseRate,
    quotes: (f, formats) => ({
      rated: formats.count(f.satisfaction.rated),
      offered: formats.count(f.satisfaction.offered),
    }),
  },
];

/** A value in its own kind's words, or null when nothing was measured. */
export function formatValue(kind: FigureKind, value: number | null, formats: Formats): string | null {
  if (value === null) return null;
  switch (kind) {
    case 'count':
      return formats.count(value);
    case 'minutes':
      return formats.minutes(value);
    case 'share':
      return formats.share(value);
    case 'score':
      return formats.score(value);
  }
}

export type Change =
  | { direction: 'up' | 'down'; text: string; points: boolean }
  | { direction: 'same' }
  /** Nothing to compare: one of the periods measured nothing, or a count grew from zero. */
  | null;

/** How the figure moved since the previous period, in its kind's words. */
export function changeOf(kind: FigureKind, current: number | null, previous: number | null, formats: Formats): Change {
  if (current === null || previous === null) return null;
  const difference = current - previous;
  if (Math.abs(difference) < 1e-9) return { direction: 'same' };
  const direction = difference > 0 ? 'up' : 'down';
  const size = Math.abs(difference);
  switch (kind) {
    case 'count':
      return previous === 0 ? null : { direction, text: formats.share(size / previous), points: false };
    case 'minutes':
      return { direction, text: formats.minutes(size), points: false };
    case 'share':
      return { direction, text: formats.decimal(size * 100), points: true };
    case 'score':
      return { direction, text: formats.score(size), points: false };
  }
}

/** The hour with most tickets: its ISO weekday, hour and count; null when no ticket was issued. */
export function busiestHour(hours: readonly number[]): { weekday: number; hour: number; count: number } | null {
  let best = -1;
  hours.forEach((count, index) => {
    if (count > 0 && (best < 0 || count > hours[best]!)) best = index;
  });
  return best < 0 ? null : { weekday: Math.floor(best / 24) + 1, hour: best % 24, count: hours[best]! };
}
