import type { Language } from '../../main/contract';
import az from '../../locales/az/printer.json';
import en from '../../locales/en/printer.json';
import kk from '../../locales/kk/printer.json';
import ky from '../../locales/ky/printer.json';
import ru from '../../locales/ru/printer.json';
import uz from '../../locales/uz/printer.json';

type TicketTexts = (typeof en)['ticket'];

// Bundled with the main process: a ticket prints without the renderer's i18next or locale files.
const TEXTS: Record<Language, TicketTexts> = {
  az: az.ticket,
  en: en.ticket,
  kk: kk.ticket,
  ky: ky.ticket,
  ru: ru.ticket,
  uz: uz.ticket,
};

const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(values[name] ?? whole));

/** "Priority: Elderly" in the ticket's language. */
export const priorityLine = (language: Language, category: string): string =>
  fill(TEXTS[language].priority, { category });

/** "People ahead of you: 3, about 12 min", or only the people ahead when no estimate was made. */
export const waitLine = (language: Language, peopleAhead: number, waitMinutes: number | null): string =>
  waitMinutes === null
    ? fill(TEXTS[language].ahead, { count: peopleAhead })
    : fill(TEXTS[language].aheadAndWait, { count: peopleAhead, minutes: waitMinutes });
