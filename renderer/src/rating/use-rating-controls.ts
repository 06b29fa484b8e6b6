import { useRef } from 'react';
import { KioskApiError, type KioskApi, type KioskInfo, type RatingReason } from '../../../main/contract';
import { reasonsFor, type RatingAction, type RatingScreenState } from './rating-step';
import type { Score } from '../scores';

export interface RatingControls {
  onFace: (score: Score) => void;
  onReason: (reason: RatingReason) => void;
  /** Sends the low score on show with the chosen reasons. */
  onSend: () => void;
}

/**
 * What the rating screen's buttons do, for the kiosk and the rating terminal alike. A face tapped
 * within `repeatTapSeconds` of the last face tap is ignored: a trembling hand or an impatient
 * second tap must not change or send an answer the visitor already gave.
 */
export function useRatingControls(
  api: KioskApi,
  rating: KioskInfo['rating'],
  screen: RatingScreenState | null,
  dispatch: (action: RatingAction) => void,
): RatingControls {
  const lastFaceTap = useRef<{ ticketId: number; at: number } | null>(null);
  // Guards against a second send before the first one's state has rendered.
  const sending = useRef(false);

  const send = (score: Score) => {
    if (!screen || sending.current || screen.saving !== null) return;
    sending.current = true;
    const ticketId = screen.ticket.id;
    dispatch({ type: 'rate', score });
    api
      .submitRating({ ticketId, score, reasons: reasonsFor(screen, score) })
      .then(
        () => dispatch({ type: 'ratingSaved', ticketId }),
        (error: unknown) => {
          const alreadyRated = error instanceof KioskApiError && error.code === 'already-rated';
          if (!alreadyRated) console.error('kiosk: submitRating failed', error);
          dispatch({ type: 'ratingFailed', ticketId, alreadyRated });
        },
      )
      .finally(() => {
        sending.current = false;
      });
  };

  const onFace = (score: Score) => {
    if (!screen || screen.saving !== null) return;
    const now = performance.now();
    const last = lastFaceTap.current;
    if (last && last.ticketId === screen.ticket.id && now - last.at < rating.repeatTapSeconds * 1000) return;
    lastFaceTap.current = { ticketId: screen.ticket.id, at: now };
    if (score <= rating.lowScoreAtMost && rating.reasons.length > 0) dispatch({ type: 'chooseLowScore', score });
    else send(score);
  };

  return {
    onFace,
    onReason: (reason) => dispatch({ type: 'toggleReason', reason }),
    onSend: () => {
      if (screen && screen.lowScore !== null) send(screen.lowScore);
    },
  };
}
