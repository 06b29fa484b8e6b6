import {
  localDateTime,
  localDay,
  type CallInput,
  type CallOutput,
  type Catalog,
  type Language,
  type Rating,
} from '../../contract';
import { KioskError } from '../errors';
import type { Clock, KioskStore, TicketPrinter } from '../ports';
import { dayCsv, dayCsvFileName } from './day-csv';
import { dayReport } from './day-report';
import { daySummaryPrintout } from './day-summary';

/** Whether a token belongs to a signed-in desk or an unlocked technician session. */
export interface StaffSessions {
  isStaffToken(token: string): boolean;
}

export interface ReportCallParts {
  store: KioskStore;
  catalog: Catalog;
  clock: Clock;
  printer: TicketPrinter;
  staff: StaffSessions;
  /** The centre's settings as in effect now: read at each call, so a technician's change applies at once. */
  centre(): { timeZone: string; kioskId: string; centreName: string; defaultLanguage: Language };
}

/**
 * The day's figures for the crew and technicians: on screen, as CSV, on paper. Each call is
 * refused without a desk or technician session; the day defaults to today on the centre's clock.
 */
export class ReportCalls {
  constructor(private readonly parts: ReportCallParts) {}

  async getDayReport(input: CallInput<'getDayReport'>): Promise<CallOutput<'getDayReport'>> {
    return this.report(input);
  }

  async exportDayCsv(input: CallInput<'exportDayCsv'>): Promise<CallOutput<'exportDayCsv'>> {
    const day = this.dayOf(input);
    const { tickets, ratings, offeredTicketIds } = this.visits(day);
    const centre = this.parts.centre();
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
    const { clock, printer } = this.parts;
    const centre = this.parts.centre();
    const printout = daySummaryPrintout({
      report,
      language: centre.defaultLanguage,
      centreName: centre.centreName,
      serviceNames: this.serviceNames(),
      printedAtLocal: localDateTime(clock.now().toISOString(), centre.timeZone).slice(0, 16),
    });
    try {
      await printer.printReport(printout);
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
      timeZone: this.parts.centre().timeZone,
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
    if (day === undefined) return localDay(this.parts.clock.now(), this.parts.centre().timeZone);
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
    return new Map(this.parts.catalog.services.map((service) => [service.id, service.name]));
  }

  private standardMinutes() {
    return new Map(this.parts.catalog.services.map((service) => [service.id, service.serviceMinutes]));
  }
}

/** 2026-02-30 passes the pattern of the contract but is no day. */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
