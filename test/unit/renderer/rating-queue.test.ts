import { describe, expect, it } from 'vitest';
import {
  EMPTY_RATING_QUEUE,
  offerRating,
  WAITING_KEPT,
  type RatingQueue,
} from '../../../renderer/src/rating/rating-queue';
import { ticket } from './fixtures';

describe('the line of visits waiting to be rated while the screen is busy', () => {
  const ended = (id: number) => ticket({ id, number: `A-${String(id).padStart(3, '0')}`, state: 'done' });

  it('keeps the newest visits only, so a kiosk left alone for hours does not hold every visit of the day', () => {
    let queue: RatingQueue = EMPTY_RATING_QUEUE;
    for (let id = 1; id <= WAITING_KEPT + 5; id++) {
      const offered = offerRating(queue, ended(id), true);
      if (!offered) throw new Error(`visit ${id} was not queued`);
      queue = offered.ratings;
    }
    expect(queue.waiting.map((waiting) => waiting.id)).toEqual(
      Array.from({ length: WAITING_KEPT }, (_, index) => index + 6),
    );
  });

  it('never queues a visit twice', () => {
    const once = offerRating(EMPTY_RATING_QUEUE, ended(1), true);
    if (!once) throw new Error('visit 1 was not queued');
    expect(offerRating(once.ratings, ended(1), true)).toBeNull();
  });
});
