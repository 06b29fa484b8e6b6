import type { Language } from '../../main/contract';

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
  return withPlainSpaces(formatted);
}

/** DD.MM.YYYY HH:MM, read from typed parts so it does not depend on any locale's data. */
export function numericDateTime(issuedAt: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(issuedAt);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/** ICU puts no-break and narrow spaces in dates; no printer code page has the narrow one. */
function withPlainSpaces(text: string): string {
  return text.replace(/[\u00a0\u2007\u2009\u202f]/g, ' ');
}
