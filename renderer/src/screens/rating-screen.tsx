import type { Language, Ticket } from '../../../main/contract';
import { SCORES, type Score } from '../scores';
import { useKioskT } from '../use-kiosk-t';
import { Face } from './face';

interface RatingScreenProps {
  language: Language;
  ticket: Ticket;
  serviceName: string;
  saving: Score | null;
  saveFailed: boolean;
  onRate: (score: Score) => void;
}

/** One question, five faces with words; one touch answers it. */
export function RatingScreen({ language, ticket, serviceName, saving, saveFailed, onRate }: RatingScreenProps) {
  const t = useKioskT(language);
  return (
    <main className="screen screen--rating" data-testid="screen-rating">
      <div className="screen__body screen__body--centred">
        <h1 className="screen__title">{t('rating.title')}</h1>
        <p className="rating__ticket" data-testid="rating-ticket-number">
          {t('rating.ticket', { number: ticket.number })}
        </p>
        <p className="screen__text">{serviceName}</p>
        <div className="faces">
          {SCORES.map((score) => (
            <button
              key={score}
              type="button"
              className="face-button"
              data-testid={`rating-face-${score}`}
              // Taps while saving are ignored by the flow; aria-disabled says so without dropping focus.
              aria-disabled={saving !== null}
              aria-pressed={saving === score}
              onClick={() => onRate(score)}
            >
              <Face score={score} />
              <span className="face-button__label">{t(`rating.score.${score}`)}</span>
            </button>
          ))}
        </div>
        <p className="rating__status" role="status" data-testid="rating-status">
          {saving !== null && t('rating.saving')}
          {saving === null && saveFailed && t('rating.saveFailed')}
          {saving === null && !saveFailed && t('rating.hint')}
        </p>
      </div>
    </main>
  );
}
