/**
 * CSV as spreadsheets write and read it (RFC 4180): the catalog import and export and the day's
 * visits share one reader and one quoting rule, so what one writes the other reads.
 */

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and tab or carriage return, which
 * some spreadsheets skip before looking): a visitor-typed or imported text such as
 * `=HYPERLINK("http://…")` must stay text when a manager opens the day's CSV. Leading apostrophes
 * are counted in, so a text that already began with `'=` keeps its own apostrophe on reading back.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** What csvField put before such a cell, which parseCsv takes off again. */
const NEUTRALISED = /^'(?='*[=+\-@\t\r])/;

/**
 * A field holding a quote, a line break or one of `delimiters` is quoted, its quotes doubled; a
 * field a spreadsheet would take for a formula is neutralised with a leading `'` first (OWASP's
 * advice for CSV injection). A file read back by a reader that guesses its delimiter (the
 * catalog's) names all it may guess.
 */
export function csvField(value: string, delimiters = ','): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  const needsQuotes = [...text].some(
    (char) => char === '"' || char === '\n' || char === '\r' || delimiters.includes(char),
  );
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Splits CSV text into rows of fields (RFC 4180 quoting); the delimiter is taken from the header line. */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const header = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, candidate) =>
    header.split(candidate).length > header.split(best).length ? candidate : best,
  );
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Spreadsheets end files with empty lines; they are not services. What csvField neutralised
  // reads back as it was, so an exported catalog imports unchanged.
  return rows
    .filter((cells) => cells.some((cell) => cell.trim() !== ''))
    .map((cells) => cells.map((cell) => cell.replace(NEUTRALISED, '')));
}

/** Without it Excel reads Cyrillic and ə as Windows-1252. */
export const BYTE_ORDER_MARK = '\uFEFF';

/**
 * A whole CSV file as spreadsheets open it: UTF-8 with a byte order mark, the header line, each
 * field quoted as csvField does, CRLF line ends.
 */
export function csvFile(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header.join(','), ...rows.map((row) => row.map((field) => csvField(field)).join(','))];
  return BYTE_ORDER_MARK + lines.map((line) => `${line}\r\n`).join('');
}
