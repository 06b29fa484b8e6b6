import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFormatFrom } from '../number-format';

/*
 * Numbers and days as the visitor's language writes them, from locales/<lang>/public.json: the
 * browser's Intl may lack a language's data (Chromium writes "M11 20" for a day in Uzbek).
 */

const MONTHS = [
  'months.m01',
  'months.m02',
  'months.m03',
  'months.m04',
  'months.m05',
  'months.m06',
  'months.m07',
  'months.m08',
  'months.m09',
  'months.m10',
  'months.m11',
  'months.m12',
] as const;
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
    return {
      integer: numbers.integer,
      minutes: (value) => t('service.minutes', { value: numbers.integer(value) }),
      percent: numbers.percent,
      outOf5: (value) => t('service.outOf5', { value: numbers.decimal(value, { min: 1, max: 1 }) }),
      day: (day) =>
        t('dayMonth', { day: Number(day.slice(8, 10)), month: t(MONTHS[Number(day.slice(5, 7)) - 1] ?? 'months.m01') }),
    };
  }, [t, language]);
}
