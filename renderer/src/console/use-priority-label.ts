import { useTranslation } from 'react-i18next';
import { priorityLabel } from '../priority-label';

/** A priority category in the console's language, from the kiosk's own labels. */
export function usePriorityLabel(): (category: string) => string {
  const { t } = useTranslation('kiosk');
  return (category) => priorityLabel(t, category);
}
