/**
 * Calendar arithmetic in the centre's IANA time zone. Ticket counters restart at local midnight
 * there, whatever zone the device's clock is set to.
 */

// The centre's calendar day is read from the zone formatter core shares with the printer (main/shared).
export { localDay } from '../shared/zoned-time';

/** True when the runtime knows the zone (Intl throws a RangeError for unknown ones). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
