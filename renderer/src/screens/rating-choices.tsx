import type { KioskInfo, Language, RatingReason } from '../../../main/contract';
import { scoresFor, type Score } from '../scores';
import { useKioskT } from '../use-kiosk-t';
import { Face } from './face';
import { CheckIcon } from './icons';

/** The reason chips follow a low score, where the rating settings offer any. */
export function showsReasonChips(chosen: Score | null, rating: KioskInfo['rating']): boolean {
  return chosen !== null && chosen <= rating.lowScoreAtMost && rating.reasons.length > 0;
}

interface RatingChoicesProps {
  language: Language;
  /** The faces on offer (five, or four without the neutral one) and the reason chips after a low score. */
  rating: KioskInfo['rating'];
  /** The face shown as chosen: the one being stored, else the one stored. */
  chosen: Score | null;
  /** A face is being stored: taps wait for its answer. */
  saving: boolean;
  /** A score is stored: reasons join a stored score only. */
  stored: boolean;
  /** The reason chips chosen, as shown. */
  reasons: readonly RatingReason[];
  onFace: (score: Score) => void;
  onReason: (reason: RatingReason) => void;
}

/**
 * The faces with their words and, after a low score, the reason chips: the one-screen rating of the
 * kiosk, a rating tablet and a visitor's phone. What a tap does is the page's own (stored at once).
 */
export function RatingChoices({
  language,
  rating,
  chosen,
  saving,
  stored,
  reasons,
  onFace,
  onReason,
}: RatingChoicesProps) {
  const t = useKioskT(language);
  const scores = scoresFor(rating.faces);
  return (
    <>
      <div className={`faces faces--${scores.length}`} role="group" aria-label={t('rating.title')}>
        {scores.map((score) => (
          <button
            key={score}
            type="button"
            className="face-button"
            data-testid={`rating-face-${score}`}
            // Taps while saving are ignored by the flow; aria-disabled says so without dropping focus.
            aria-disabled={saving}
            aria-pressed={chosen === score}
            onClick={() => onFace(score)}
          >
            <Face score={score} />
            <span className="face-button__label">{t(`rating.score.${score}`)}</span>
          </button>
        ))}
      </div>
      {showsReasonChips(chosen, rating) && (
        <div className="rating__reasons" data-testid="rating-reasons">
          <p className="rating__reasons-title" id="rating-reasons-title">
            {t('rating.reasonsTitle')}
          </p>
          <div className="chips" role="group" aria-labelledby="rating-reasons-title">
            {rating.reasons.map((reason) => {
              const on = reasons.includes(reason);
              return (
                <button
                  key={reason}
                  type="button"
                  className="big-button chip"
                  data-testid={`rating-reason-${reason}`}
                  aria-pressed={on}
                  // Reasons join a stored score: they wait for the face's answer.
                  aria-disabled={!stored || saving}
                  onClick={() => onReason(reason)}
                >
                  {/* A tick as well as the colour, so a chosen chip shows without telling colours apart. */}
                  <span className="chip__box" aria-hidden="true">
                    {on && <CheckIcon />}
                  </span>
                  <span>{t(`rating.reason.${reason}`)}</span>
                </button>
              );
            })}
          </div>
        </div>
      )}
    </>
  );
}

interface RatingFooterProps {
  language: Language;
  saving: boolean;
  saveFailed: boolean;
  stored: boolean;
  /** Closes the screen; the answer is stored already. */
  onDone: () => void;
}

/** Under the faces: what became of the tap (saving, saved with a tick, not saved) and, once stored, Done. */
export function RatingFooter({ language, saving, saveFailed, stored, onDone }: RatingFooterProps) {
  const t = useKioskT(language);
  const saved = stored && !saving && !saveFailed;
  return (
    <div className="rating__footer">
      <p className="rating__status" role="status" data-testid="rating-status">
        {saving && t('rating.saving')}
        {!saving && saveFailed && t('rating.saveFailed')}
        {saved && (
          <span className="rating__saved" data-testid="rating-saved">
            <span className="rating__saved-tick" aria-hidden="true">
              <CheckIcon />
            </span>
            <span>
              <strong>{t('rating.saved')}</strong> {t('rating.savedHint')}
            </span>
          </span>
        )}
        {!stored && !saving && !saveFailed && t('rating.hint')}
      </p>
      {stored && (
        <button
          type="button"
          className="big-button primary-button rating__done"
          data-testid="rating-done"
          aria-disabled={saving}
          onClick={onDone}
        >
          {t('rating.done')}
        </button>
      )}
    </div>
  );
}
