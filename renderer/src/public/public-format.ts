import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFormatFrom } from '../number-format';

/*
 * Numbers and days as the visitor's language writes them: separators from locales/<lang>/public.json
 * (the browser's Intl may lack a language's data), month names from the browser, which every phone has.
 */
export interface PublicFormat {
  integer(value: number): string;
  minutes(value: number): string;
  percent(share: number): string;
  /** An average score, to one decimal, "4.2 of 5". */
  outOf5(value: number): string;
  /** A local day (YYYY-MM-DD) as "20 November": the page only ever speaks of the last month. */
  day(day: string): string;
}

export function usePublicFormat(): PublicFormat {
  const { t, i18n } = useTranslation('public');
  const language = i18n.language;
  return useMemo(() => {
    const numbers = numberFormatFrom(
      { example: t('numberFormat.example'), percent: (value) => t('numberFormat.percent', { value }) },
      language,
    );
    const days = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    return {
      integer: numbers.integer,
      minutes: (value) => t('service.minutes', { value: numbers.integer(value) }),
      percent: numbers.percent,
      outOf5: (value) => t('service.outOf5', { value: numbers.decimal(value, { min: 1, max: 1 }) }),
      day: (day) => days.format(new Date(`${day}T00:00:00Z`)),
    };
  }, [t, language]);
}
