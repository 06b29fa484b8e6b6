import type { Catalog, KioskInfo, Language } from '../../../main/contract';
import { serviceName as nameOfService } from '../catalog-view';
import type { RatingScreenState } from '../rating/rating-step';
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
 * One question, large faces with words; a good score is one touch. After a low score the reasons
 * appear on the same screen, with Send, and the score can still be changed.
 */
export function RatingScreen({ language, screen, catalog, rating, controls }: RatingScreenProps) {
  const t = useKioskT(language);
  const serviceName = nameOfService(catalog, screen.ticket.serviceId, language);
  const scores = scoresFor(rating.faces);
  const { reasons } = rating;
  const { ticket, saving, saveFailed, lowScore } = screen;
  const chosen = saving ?? lowScore;
  useSpokenPrompt(language, lowScore === null ? `${t('rating.title')} ${t('rating.hint')}` : t('rating.reasonsTitle'));
  return (
    <main
      className={lowScore === null ? 'screen screen--rating' : 'screen screen--rating screen--rating-reasons'}
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
        {lowScore !== null && (
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
                    aria-disabled={saving !== null}
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
            <button
              type="button"
              className="big-button primary-button rating__send"
              data-testid="rating-send"
              aria-disabled={saving !== null}
              onClick={controls.onSend}
            >
              {t('rating.send')}
            </button>
          </div>
        )}
        <p className="rating__status" role="status" data-testid="rating-status">
          {saving !== null && t('rating.saving')}
          {saving === null && saveFailed && t('rating.saveFailed')}
          {/* With the reasons open, their heading already says what to do. */}
          {saving === null && !saveFailed && lowScore === null && t('rating.hint')}
        </p>
      </div>
    </main>
  );
}
