/**
 * CSV as spreadsheets write and read it (RFC 4180): the catalog import and export and the day's
 * visits share one reader and one quoting rule, so what one writes the other reads.
 */

/**
 * A field holding a quote, a line break or one of `delimiters` is quoted, its quotes doubled.
 * A file read back by a reader that guesses its delimiter (the catalog's) names all it may guess.
 */
export function csvField(value: string, delimiters = ','): string {
  const needsQuotes = [...value].some(
    (char) => char === '"' || char === '\n' || char === '\r' || delimiters.includes(char),
  );
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
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
  // Spreadsheets end files with empty lines; they are not services.
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}
