import type { Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { Face } from './face';

/** A rating terminal between visitors: a calm invitation, nothing to press. */
export function RatingWaitingScreen({ language }: { language: Language }) {
  const t = useKioskT(language);
  return (
    <main className="screen screen--centred screen--rating-waiting" data-testid="screen-rating-waiting">
      <div className="rating-waiting__faces" aria-hidden="true">
        <Face score={5} />
      </div>
      <h1 className="screen__title rating-waiting__title">{t('terminal.title')}</h1>
      <p className="screen__text rating-waiting__text">{t('terminal.body')}</p>
    </main>
  );
}
