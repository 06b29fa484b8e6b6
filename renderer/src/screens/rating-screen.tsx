import type { Catalog, KioskInfo, Language } from '../../../main/contract';
import { serviceName as nameOfService } from '../catalog-view';
import { chosenScore, type RatingScreenState } from '../rating/rating-step';
import { scoresFor } from '../scores';
import type { RatingControls } from '../rating/use-rating-controls';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { Face } from './face';
import { CheckIcon } from './icons';

interface RatingScreenProps {
  language: Language;
  screen: RatingScreenState;
  /** Where the rated visit's service is named. */
  catalog: Catalog;
  /** The faces on offer (five, or four without the neutral one) and the reason chips after a low score. */
  rating: KioskInfo['rating'];
  controls: RatingControls;
}

/**
 * One question, large faces with words; one touch is a stored answer, and the screen says so with a
 * tick. After a low score the reasons appear on the same screen; the score can still be changed,
 * and Done only closes the screen.
 */
export function RatingScreen({ language, screen, catalog, rating, controls }: RatingScreenProps) {
  const t = useKioskT(language);
  const serviceName = nameOfService(catalog, screen.ticket.serviceId, language);
  const scores = scoresFor(rating.faces);
  const { reasons } = rating;
  const { ticket, saving, saveFailed, stored } = screen;
  const chosen = chosenScore(screen);
  const showsReasons = chosen !== null && chosen <= rating.lowScoreAtMost && reasons.length > 0;
  const saved = stored !== null && saving === null && !saveFailed;
  useSpokenPrompt(
    language,
    stored === null
      ? `${t('rating.title')} ${t('rating.hint')}`
      : showsReasons
        ? `${t('rating.saved')} ${t('rating.reasonsTitle')}`
        : `${t('rating.saved')} ${t('rating.savedHint')}`,
  );
  return (
    <main
      className={showsReasons ? 'screen screen--rating screen--rating-reasons' : 'screen screen--rating'}
      data-testid="screen-rating"
    >
      <div className="screen__body screen__body--centred rating">
        <div className="rating__head">
          <h1 className="screen__title">{t('rating.title')}</h1>
          <p className="rating__ticket" data-testid="rating-ticket-number">
            {t('rating.ticket', { number: ticket.number })}
          </p>
          <p className="screen__text">{serviceName}</p>
        </div>
        <div className={`faces faces--${scores.length}`} role="group" aria-label={t('rating.title')}>
          {scores.map((score) => (
            <button
              key={score}
              type="button"
              className="face-button"
              data-testid={`rating-face-${score}`}
              // Taps while saving are ignored by the flow; aria-disabled says so without dropping focus.
              aria-disabled={saving !== null}
              aria-pressed={chosen === score}
              onClick={() => controls.onFace(score)}
            >
              <Face score={score} />
              <span className="face-button__label">{t(`rating.score.${score}`)}</span>
            </button>
          ))}
        </div>
        {showsReasons && (
          <div className="rating__reasons" data-testid="rating-reasons">
            <p className="rating__reasons-title" id="rating-reasons-title">
              {t('rating.reasonsTitle')}
            </p>
            <div className="chips" role="group" aria-labelledby="rating-reasons-title">
              {reasons.map((reason) => {
                const on = screen.reasons.includes(reason);
                return (
                  <button
                    key={reason}
                    type="button"
                    className="big-button chip"
                    data-testid={`rating-reason-${reason}`}
                    aria-pressed={on}
                    // Reasons join a stored score: they wait for the face's answer.
                    aria-disabled={stored === null || saving !== null}
                    onClick={() => controls.onReason(reason)}
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
        <div className="rating__footer">
          <p className="rating__status" role="status" data-testid="rating-status">
            {saving !== null && t('rating.saving')}
            {saving === null && saveFailed && t('rating.saveFailed')}
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
            {stored === null && saving === null && !saveFailed && t('rating.hint')}
          </p>
          {stored !== null && (
            <button
              type="button"
              className="big-button primary-button rating__done"
              data-testid="rating-done"
              aria-disabled={saving !== null}
              onClick={controls.onDone}
            >
              {t('rating.done')}
            </button>
          )}
        </div>
      </div>
    </main>
  );
}
