import type { CallInput, CallOutput, Rating } from '../../contract';
import { localDateTime, localDay } from '../../shared/zoned-time';
import { KioskError } from '../errors';
import { callsOf, type KioskHandlers } from '../handlers';
import type { Clock, KioskStore } from '../ports';
import type { Settings } from '../settings';
import { dayCsv, dayCsvFileName } from './day-csv';
import { dayReport } from './day-report';
import { daySummaryPrintout } from './day-summary';

/** Whether a token belongs to a signed-in desk or an unlocked technician session. */
export interface StaffSessions {
  isStaffToken(token: string): boolean;
}

export const REPORT_CALL_NAMES = ['getDayReport', 'exportDayCsv', 'printDaySummary'] as const;

export interface ReportCallParts {
  store: KioskStore;
  clock: Clock;
  /** Read at each call, so a technician's change of the centre, catalog or printer applies at once. */
  settings: Settings;
  staff: StaffSessions;
}

/**
 * The day's figures for the crew and technicians: on screen, as CSV, on paper. Each call is
 * refused without a desk or technician session; the day defaults to today on the centre's clock.
 */
export class ReportCalls {
  constructor(private readonly parts: ReportCallParts) {}

  calls(): Pick<KioskHandlers, (typeof REPORT_CALL_NAMES)[number]> {
    return callsOf(this, REPORT_CALL_NAMES);
  }

  async getDayReport(input: CallInput<'getDayReport'>): Promise<CallOutput<'getDayReport'>> {
    return this.report(input);
  }

  async exportDayCsv(input: CallInput<'exportDayCsv'>): Promise<CallOutput<'exportDayCsv'>> {
    const day = this.dayOf(input);
    const { tickets, ratings, offeredTicketIds } = this.visits(day);
    const centre = this.parts.settings.config();
    const csv = dayCsv({
      tickets,
      ratings,
      offeredTicketIds,
      serviceNames: this.serviceNames(),
      standardMinutes: this.standardMinutes(),
      timeZone: centre.timeZone,
    });
    return { fileName: dayCsvFileName(centre.kioskId, day), csv };
  }

  async printDaySummary(input: CallInput<'printDaySummary'>): Promise<CallOutput<'printDaySummary'>> {
    const report = this.report(input);
    const { clock, settings } = this.parts;
    const centre = this.parts.settings.config();
    const printout = daySummaryPrintout({
      report,
      language: centre.defaultLanguage,
      centreName: centre.centreName,
      serviceNames: this.serviceNames(),
      printedAtLocal: localDateTime(clock.now().toISOString(), centre.timeZone).slice(0, 16),
    });
    try {
      await settings.printer().printReport(printout);
    } catch (error) {
      throw new KioskError('printer-unavailable', `the day summary was not printed: ${(error as Error).message}`);
    }
    return { printed: true };
  }

  private report(input: { token: string; day?: string | undefined }) {
    const day = this.dayOf(input);
    const { tickets, ratings, offeredTicketIds } = this.visits(day);
    return dayReport({
      day,
      timeZone: this.parts.settings.config().timeZone,
      tickets,
      ratings,
      offeredTicketIds,
      standardMinutes: this.standardMinutes(),
    });
  }

  /** Checks the session first, so nothing about the day is told to a caller without one. */
  private dayOf({ token, day }: { token: string; day?: string | undefined }): string {
    if (!this.parts.staff.isStaffToken(token)) {
      throw new KioskError('desk-session-required', 'the day figures need a desk or technician session');
    }
    if (day === undefined) return localDay(this.parts.clock.now(), this.parts.settings.config().timeZone);
    if (!isCalendarDay(day)) throw new KioskError('invalid-input', `day: "${day}" is not a calendar day`);
    return day;
  }

  private visits(day: string): {
    tickets: ReturnType<KioskStore['listTickets']>;
    ratings: Rating[];
    offeredTicketIds: ReadonlySet<number>;
  } {
    // Three queries for the whole day, not one rating query per ticket.
    const { store } = this.parts;
    return {
      tickets: store.listTickets(day),
      ratings: store.listRatings(day),
      offeredTicketIds: new Set(store.listRatingOffers(day)),
    };
  }

  private serviceNames() {
    return new Map(this.parts.settings.catalog().services.map((service) => [service.id, service.name]));
  }

  private standardMinutes() {
    return new Map(this.parts.settings.catalog().services.map((service) => [service.id, service.serviceMinutes]));
  }
}

/** 2026-02-30 passes the pattern of the contract but is no day. */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
