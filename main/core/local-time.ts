/**
 * Calendar arithmetic in the centre's IANA time zone. Ticket counters restart at local midnight
 * there, whatever zone the device's clock is set to.
 */

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar day of an instant in a zone, as YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** True when the runtime knows the zone (Intl throws a RangeError for unknown ones). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
