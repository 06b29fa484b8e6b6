import type { Language } from '../../main/contract';
import { zonedParts } from '../../main/shared/zoned-time';
import { plainSpaces } from '../../main/shared/printed-text';

/**
 * Date and time of issue as the visitor reads them, in the centre's time zone. A Node or
 * Electron built without full ICU lacks the month names of some of our languages (kk, ky, az,
 * uz); it then prints digits only, which every visitor reads.
 */
export function formatTicketDateTime(issuedAt: Date, language: Language, timeZone: string): string {
  if (Intl.DateTimeFormat.supportedLocalesOf([language]).length === 0) {
    return numericDateTime(issuedAt, timeZone);
  }
  const formatted = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
    issuedAt,
  );
  return plainSpaces(formatted);
}

/** DD.MM.YYYY HH:MM, read from typed parts so it does not depend on any locale's data. */
export function numericDateTime(issuedAt: Date, timeZone: string): string {
  const { day, month, year, hour, minute } = zonedParts(issuedAt, timeZone);
  return `${day}.${month}.${year} ${hour}:${minute}`;
}
