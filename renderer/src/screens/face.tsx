import type { Score } from '../scores';

/**
 * A face per score, told apart by its mouth and brows; the fill only adds to the shape, so a
 * visitor who cannot tell red from green loses nothing. The label is always written beside it.
 */
const mouths: Record<Score, string> = {
  1: 'M30 76 Q50 56 70 76',
  2: 'M32 72 Q50 63 68 72',
  3: 'M32 68 L68 68',
  4: 'M32 63 Q50 75 68 63',
  5: 'M28 59 Q50 88 72 59 Z',
};

export function Face({ score }: { score: Score }) {
  return (
    <svg className={`face face--${score}`} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle className="face__head" cx="50" cy="50" r="44" />
      <circle className="face__eye" cx="36" cy="40" r="5" />
      <circle className="face__eye" cx="64" cy="40" r="5" />
      {score === 1 && <path className="face__line" d="M26 28 L42 33 M74 28 L58 33" />}
      <path className={score === 5 ? 'face__line face__line--filled' : 'face__line'} d={mouths[score]} />
    </svg>
  );
}
