import type { useKioskT } from './use-kiosk-t';

const LABELLED = ['elderly', 'disabled', 'pregnant'] as const;
type Labelled = (typeof LABELLED)[number];

/** A priority category in the visitor's language; a category a technician added without texts shows its id. */
export function priorityLabel(t: ReturnType<typeof useKioskT>, category: string): string {
  return (LABELLED as readonly string[]).includes(category) ? t(`priority.${category as Labelled}`) : category;
}
