import { WEEKDAYS, type Weekday } from '../contract';

/**
 * An instant's calendar and clock on the centre's wall, in its IANA time zone, whatever zone the
 * device is set to. Read from typed parts of one en-US formatter per zone, so no locale's data
 * matters; the formatter is cached because building one costs far more than using it.
 */
export interface ZonedParts {
  /** Four digits. */
  year: string;
  /** Two digits each, the hour 00–23. */
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  weekday: Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function zonedParts(instant: Date | string, timeZone: string): ZonedParts {
  const parts = formatterFor(timeZone).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
    weekday: part('weekday').slice(0, 3).toLowerCase() as Weekday,
  };
}

/** The local calendar day, as YYYY-MM-DD. */
export function localDay(instant: Date | string, timeZone: string): string {
  const { year, month, day } = zonedParts(instant, timeZone);
  return `${year}-${month}-${day}`;
}

/** "YYYY-MM-DD HH:MM:SS" on the centre's clock: the day's CSV and the printed day summary. */
export function localDateTime(instant: Date | string, timeZone: string): string {
  const { year, month, day, hour, minute, second } = zonedParts(instant, timeZone);
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** Weekday (index into WEEKDAYS) and minutes since midnight: what opening hours are checked against. */
export function localClock(instant: Date, timeZone: string): { weekday: number; minutes: number } {
  const { weekday, hour, minute } = zonedParts(instant, timeZone);
  return { weekday: WEEKDAYS.indexOf(weekday), minutes: Number(hour) * 60 + Number(minute) };
}
