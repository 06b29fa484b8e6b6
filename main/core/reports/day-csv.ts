import type { Language, LocalizedText, Rating, Ticket } from '../../contract';
import { localDateTime } from '../../shared/zoned-time';
import { csvFile } from '../../shared/csv';
import { serviceMinutesOf, waitMinutesOf } from './day-report';

/**
 * The day's visits as CSV, one row per ticket, for a spreadsheet: UTF-8 with a byte order mark
 * (without it Excel reads Cyrillic and ə as Windows-1252), fields quoted per RFC 4180 (../csv.ts), CRLF line
 * ends, times as "YYYY-MM-DD HH:MM:SS" on the centre's clock. Column names stay English: they are
 * read by scripts and by technicians of any language alike.
 */
export interface DayCsvInput {
  tickets: readonly Ticket[];
  ratings: readonly Rating[];
  /** Ids of the tickets whose visit was offered a rating (see day-report.ts). */
  offeredTicketIds: ReadonlySet<number>;
  /** Names by service id; a service gone from the catalog leaves its name columns empty. */
  serviceNames: ReadonlyMap<string, LocalizedText>;
  /** Standard minutes by service id (catalog `serviceMinutes`). */
  standardMinutes: ReadonlyMap<string, number>;
  timeZone: string;
}

export const DAY_CSV_COLUMNS = [
  'number',
  'service_id',
  'service_name',
  'service_name_en',
  'priority',
  'language',
  'desk',
  'state',
  'issued',
  'called',
  'started',
  'ended',
  'no_show',
  'wait_minutes',
  'service_minutes',
  'within_standard',
  /** yes: a rating screen was shown for the visit (or it was rated); the response rate's base. */
  'rating_offered',
  'score',
  'reasons',
] as const;

type Row = Record<(typeof DAY_CSV_COLUMNS)[number], string>;

export function dayCsv(input: DayCsvInput): string {
  const ratings = new Map(input.ratings.map((rating) => [rating.ticketId, rating]));
  const rows = [...input.tickets]
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.id - b.id)
    .map((ticket) => visitRow(ticket, ratings.get(ticket.id), input));
  return csvFile(
    DAY_CSV_COLUMNS,
    rows.map((row) => DAY_CSV_COLUMNS.map((column) => row[column])),
  );
}

export function dayCsvFileName(kioskId: string, day: string): string {
  return `visits-${kioskId.replace(/[^A-Za-z0-9_-]/g, '_')}-${day}.csv`;
}

function visitRow(ticket: Ticket, rating: Rating | undefined, input: DayCsvInput): Row {
  const names = input.serviceNames.get(ticket.serviceId);
  const time = (instant: string | null) => (instant === null ? '' : localDateTime(instant, input.timeZone));
  const serviceMinutes = serviceMinutesOf(ticket);
  const standard = input.standardMinutes.get(ticket.serviceId);
  return {
    number: ticket.number,
    service_id: ticket.serviceId,
    service_name: names?.[ticket.language as Language] ?? '',
    service_name_en: names?.en ?? '',
    priority: ticket.priority ?? '',
    language: ticket.language,
    desk: ticket.deskId ?? '',
    state: ticket.state,
    issued: time(ticket.issuedAt),
    called: time(ticket.calledAt),
    started: time(ticket.servingStartedAt),
    ended: time(ticket.visitEndedAt),
    no_show: time(ticket.noShowAt),
    wait_minutes: minutes(waitMinutesOf(ticket)),
    service_minutes: minutes(serviceMinutes),
    within_standard: serviceMinutes === null || standard === undefined ? '' : serviceMinutes <= standard ? 'yes' : 'no',
    rating_offered: rating || input.offeredTicketIds.has(ticket.id) ? 'yes' : 'no',
    score: rating ? String(rating.score) : '',
    reasons: rating ? rating.reasons.join(';') : '',
  };
}

/** One decimal with a point: what spreadsheets of every locale read as a number on import. */
function minutes(value: number | null): string {
  return value === null ? '' : value.toFixed(1);
}
