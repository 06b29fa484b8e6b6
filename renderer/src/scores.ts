import { RATING_SCORES } from '../../main/contract';

/** A rating as the screen offers it: one of five faces, worst first. */
export type Score = (typeof RATING_SCORES)[number];

export const SCORES: readonly Score[] = RATING_SCORES;
