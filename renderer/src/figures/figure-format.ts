import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface FigureFormat {
  count(value: number): string;
  /** "14.2 min", or a dash when there is nothing to average. */
  minutes(value: number | null): string;
  percent(share: number | null): string;
  score(value: number | null): string;
}

/** Numbers as the staff member's language writes them (Intl), with the figures namespace's words. */
export function useFigureFormat(): FigureFormat {
  const { t, i18n } = useTranslation('figures');
  const language = i18n.language;
  return useMemo(() => {
    const whole = new Intl.NumberFormat(language);
    const oneDecimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
    return {
      count: (value) => whole.format(value),
      minutes: (value) => (value === null ? t('none') : t('minutes', { value: oneDecimal.format(value) })),
      percent: (share) => (share === null ? t('none') : percent.format(share)),
      score: (value) => (value === null ? t('none') : t('outOfFive', { value: oneDecimal.format(value) })),
    };
  }, [language, t]);
}
