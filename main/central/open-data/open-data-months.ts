import type { MonthCell } from '../monitoring/public-reads';
import type { OpenDataCell } from './open-data';

/*
 * Which months the open data publishes, and a month rollup's cell as the export reads it (issue 13).
 * Only whole past months: a month is published once it has ended everywhere on Earth (in UTC-12,
 * the last time zone to leave it), so no centre's month is published while it is still going on.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Why `value` is not a month, naming it; null when it is one. */
export function monthProblem(value: string): string | null {
  return MONTH.test(value) ? null : `month: "${value}" is not a month (YYYY-MM, e.g. 2026-03)`;
}

/** The month (YYYY-MM) still going on somewhere at `now`: published months are before it. */
export function firstUnpublishedMonth(now: Date): string {
  // Etc/GMT+12 is UTC-12 (the sign in these names is inverted): the westernmost clock there is.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Etc/GMT+12', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}

/** The export's cell from a month rollup row's figures. */
export function openDataCellOf(cell: MonthCell): OpenDataCell {
  const { figures } = cell;
  return {
    month: cell.month,
    centreId: cell.centre.centreId,
    centreName: cell.centre.name ?? cell.centre.centreId,
    region: cell.centre.region,
    serviceId: cell.serviceId,
    serviceName: cell.serviceNameEn ?? cell.serviceId,
    tickets: figures.tickets,
    served: figures.served,
    noShows: figures.noShows,
    waited: figures.waiting.measured,
    waitMedianMinutes: figures.waiting.medianMinutes,
    waitP90Minutes: figures.waiting.p90Minutes,
    waitStandardMinutes: cell.waitingStandardMinutes,
    waitWithinStandardShare: figures.waiting.withinShare,
    serviceMedianMinutes: figures.service.medianMinutes,
    serviceStandardMinutes: cell.serviceStandardMinutes,
    serviceWithinStandardShare: figures.service.withinShare,
    offered: figures.satisfaction.offered,
    ratings: figures.satisfaction.rated,
    ratingAverage: figures.satisfaction.average,
    responseRate: figures.satisfaction.responseRate,
  };
}
