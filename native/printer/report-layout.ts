import type { ReportPrintout } from '../../main/core/ports';
import { EscPosWriter } from './escpos-writer';
import type { PrinterProfile } from './profiles';
import type { TextLineStyle } from './text-bitmap';
import { wrapWords } from './ticket-layout';

const NORMAL: TextLineStyle = { bold: false, magnification: 1 };
const BOLD: TextLineStyle = { bold: true, magnification: 1 };
/** Paper left after the last row, so the report is not torn through its figures. */
const TRAILING_FEED_LINES = 2;

/**
 * A report as ESC/POS bytes: title and subtitle centred, then one row per figure with its label
 * on the left and its value on the right of the same line when both fit the paper, the value on
 * a line of its own otherwise. Text goes through the same writer as the ticket, so each line is
 * sent in a code page that holds it and only letters none holds are drawn.
 */
export function renderReportBytes(report: ReportPrintout, profile: PrinterProfile): Buffer {
  const writer = new EscPosWriter(profile);
  const columns = profile.columns;
  writer.initialise();
  writer.setAlign('center');
  for (const line of wrapWords(plainText(report.title), columns)) writer.textLine(line, BOLD);
  for (const subtitle of report.subtitle) {
    for (const line of wrapWords(plainText(subtitle), columns)) writer.textLine(line, NORMAL);
  }
  writer.setAlign('left');
  writer.textLine('-'.repeat(columns), NORMAL);
  for (const row of report.rows) {
    const label = plainText(row.label);
    const value = plainText(row.value);
    if (value === '') {
      writer.feedLines(1);
      for (const line of wrapWords(label, columns)) writer.textLine(line, BOLD);
      continue;
    }
    for (const line of labelValueLines(label, value, columns)) writer.textLine(line, NORMAL);
  }
  writer.textLine('-'.repeat(columns), NORMAL);
  writer.feedLines(TRAILING_FEED_LINES);
  writer.cut();
  return writer.bytes();
}

/** "Label ....... value" padded to the paper's width, or the label wrapped and the value right-aligned under it. */
export function labelValueLines(label: string, value: string, columns: number): string[] {
  const labelLength = [...label].length;
  const valueLength = [...value].length;
  if (labelLength + 1 + valueLength <= columns) {
    return [`${label}${' '.repeat(columns - labelLength - valueLength)}${value}`];
  }
  const valueLines =
    valueLength < columns ? [`${' '.repeat(columns - valueLength)}${value}`] : wrapWords(value, columns);
  return [...wrapWords(label, columns), ...valueLines];
}

/** Control characters in a label would reach the printer as commands. */
function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
