import type { TFunction } from 'i18next';
import { WEEKDAYS, type Language, type OpeningPeriod, type Weekday } from '../../main/contract';

/**
 * Money and opening hours in the visitor's language. Weekday names come from our own locale files,
 * not Intl: a browser's ICU data may lack az, kk, ky or uz and would fall back to "Mon".
 */

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** "60 AZN": the number as the language writes it (Intl), then the ISO code every visitor knows from prices. */
export function formatMoney(amount: number, currency: string, language: Language): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
    numberFormats.set(language, format);
  }
  return `${format.format(amount)}\u00a0${currency}`;
}

/** Times are kept as the catalog writes them (24-hour HH:MM), as all six languages write them. */
export const formatTime = (time: string): string => time;

type KioskT = TFunction<'kiosk'>;

export const formatWeekday = (day: Weekday, t: KioskT): string => t(`weekday.${day}`);

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
