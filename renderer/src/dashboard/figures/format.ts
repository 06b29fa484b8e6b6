import i18next from 'i18next';
import type { DayRange } from '../../../../main/contract/monitoring';
import { numberFormatFrom } from '../../number-format';

/*
 * Numbers, minutes, shares and days written the way the page's language writes them, from the
 * dashboard locale files (numberFormat, calendar) rather than the browser's Intl: Chromium ships
 * reduced ICU data, and writes "2026 M11 5" and "1,234.5" in az, kk, ky and uz. One set per
 * language, made once.
 */

export interface Formats {
  count(value: number): string;
  minutes(value: number): string;
  share(value: number): string;
  score(value: number): string;
  /** Up to one decimal: percentage points. */
  decimal(value: number): string;
  day(day: string): string;
  /** A day without its year, for a chart's axis ("Dec 4"). */
  shortDay(day: string): string;
  range(range: DayRange): string;
  /** A month named by its first day ("Dec 2026"). */
  month(day: string): string;
  /** ISO weekday 1 (Monday) … 7, short. */
  weekday(isoWeekday: number): string;
  /** "09:00" for hour 9. */
  hour(hour: number): string;
}

const made = new Map<string, Formats>();

export function formatsFor(language: string): Formats {
  const kept = made.get(language);
  if (kept) return kept;
  const t = i18next.getFixedT(language, 'dashboard');
  const numbers = numberFormatFrom(
    { example: t('numberFormat.example'), percent: (value) => t('numberFormat.percent', { value }) },
    language,
  );
  const months = t('calendar.months').split('|');
  const weekdays = t('calendar.weekdays').split('|');
  const parts = (day: string) => {
    const [year, month, date] = day.split('-');
    return { year: year!, month: months[Number(month) - 1] ?? month!, day: String(Number(date)) };
  };
  const decimal = (value: number) => numbers.decimal(value, { min: 0, max: 1 });
  const formats: Formats = {
    count: (value) => numbers.integer(value),
    minutes: (value) => t('calendar.minutes', { value: decimal(value) }),
    share: (value) => t('numberFormat.percent', { value: decimal(value * 100) }),
    score: (value) => numbers.decimal(value, { min: 2, max: 2 }),
    decimal,
    day: (day) => t('calendar.day', parts(day)),
    shortDay: (day) => t('calendar.dayShort', parts(day)),
    range: ({ from, to }) =>
      from === to ? formats.day(from) : t('calendar.range', { from: formats.day(from), to: formats.day(to) }),
    month: (day) => t('calendar.monthYear', parts(day)),
    weekday: (isoWeekday) => weekdays[isoWeekday - 1] ?? String(isoWeekday),
    hour: (hour) => `${String(hour).padStart(2, '0')}:00`,
  };
  made.set(language, formats);
  return formats;
}
