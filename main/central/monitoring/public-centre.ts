import type { PublicCentre } from '../../contract/monitoring';
import type { PublicCentreFigures } from './public-reads';

/*
 * A centre's public page (issue 13): per service, who is waiting now, today's median wait, and the
 * last 30 days' shares within the standards and satisfaction. A figure resting on fewer visits
 * than the threshold is withheld ({ suppressed: true }) so no single visit can be inferred; one
 * resting on none is null (nothing to show yet). Each figure is checked against its own base, as
 * the open data's are, and no total across services is published, so a withheld figure cannot be
 * recovered by subtraction.
 */

export const PUBLIC_LAST_DAYS = 30;

const DAY_MS = 86_400_000;
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The 30 whole days before `today` (today itself is still going on, and has its own figure). */
export function lastDaysBefore(today: string, days = PUBLIC_LAST_DAYS): { from: string; to: string } {
  return { from: shiftDay(today, -days), to: shiftDay(today, -1) };
}

/** The value, withheld when its base is below the threshold, null when there is no base at all. */
export function publishable(
  value: number | null,
  base: number,
  threshold: number,
): number | null | { suppressed: true } {
  if (base === 0) return null;
  if (base < threshold) return { suppressed: true };
  return value;
}

export function publicCentreOf(figures: PublicCentreFigures, threshold: number): PublicCentre {
  const publish = (value: number | null, base: number) => publishable(value, base, threshold);
  return {
    centreId: figures.centre.centreId,
    name: figures.centre.name,
    today: figures.today,
    last30: figures.last30,
    threshold,
    services: figures.services.map(({ today, last30, ...service }) => ({
      serviceId: service.serviceId,
      name: service.name,
      waitingNow: service.waitingNow,
      todayMedianWaitMinutes: publish(today.waiting.medianMinutes, today.waiting.measured),
      serviceStandardMinutes: service.serviceStandardMinutes,
      waitingStandardMinutes: service.waitingStandardMinutes,
      last30ServiceWithinShare: publish(last30.service.withinShare, last30.service.measured),
      last30WaitingWithinShare: publish(last30.waiting.withinShare, last30.waiting.measured),
      last30SatisfactionAverage: publish(last30.satisfaction.average, last30.satisfaction.rated),
      last30ResponseRate: publish(last30.satisfaction.responseRate, last30.satisfaction.offered),
    })),
  };
}
