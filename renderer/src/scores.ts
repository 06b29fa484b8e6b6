import { RATING_SCORES, type KioskInfo } from '../../main/contract';

/** A rating as the screen offers it: one of five faces, worst first. */
export type Score = (typeof RATING_SCORES)[number];

export const SCORES: readonly Score[] = RATING_SCORES;

/** Four faces leave out the neutral one, so a visitor has to lean one way: scores 1, 2, 4 and 5. */
const FOUR_FACES: readonly Score[] = [1, 2, 4, 5];

export function scoresFor(faces: KioskInfo['rating']['faces']): readonly Score[] {
  return faces === 4 ? FOUR_FACES : SCORES;
}
