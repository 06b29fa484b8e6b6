import { WEEKDAYS, type Service, type ServiceAvailability } from '../contract';
import { localClock } from '../shared/zoned-time';

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The next start of an opening period after `minutes` of today, or from tomorrow on when `fromTomorrow`. */
function nextOpening(service: Pick<Service, 'openingHours'>, weekday: number, minutes: number, fromTomorrow: boolean) {
  for (let days = fromTomorrow ? 1 : 0; days <= 7; days++) {
    const day = WEEKDAYS[(weekday + days) % 7]!;
    const starts = service.openingHours
      .filter((period) => period.days.includes(day) && (days > 0 || minutesOf(period.from) > minutes))
      .map((period) => period.from)
      .sort();
    if (starts[0] !== undefined) return { daysFromNow: days, weekday: day, time: starts[0] };
  }
  return null;
}

/**
 * Whether a visitor can take a ticket for the service now. Pure, so the core's refusal and the
 * service page's message (through getServiceAvailability) come from the same rule.
 */
export function serviceAvailability(
  service: Pick<Service, 'openingHours' | 'dailyLimit'>,
  now: Date,
  timeZone: string,
  issuedToday: number,
): ServiceAvailability {
  const { weekday, minutes } = localClock(now, timeZone);
  const day = WEEKDAYS[weekday]!;
  const open = service.openingHours.some(
    (period) => period.days.includes(day) && minutesOf(period.from) <= minutes && minutes < minutesOf(period.to),
  );
  if (!open) return { state: 'closed', reopens: nextOpening(service, weekday, minutes, false) };
  if (service.dailyLimit !== null && issuedToday >= service.dailyLimit) {
    return { state: 'limit-reached', reopens: nextOpening(service, weekday, minutes, true) };
  }
  return { state: 'open' };
}
