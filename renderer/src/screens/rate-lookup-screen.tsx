import type { Language } from '../../../main/contract';
import type { LookupRefusal } from '../kiosk-flow';
import { ticketNumberAsTyped } from '../ticket-number-typing';
import { useKioskT } from '../use-kiosk-t';
import { SearchIcon, WarningIcon } from './icons';
import { NavBar } from './nav-bar';
import { OnScreenKeyboard } from './on-screen-keyboard';

interface RateLookupScreenProps {
  language: Language;
  /** What was typed (or scanned), as the visitor sees it: A-001. */
  code: string;
  looking: boolean;
  refusal: LookupRefusal | null;
  /** The catalog's ticket group letters: the first key of every number. */
  groups: readonly string[];
  onCode: (code: string) => void;
  onFind: () => void;
  onBack: () => void;
  onHome: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * Rating a visit by the number on the ticket, typed on large keys, or by holding the ticket's QR
 * code to the scanner. A refusal says why in plain words, and the number stays to be corrected.
 */
export function RateLookupScreen(props: RateLookupScreenProps) {
  const { language, code, looking, refusal, groups, onCode, onFind, onBack, onHome } = props;
  const t = useKioskT(language);
  const typed = code !== '';
  return (
    <main className="screen screen--rate-lookup" data-testid="screen-rate-lookup">
      <div className="rate-lookup__head">
        <h1 className="screen__title">{t('rateLookup.title')}</h1>
        <p className="screen__text">{t('rateLookup.prompt')}</p>
      </div>
      <div className="rate-lookup__entry">
        <div className="search__query rate-lookup__code" role="status" aria-label={t('rateLookup.number')}>
          <span
            className={typed ? 'rate-lookup__number' : 'search__text search__text--prompt'}
            data-testid="rate-lookup-code"
          >
            {typed ? code : t('rateLookup.number')}
          </span>
        </div>
        <div className="rate-lookup__answer" aria-live="polite" data-testid="rate-lookup-answer">
          {looking && <p className="service__checking">{t('rateLookup.looking')}</p>}
          {!looking && refusal && (
            <div className="notice notice--warning" data-testid={`rate-lookup-refused-${refusal}`}>
              <WarningIcon />
              <p className="notice__title">{t(`rateLookup.refused.${refusal}`)}</p>
            </div>
          )}
        </div>
      </div>
      <div className="rate-lookup__keys">
        <OnScreenKeyboard
          language={language}
          value={code}
          keys={[...groups, ...DIGITS]}
          onChange={(value) => onCode(ticketNumberAsTyped(value))}
        />
        <button
          type="button"
          className="big-button primary-button rate-lookup__find"
          data-testid="rate-lookup-find"
          aria-disabled={!typed || looking}
          onClick={() => typed && !looking && onFind()}
        >
          <SearchIcon />
          <span>{t('rateLookup.find')}</span>
        </button>
      </div>
      <NavBar language={language} onBack={onBack} onHome={onHome} />
    </main>
  );
}
