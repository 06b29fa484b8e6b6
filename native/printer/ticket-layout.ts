import type { TicketPrintout } from '../../main/core/ports';
import { decodeEscPos } from '../escpos/decoder';
import { renderTicketBitmap } from '../escpos/render-png';
import { EscPosWriter } from './escpos-writer';
import type { PrinterProfile } from './profiles';
import { formatTicketDateTime } from './ticket-date';
import { priorityLine, waitLine, waitUnknownLines } from './ticket-texts';
import type { TextLineStyle } from './text-bitmap';

/** The number is what visitors watch for on the hall display: as big as the paper allows, up to 5×. */
const MAX_NUMBER_MAGNIFICATION = 5;
const QR_MODULE_DOTS = 6;
/** A QR code sent as raster costs its area in bytes: 4-dot modules (0.5 mm) still scan, at less than half the bytes of 6. */
const RASTER_QR_MODULE_DOTS = 4;

const NORMAL: TextLineStyle = { bold: false, magnification: 1 };
const BOLD: TextLineStyle = { bold: true, magnification: 1 };

/**
 * The ticket as ESC/POS bytes for the given printer: centre, service, big number, priority
 * category, people ahead and the estimated wait (or, for a ticket issued offline in a hall, that
 * the wait is not known yet), date and time, QR code, cut. Text goes out in the printer's own code pages; only lines none of them holds
 * (Azerbaijani ə) are sent as bitmaps, because at 9600 baud every byte costs a millisecond.
 */
export function renderTicketBytes(ticket: TicketPrintout, profile: PrinterProfile): Buffer {
  const writer = new EscPosWriter(profile);
  writer.initialise();
  writer.setAlign('center');
  writeWrapped(writer, ticket.centreName, BOLD, profile.columns);
  writer.textLine('-'.repeat(profile.columns), NORMAL);
  writeWrapped(writer, ticket.serviceName, NORMAL, profile.columns);
  writer.feedLines(1);
  const magnification = numberMagnification(ticket.number, profile.columns);
  writeWrapped(writer, ticket.number, { bold: true, magnification }, profile.columns);
  if (ticket.priorityLabel)
    writeWrapped(writer, priorityLine(ticket.language, ticket.priorityLabel), BOLD, profile.columns);
  writer.feedLines(1);
  if (ticket.waitUnknown) {
    // Issued offline in a hall: no people ahead nor wait to print, however the fields are filled.
    for (const line of waitUnknownLines(ticket.language)) writeWrapped(writer, line, NORMAL, profile.columns);
    writer.feedLines(1);
  } else if (ticket.peopleAhead !== undefined) {
    writeWrapped(
      writer,
      waitLine(ticket.language, ticket.peopleAhead, ticket.waitMinutes ?? null),
      NORMAL,
      profile.columns,
    );
    writer.feedLines(1);
  }
  writer.textLine(formatTicketDateTime(ticket.issuedAt, ticket.language, ticket.timeZone), NORMAL);
  writer.feedLines(1);
  writer.qrCode(ticket.qrContent, profile.nativeQr ? QR_MODULE_DOTS : RASTER_QR_MODULE_DOTS);
  writer.cut();
  return writer.bytes();
}

/**
 * The same ticket sent as one full-width bitmap, the way apps that draw the whole ticket print
 * it: for comparing speed and bytes with renderTicketBytes.
 */
export function renderWholeTicketBitmapBytes(ticket: TicketPrintout, profile: PrinterProfile): Buffer {
  const bitmap = renderTicketBitmap(decodeEscPos(renderTicketBytes(ticket, profile)), profile.printWidthDots);
  const writer = new EscPosWriter(profile);
  writer.initialise();
  writer.image(bitmap);
  writer.cut();
  return writer.bytes();
}

function numberMagnification(number: string, columns: number): number {
  const fitting = Math.floor(columns / Math.max(1, [...number].length));
  return Math.max(1, Math.min(MAX_NUMBER_MAGNIFICATION, fitting));
}

function writeWrapped(writer: EscPosWriter, text: string, style: TextLineStyle, columns: number): void {
  for (const line of wrapWords(withoutControlCharacters(text), Math.floor(columns / style.magnification))) {
    writer.textLine(line, style);
  }
}

/** Control characters in a catalog text would reach the printer as commands. */
function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** Breaks at spaces so that no line is longer than `width` characters; splits longer words. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while ([...rest].length > width) {
      if (current !== '') lines.push(current);
      current = '';
      lines.push([...rest].slice(0, width).join(''));
      rest = [...rest].slice(width).join('');
    }
    const candidate = current === '' ? rest : `${current} ${rest}`;
    if ([...candidate].length <= width) {
      current = candidate;
    } else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
