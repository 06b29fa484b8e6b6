import type { Catalog, KioskInfo, Language } from '../../../main/contract';
import { serviceName as nameOfService } from '../catalog-view';
import { chosenScore, type RatingScreenState } from '../rating/rating-step';
import type { RatingControls } from '../rating/use-rating-controls';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { RatingChoices, RatingFooter, showsReasonChips } from './rating-choices';

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
  const { ticket, saving, saveFailed, stored } = screen;
  const chosen = chosenScore(screen);
  const showsReasons = showsReasonChips(chosen, rating);
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
        <RatingChoices
          language={language}
          rating={rating}
          chosen={chosen}
          saving={saving !== null}
          stored={stored !== null}
          reasons={screen.reasons}
          onFace={controls.onFace}
          onReason={controls.onReason}
        />
        <RatingFooter
          language={language}
          saving={saving !== null}
          saveFailed={saveFailed}
          stored={stored !== null}
          onDone={controls.onDone}
        />
      </div>
    </main>
  );
}
