import type { DayReport, Language, LocalizedText } from '../../contract';
import type { ReportPrintout } from '../ports';
import { bundledTexts } from '../../shared/bundled-locales';
import { fillPlaceholders as fill, plainSpaces } from '../../shared/printed-text';

export interface DaySummaryInput {
  report: DayReport;
  language: Language;
  centreName: string;
  serviceNames: ReadonlyMap<string, LocalizedText>;
  /** When it is printed, already on the centre's clock: date and time, "YYYY-MM-DD HH:MM". */
  printedAtLocal: string;
}

/**
 * The day's figures as the paper shows them to a crew closing the day: totals, then served over
 * issued per desk, per service and per hour, in the kiosk's default language.
 */
export function daySummaryPrintout({
  report,
  language,
  centreName,
  serviceNames,
  printedAtLocal,
}: DaySummaryInput): ReportPrintout {
  const t = bundledTexts(language, 'printer').daySummary;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const minutes = (value: number | null) =>
    value === null ? t.none : fill(t.minutes, { value: plainSpaces(number.format(value)) });
  const { totals } = report;
  const rows: ReportPrintout['rows'] = [
    { label: t.tickets, value: String(totals.tickets) },
    { label: t.served, value: String(totals.served) },
    { label: t.noShows, value: String(totals.noShows) },
    { label: t.open, value: String(totals.open) },
    { label: t.printNotConfirmed, value: String(totals.printNotConfirmed) },
    { label: t.averageWait, value: minutes(totals.averageWaitMinutes) },
    { label: t.averageService, value: minutes(totals.averageServiceMinutes) },
    {
      label: t.withinStandard,
      value: totals.withinStandardShare === null ? t.none : plainSpaces(percent.format(totals.withinStandardShare)),
    },
    // The average is printed with its response rate beside it: a figure without it misleads.
    { label: t.ratingsOffered, value: String(totals.ratings.offered) },
    { label: t.ratings, value: String(totals.ratings.count) },
    {
      label: t.responseRate,
      value: totals.ratings.responseRate === null ? t.none : plainSpaces(percent.format(totals.ratings.responseRate)),
    },
    {
      label: t.ratingAverage,
      value: totals.ratings.average === null ? t.none : plainSpaces(number.format(totals.ratings.average)),
    },
    { label: t.scores, value: totals.ratings.distribution.join('/') },
  ];
  const servedOfTickets = (figures: { served: number; tickets: number }) => `${figures.served} / ${figures.tickets}`;
  if (report.byDesk.length > 0) {
    rows.push({ label: t.byDesk, value: '' });
    for (const desk of report.byDesk) {
      rows.push({ label: fill(t.desk, { desk: desk.deskId }), value: servedOfTickets(desk) });
    }
  }
  if (report.byService.length > 0) {
    rows.push({ label: t.byService, value: '' });
    for (const service of report.byService) {
      const name = serviceNames.get(service.serviceId)?.[language] ?? service.serviceId;
      rows.push({ label: name, value: servedOfTickets(service) });
    }
  }
  if (report.hours.length > 0) {
    rows.push({ label: t.hours, value: '' });
    for (const { hour, issued, served } of report.hours) {
      rows.push({
        label: fill(t.hour, { from: clockHour(hour), to: clockHour(hour + 1) }),
        value: `${issued} / ${served}`,
      });
    }
  }
  return {
    title: t.title,
    subtitle: [fill(t.centreDay, { centre: centreName, day: report.day }), fill(t.printedAt, { time: printedAtLocal })],
    rows,
  };
}

function clockHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
