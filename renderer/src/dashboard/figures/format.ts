import type { DayRange } from '../../../../main/contract/monitoring';

/*
 * Numbers, minutes, shares and days written the way the page's language writes them (Intl with the
 * page's language): 1 234,5 in Russian, 1,234.5 in English. One set per language, made once.
 */

export interface Formats {
  count(value: number): string;
  minutes(value: number): string;
  share(value: number): string;
  score(value: number): string;
  /** Up to one decimal: percentage points. */
  decimal(value: number): string;
  day(day: string): string;
  /** A day without its year, for a chart's axis ("4 Dec"). */
  shortDay(day: string): string;
  range(range: DayRange): string;
  /** A month named by its first day ("December 2026"). */
  month(day: string): string;
  /** ISO weekday 1 (Monday) … 7, short. */
  weekday(isoWeekday: number): string;
  /** "09:00" for hour 9. */
  hour(hour: number): string;
}

const made = new Map<string, Formats>();
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
// 2024-01-01 was a Monday: weekday n is n - 1 days after it.
const MONDAY = Date.UTC(2024, 0, 1);

export function formatsFor(language: string): Formats {
  const kept = made.get(language);
  if (kept) return kept;
  const count = new Intl.NumberFormat(language);
  const minutes = new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
  const share = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const score = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const dayFormat = new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const shortDayFormat = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekdayFormat = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  const hourFormat = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  const formats: Formats = {
    count: (value) => count.format(value),
    minutes: (value) => minutes.format(value),
    share: (value) => share.format(value),
    score: (value) => score.format(value),
    decimal: (value) => decimal.format(value),
    day: (day) => dayFormat.format(asDate(day)),
    shortDay: (day) => shortDayFormat.format(asDate(day)),
    range: ({ from, to }) =>
      from === to ? dayFormat.format(asDate(from)) : dayFormat.formatRange(asDate(from), asDate(to)),
    month: (day) => monthFormat.format(asDate(day)),
    weekday: (isoWeekday) => weekdayFormat.format(new Date(MONDAY + (isoWeekday - 1) * 86_400_000)),
    hour: (hour) => hourFormat.format(new Date(Date.UTC(2024, 0, 1, hour))),
  };
  made.set(language, formats);
  return formats;
}
