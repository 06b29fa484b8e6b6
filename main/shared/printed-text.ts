/** Text helpers for what goes on paper, shared by the ticket (native/printer) and the day summary. */

/** i18next's {{name}} placeholders, filled the same way without pulling i18next into the main process. */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** ICU puts no-break, figure and narrow spaces in dates and numbers; no printer code page has the narrow one. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ');
}
