import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The centre's time zone for the console's clock times: a tablet's own clock may be set to
 * another zone (or to UTC), and staff must see the times the kiosk printed. Undefined until the
 * kiosk has said, when the tablet's zone is the best guess.
 */
export const CentreTimeZone = createContext<string | undefined>(undefined);

/** Formats an instant as HH:MM on the centre's clock, in the console's language. */
export function useClockTime(): (iso: string) => string {
  const { i18n } = useTranslation('console');
  const timeZone = useContext(CentreTimeZone);
  return (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
}
