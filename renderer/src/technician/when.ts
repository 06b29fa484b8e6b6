/**
 * A moment as a technician reads it (date and time, to the second); "—" for never. Intl's own
 * format: a browser without ICU data for a language writes it the English way, still readable.
 */
export function formatWhen(iso: string | null, language: string): string {
  if (iso === null) return '—';
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}
