import type { Language } from '../../main/contract';
import { bundledTexts } from '../../main/shared/bundled-locales';
import { fillPlaceholders as fill } from '../../main/shared/printed-text';

const texts = (language: Language) => bundledTexts(language, 'printer').ticket;

/** "Priority: Elderly" in the ticket's language. */
export const priorityLine = (language: Language, category: string): string =>
  fill(texts(language).priority, { category });

/** "People ahead of you: 3, about 12 min", or only the people ahead when no estimate was made. */
export const waitLine = (language: Language, peopleAhead: number, waitMinutes: number | null): string =>
  waitMinutes === null
    ? fill(texts(language).ahead, { count: peopleAhead })
    : fill(texts(language).aheadAndWait, { count: peopleAhead, minutes: waitMinutes });
