import { useReducer, useRef } from 'react';
import { KioskApiError, type KioskApi, type PhoneTicket, type RatingReason } from '../../../main/contract';
import type { Score } from '../scores';
import { INITIAL_PHONE_RATING, phoneRatingStep, toggleReason, type PhoneRatingState } from './phone-rating';

export interface PhoneRatingControls {
  state: PhoneRatingState;
  onFace: (score: Score) => void;
  onReason: (reason: RatingReason) => void;
  onDone: () => void;
}

/** A refusal of the server (rated elsewhere, the time over) ends the rating; a lost connection lets the visitor try again. */
const isRefusal = (error: unknown) => error instanceof KioskApiError && error.code !== 'internal';

/**
 * What the phone's faces and chips do: each tap is stored at once through ratePhoneTicket, one write
 * after another in the order tapped (a chip must not overtake its face), and the ticket the server
 * answers with is shown. The repeat-tap filter and the screen's time are the server's, as for a kiosk.
 */
export function usePhoneRating(
  api: KioskApi,
  ref: string | null,
  ticket: PhoneTicket | null,
  accept: (ticket: PhoneTicket) => void,
  refresh: () => void,
): PhoneRatingControls {
  const [state, dispatch] = useReducer(phoneRatingStep, INITIAL_PHONE_RATING);
  const writes = useRef<Promise<void>>(Promise.resolve());
  const saving = useRef(false);
  // The chips as last chosen, so two quick taps build on each other, not on a stale render.
  const latestReasons = useRef<RatingReason[] | null>(null);
  const reasonWrites = useRef(0);

  const write = (send: () => Promise<void>) => {
    writes.current = writes.current.then(send, send);
  };

  const onFace = (score: Score) => {
    if (ref === null || ticket === null || saving.current || state.saving !== null) return;
    if (score === ticket.score) return;
    saving.current = true;
    dispatch({ type: 'rate', score });
    write(() =>
      api
        .ratePhoneTicket({ ref, score })
        .then(
          (rated) => {
            accept(rated);
            dispatch({ type: 'rated' });
          },
          (error: unknown) => {
            const final = isRefusal(error);
            if (!final) console.error('phone: ratePhoneTicket failed', error);
            dispatch({ type: 'rateFailed', final });
            if (final) refresh();
          },
        )
        .finally(() => {
          saving.current = false;
        }),
    );
  };

  const onReason = (reason: RatingReason) => {
    if (ref === null || ticket === null || ticket.score === null || saving.current) return;
    const score = ticket.score;
    const reasons = toggleReason(latestReasons.current ?? state.reasons ?? ticket.reasons, reason);
    latestReasons.current = reasons;
    reasonWrites.current += 1;
    dispatch({ type: 'chooseReasons', reasons });
    write(() =>
      api
        .ratePhoneTicket({ ref, score, reasons })
        .then(accept, (error: unknown) => {
          const final = isRefusal(error);
          if (!final) console.error('phone: ratePhoneTicket (reasons) failed', error);
          dispatch({ type: 'reasonsFailed', final });
          if (final) refresh();
        })
        .finally(() => {
          reasonWrites.current -= 1;
          if (reasonWrites.current === 0) {
            latestReasons.current = null;
            dispatch({ type: 'reasonsSettled' });
          }
        }),
    );
  };

  return { state, onFace, onReason, onDone: () => dispatch({ type: 'close' }) };
}
