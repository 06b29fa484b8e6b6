import { useTranslation } from 'react-i18next';

const LABELLED = ['elderly', 'disabled', 'pregnant'] as const;
type Labelled = (typeof LABELLED)[number];

/**
 * A priority category in the console's language, from the kiosk's own labels; a category a
 * technician added without texts shows its id.
 */
export function usePriorityLabel(): (category: string) => string {
  const { t } = useTranslation('kiosk');
  return (category) =>
    (LABELLED as readonly string[]).includes(category) ? t(`priority.${category as Labelled}`) : category;
}
