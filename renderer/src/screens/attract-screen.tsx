import { useTranslation } from 'react-i18next';
import type { Language } from '../../../main/contract';
import { Face } from './face';
import { TouchIcon } from './icons';

interface AttractScreenProps {
  centreName: string;
  languages: readonly Language[];
  onStart: () => void;
  /** "Rate a visit"; absent where visitors do not rate on this device. */
  onRate?: () => void;
}

/**
 * What a passer-by sees: the centre's name and, in every offered language at once, that a touch
 * starts. Listed rather than rotating, so no one has to wait for their language to come round.
 */
export function AttractScreen({ centreName, languages, onStart, onRate }: AttractScreenProps) {
  const { i18n } = useTranslation('kiosk');
  return (
    <main className="screen screen--attract" data-testid="screen-attract" onClick={onStart}>
      <h1 className="attract__centre" data-testid="attract-centre">
        {centreName}
      </h1>
      <button type="button" className="attract__start" data-testid="attract-start">
        <TouchIcon />
        <span className="attract__lines">
          {languages.map((lng) => (
            <span key={lng} lang={lng} className="attract__line" data-testid={`attract-line-${lng}`}>
              {i18n.getFixedT(lng, 'kiosk')('attract.touchToStart')}
            </span>
          ))}
        </span>
      </button>
      {onRate && (
        <button
          type="button"
          className="attract__rate"
          data-testid="attract-rate"
          onClick={(event) => {
            // Not also a touch that starts taking a ticket.
            event.stopPropagation();
            onRate();
          }}
        >
          <Face score={5} />
          <span className="attract__rate-lines">
            {languages.map((lng) => (
              <span key={lng} lang={lng} className="attract__rate-line">
                {i18n.getFixedT(lng, 'kiosk')('attract.rateVisit')}
              </span>
            ))}
          </span>
        </button>
      )}
    </main>
  );
}
