import { useEffect, useRef } from 'react';
import { KioskApiError, type KioskApi, type KioskInfo, type RatingReason } from '../../../main/contract';
import { type RatingAction, type RatingScreenState } from './rating-step';
import type { Score } from '../scores';

export interface RatingControls {
  onFace: (score: Score) => void;
  onReason: (reason: RatingReason) => void;
  /** Closes the screen; the answer is stored already. */
  onDone: () => void;
}

/**
 * What the rating screen's buttons do, for the kiosk and the rating terminal alike. Every tap is
 * stored at once, one write after another in the order tapped (a reason must not overtake the
 * face it belongs to). A face tapped within `repeatTapSeconds` of the last face tap is ignored: a
 * trembling hand or an impatient second tap must not change an answer the visitor already gave.
 * The screen also tells the main process it was shown (the response rate's "offered") and closes
 * itself `changeSeconds` after the first stored tap, when the main process stops taking changes.
 */
export function useRatingControls(
  api: KioskApi,
  rating: KioskInfo['rating'],
  screen: RatingScreenState | null,
  dispatch: (action: RatingAction) => void,
): RatingControls {
  const lastFaceTap = useRef<{ ticketId: number; at: number } | null>(null);
  // Guards against a second face before the first one's state has rendered.
  const saving = useRef(false);
  // The writes, chained so they reach the main process in the order the visitor tapped.
  const writes = useRef<Promise<void>>(Promise.resolve());
  // The reasons as last chosen or stored, so two quick chips build on each other, not on a stale render.
  const latestReasons = useRef<{ ticketId: number; reasons: RatingReason[] } | null>(null);

  const ticketId = screen?.ticket.id;
  const hasStored = screen !== null && screen.stored !== null;

  useEffect(() => {
    if (ticketId === undefined) return;
    api.ratingOffered({ ticketId }).catch((error: unknown) => console.error('kiosk: ratingOffered failed', error));
  }, [api, ticketId]);

  useEffect(() => {
    if (ticketId === undefined || !hasStored) return;
    const timer = window.setTimeout(() => dispatch({ type: 'finishRating', ticketId }), rating.changeSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [ticketId, hasStored, rating.changeSeconds, dispatch]);

  const write = (send: () => Promise<void>) => {
    writes.current = writes.current.then(send, send);
  };

  const onFace = (score: Score) => {
    if (!screen || saving.current || screen.saving !== null) return;
    const now = performance.now();
    const id = screen.ticket.id;
    const last = lastFaceTap.current;
    if (last && last.ticketId === id && now - last.at < rating.repeatTapSeconds * 1000) return;
    lastFaceTap.current = { ticketId: id, at: now };
    if (score === screen.stored) return;
    saving.current = true;
    dispatch({ type: 'rate', score });
    write(() =>
      api
        .submitRating({ ticketId: id, score })
        .then(
          (stored) => {
            latestReasons.current = { ticketId: id, reasons: stored.reasons };
            dispatch({ type: 'ratingSaved', ticketId: id, score: stored.score as Score, reasons: stored.reasons });
          },
          (error: unknown) => {
            const alreadyRated = error instanceof KioskApiError && error.code === 'already-rated';
            if (!alreadyRated) console.error('kiosk: submitRating failed', error);
            dispatch({ type: 'ratingFailed', ticketId: id, alreadyRated });
          },
        )
        .finally(() => {
          saving.current = false;
        }),
    );
  };

  const onReason = (reason: RatingReason) => {
    if (!screen || screen.stored === null || screen.saving !== null) return;
    const id = screen.ticket.id;
    const before = latestReasons.current?.ticketId === id ? latestReasons.current.reasons : screen.reasons;
    const reasons = before.includes(reason) ? before.filter((r) => r !== reason) : [...before, reason];
    latestReasons.current = { ticketId: id, reasons };
    dispatch({ type: 'chooseReasons', ticketId: id, reasons });
    write(() =>
      api.setRatingReasons({ ticketId: id, reasons }).then(
        () => undefined,
        (error: unknown) => {
          const final = error instanceof KioskApiError && error.code === 'already-rated';
          if (!final) console.error('kiosk: setRatingReasons failed', error);
          dispatch({ type: 'reasonsFailed', ticketId: id, final });
        },
      ),
    );
  };

  return {
    onFace,
    onReason,
    onDone: () => {
      if (screen) dispatch({ type: 'finishRating', ticketId: screen.ticket.id });
    },
  };
}
