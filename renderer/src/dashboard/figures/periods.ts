import type { DayRange } from '../../../../main/contract/monitoring';

/*
 * The periods staff pick: a day, the calendar week (Monday to Sunday) or month holding a day, or any
 * range. A week or month that has not ended stops at today, so it is compared with as many days
 * just before it (the server names that previous period). Days are YYYY-MM-DD strings throughout:
 * a local day is a date, never an instant.
 */

export const PERIOD_KINDS = ['day', 'week', 'month', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Period = DayRange & { kind: PeriodKind };

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => dayOf(dayNumber(day) + days);
export const isDay = (value: string | null | undefined): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayOf(dayNumber(value)) === value;
export const daysIn = (range: DayRange) => dayNumber(range.to) - dayNumber(range.from) + 1;

/** Today on this browser's wall clock. */
export function localToday(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** The day, week or month holding `anchor`, ending no later than today. */
export function periodHolding(kind: Exclude<PeriodKind, 'custom'>, anchor: string, today: string): Period {
  const day = anchor > today ? today : anchor;
  let from = day;
  let to = day;
  if (kind === 'week') {
    // getUTCDay: Sunday 0 … Saturday 6; the ISO week starts on Monday.
    const weekday = (new Date(dayNumber(day) * DAY_MS).getUTCDay() + 6) % 7;
    from = addDays(day, -weekday);
    to = addDays(from, 6);
  } else if (kind === 'month') {
    from = `${day.slice(0, 7)}-01`;
    const [year, month] = day.split('-').map(Number) as [number, number];
    to = dayOf(Date.UTC(year, month, 1) / DAY_MS - 1);
  }
  return { kind, from, to: to > today ? today : to };
}

/** The period before (-1) or after (+1) this one, of the same kind; a custom range moves by its own length. */
export function stepPeriod(period: Period, direction: -1 | 1, today: string): Period {
  if (period.kind === 'custom') {
    const length = daysIn(period);
    const from = addDays(period.from, direction * length);
    const to = addDays(period.to, direction * length);
    return { kind: 'custom', from, to: to > today ? today : to };
  }
  const anchor = direction < 0 ? addDays(period.from, -1) : addDays(period.from, period.kind === 'month' ? 31 : 7);
  const stepped = period.kind === 'day' ? addDays(period.from, direction) : anchor;
  return periodHolding(period.kind, stepped, today);
}

/** Whether a later period of the kind would start after today (the "next" button is then off). */
export const isLatest = (period: Period, today: string) => period.to >= today;
