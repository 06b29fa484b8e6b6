import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { numberFormat } from '../number-format';

export interface FigureFormat {
  count(value: number): string;
  /** "14.2 min" ("14,2 мин" in Kazakh), or a dash when there is nothing to average. */
  minutes(value: number | null): string;
  percent(share: number | null): string;
  score(value: number | null): string;
}

const ONE_DECIMAL = { min: 1, max: 1 };

/** Numbers as the staff member's language writes them (number-format, not Intl), with the figures namespace's words. */
export function useFigureFormat(): FigureFormat {
  const { t, i18n } = useTranslation('figures');
  const language = i18n.language;
  return useMemo(() => {
    const format = numberFormat(language);
    return {
      count: (value) => format.integer(value),
      minutes: (value) => (value === null ? t('none') : t('minutes', { value: format.decimal(value, ONE_DECIMAL) })),
      percent: (share) => (share === null ? t('none') : format.percent(share)),
      score: (value) => (value === null ? t('none') : t('outOfFive', { value: format.decimal(value, ONE_DECIMAL) })),
    };
  }, [language, t]);
}
