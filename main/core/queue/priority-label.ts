import type { Language } from '../../contract';
import az from '../../../locales/az/kiosk.json';
import en from '../../../locales/en/kiosk.json';
import kk from '../../../locales/kk/kiosk.json';
import ky from '../../../locales/ky/kiosk.json';
import ru from '../../../locales/ru/kiosk.json';
import uz from '../../../locales/uz/kiosk.json';

// The labels the kiosk shows on its priority buttons (`priority.<id>`), so the paper says the same.
const LABELS: Record<Language, Readonly<Record<string, string>>> = {
  az: az.priority,
  en: en.priority,
  kk: kk.priority,
  ky: ky.priority,
  ru: ru.priority,
  uz: uz.priority,
};

/** The category's label in the language; a category configured without a label prints as its id. */
export function priorityLabel(category: string, language: Language): string {
  return LABELS[language][category] ?? category;
}
