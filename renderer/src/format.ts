import type { TFunction } from 'i18next';
import { WEEKDAYS, type Language, type OpeningPeriod, type Weekday } from '../../main/contract';
import { numberFormat } from './number-format';

/**
 * Money and opening hours in the visitor's language. Weekday names and number separators come from our
 * own locale files, not Intl: a browser's ICU data may lack az, kk, ky or uz and would fall back to
 * "Mon" and "1,234.5".
 */

/** "60 AZN", "12,5 AZN": the number as the language writes it, then the ISO code every visitor knows from prices. */
export function formatMoney(amount: number, currency: string, language: Language): string {
  return `${numberFormat(language).decimal(amount, { min: 0, max: 2 })}\u00a0${currency}`;
}

/** Times are kept as the catalog writes them (24-hour HH:MM), as all six languages write them. */
export const formatTime = (time: string): string => time;

type KioskT = TFunction<'kiosk'>;

export const formatWeekday = (day: Weekday, t: KioskT): string => t(`weekday.${day}`);

/**
 * The day as a sentence says it ("come back on Monday", «приходите в понедельник»): not the
 * label form, which is capitalised in every language and takes no preposition.
 */
export const formatWeekdayOn = (day: Weekday, t: KioskT): string => t(`weekdayOn.${day}`);

/** "Monday – Friday: 09:00–18:00": runs of three or more days are written as a range. */
export function formatOpeningPeriod(period: OpeningPeriod, t: KioskT): { days: string; hours: string } {
  const indexes = [...new Set(period.days.map((day) => WEEKDAYS.indexOf(day)))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < indexes.length; i++) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j]! + 1) j++;
    const name = (k: number) => formatWeekday(WEEKDAYS[indexes[k]!]!, t);
    if (j - i >= 2) parts.push(`${name(i)} – ${name(j)}`);
    else for (let k = i; k <= j; k++) parts.push(name(k));
    i = j;
  }
  return { days: parts.join(', '), hours: `${formatTime(period.from)}–${formatTime(period.to)}` };
}
