import { useEffect, useState } from 'react';
import type { KioskApi } from '../../../main/contract';

/**
 * Scores given since this page opened, by ticket id. The contract has no call listing ratings
 * yet, so a desk learns them from `ratingGiven` events only.
 */
export function useRatingsSeen(api: KioskApi): ReadonlyMap<number, number> {
  const [ratings, setRatings] = useState<ReadonlyMap<number, number>>(new Map());
  useEffect(
    () => api.on('ratingGiven', (rating) => setRatings((seen) => new Map(seen).set(rating.ticketId, rating.score))),
    [api],
  );
  return ratings;
}
