import { eventsPerDesk, type DailyDigest, type Figures } from '../../contract/monitoring';
import { shiftDay } from './digest';

/*
 * The daily digest as plain text (the `npm run central -- digest` command): a centre's day beside
 * the same weekday a week before, its events over standard per desk and service, and its desks by
 * visits over the service standard. English, fixed-width columns, nothing to look up: it is read
 * in a terminal or pasted into a mail. "–" is a figure nothing was measured for.
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NOTHING = '–';

const weekday = (day: string) => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
const share = (value: number | null) => (value === null ? NOTHING : `${Math.round(value * 100)}%`);
const minutes = (value: number | null) => (value === null ? NOTHING : `${value} min`);
const average = (value: number | null) => (value === null ? NOTHING : value.toFixed(1));

/** Rows of cells as text columns two spaces apart: the first `left` aligned left (names), the rest right (numbers). */
export function columns(rows: string[][], left = 1): string[] {
  const widths = rows[0]!.map((_, index) => Math.max(...rows.map((row) => row[index]!.length)));
  return rows.map((row) =>
    row
      .map((cell, index) => (index < left ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!)))
      .join('  ')
      .trimEnd(),
  );
}

const FIGURE_ROWS: Array<[string, (figures: Figures) => string]> = [
  ['Tickets', (f) => String(f.tickets)],
  ['Served', (f) => String(f.served)],
  ['No-shows', (f) => String(f.noShows)],
  ['Waiting, median', (f) => minutes(f.waiting.medianMinutes)],
  ['Waiting, 90th percentile', (f) => minutes(f.waiting.p90Minutes)],
  ['Waiting within standard', (f) => share(f.waiting.withinShare)],
  ['Service, median', (f) => minutes(f.service.medianMinutes)],
  ['Service, 90th percentile', (f) => minutes(f.service.p90Minutes)],
  ['Service within standard', (f) => share(f.service.withinShare)],
  ['Satisfaction (1-5)', (f) => average(f.satisfaction.average)],
  ['Rating response rate', (f) => share(f.satisfaction.responseRate)],
];

const deskName = (deskId: string | null) => (deskId === null ? '(no desk)' : deskId);

export function digestText(digest: DailyDigest): string {
  const before = shiftDay(digest.day, -7);
  const lines = [
    `Daily digest of ${digest.centreId}: ${weekday(digest.day)} ${digest.day}`,
    '',
    ...columns([
      ['', 'this day', `week before (${before})`],
      ...FIGURE_ROWS.map(([name, read]) => [name, read(digest.figures), read(digest.weekBefore)]),
    ]),
    '',
  ];

  const waiting = digest.events.filter((row) => row.kind === 'waiting-over-standard');
  const service = digest.events.filter((row) => row.kind === 'service-over-standard');
  const sum = (rows: typeof digest.events) => rows.reduce((total, row) => total + row.count, 0);
  lines.push(`Visits over standard: ${sum(waiting)} waited too long, ${sum(service)} served too long`);
  if (digest.events.length > 0) {
    // One line per desk and service, the two kinds side by side.
    const rows = eventsPerDesk(digest.events);
    lines.push(
      ...columns(
        [
          ['desk', 'service', 'waiting', 'service time'],
          ...rows.map((row) => [deskName(row.deskId), row.serviceId, String(row.waiting), String(row.service)]),
        ],
        2,
      ).map((line) => `  ${line}`),
    );
  }
  lines.push('');

  if (digest.desks.length === 0) {
    lines.push('No visit was served at a desk this day.');
  } else {
    lines.push('Desks by visits over the service standard');
    lines.push(
      ...columns([
        ['desk', 'served', 'over standard', 'median'],
        ...digest.desks.map((desk) => [
          deskName(desk.deskId),
          String(desk.served),
          String(desk.overStandard),
          minutes(desk.medianServiceMinutes),
        ]),
      ]).map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
