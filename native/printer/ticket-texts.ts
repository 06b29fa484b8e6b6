import type { Language } from '../../main/contract';
import { bundledTexts } from '../../main/shared/bundled-locales';
import { fillPlaceholders as fill } from '../../main/shared/printed-text';

const texts = (language: Language) => bundledTexts(language, 'printer').ticket;

/** "Priority: Elderly" in the ticket's language. */
export const priorityLine = (language: Language, category: string): string =>
  fill(texts(language).priority, { category });

/**
 * "People ahead of you: 3, about 12 min", or only the people ahead when no estimate was made.
 * Nobody ahead is said in words, as the screen says it ("Nobody is ahead of you", not "0 people"); its
 * wait is then 0 minutes or unknown, which adds nothing.
 */
export const waitLine = (language: Language, peopleAhead: number, waitMinutes: number | null): string => {
  if (peopleAhead === 0) return texts(language).noneAhead;
  return waitMinutes === null
    ? fill(texts(language).ahead, { count: peopleAhead })
    : fill(texts(language).aheadAndWait, { count: peopleAhead, minutes: waitMinutes });
};

/**
 * For a ticket a kiosk of a hall numbered from its own block while the hall server was away: nobody
 * knows the people ahead or the wait, so the ticket says so calmly, in the screen's two sentences
 * (kiosk.json wait.unknown, wait.placeKept), each wrapped on its own.
 */
export const waitUnknownLines = (language: Language): [string, string] => [
  texts(language).waitUnknown,
  texts(language).placeKept,
];
