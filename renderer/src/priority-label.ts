import type { TFunction } from 'i18next';

/**
 * A priority category (one of KioskInfo.priorityCategories) by its `priority.<id>` label in the
 * kiosk locale of t's language; a category a technician added without texts shows its id. The
 * main process prints the same labels (main/core/queue/priority-label.ts).
 */
export function priorityLabel(t: TFunction<'kiosk'>, category: string): string {
  const labels: Readonly<Record<string, string>> = t('priority', { returnObjects: true });
  return labels[category] ?? category;
}
