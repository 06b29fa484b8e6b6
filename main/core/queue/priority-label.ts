import type { Language } from '../../contract';
import { bundledTexts } from '../../shared/bundled-locales';

/**
 * The category's label in the language, from the kiosk's own labels (`priority.<id>`) so the paper
 * says what the button said; a category configured without a label prints as its id.
 */
export function priorityLabel(category: string, language: Language): string {
  const labels: Readonly<Record<string, string>> = bundledTexts(language, 'kiosk').priority;
  return labels[category] ?? category;
}
