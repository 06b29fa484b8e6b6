import { LANGUAGE_AUTONYMS, type Language } from '../../../main/contract';
import { useKioskT } from '../use-kiosk-t';
import { useSpokenPrompt } from '../use-spoken-prompt';
import { NavBar } from './nav-bar';

interface LanguageScreenProps {
  /** The language the heading is in until the visitor chooses. */
  language: Language;
  languages: readonly Language[];
  onChoose: (language: Language) => void;
  onBack: () => void;
}

/** Each language written in its own name, so visitors find theirs without reading any other. */
export function LanguageScreen({ language, languages, onChoose, onBack }: LanguageScreenProps) {
  const t = useKioskT(language);
  useSpokenPrompt(language, t('speech.language'));
  return (
    <main className="screen screen--language" data-testid="screen-language">
      <h1 className="screen__title">{t('language.title')}</h1>
      <div className="screen__body">
        <div className="language-grid">
          {languages.map((lng) => (
            <button
              key={lng}
              type="button"
              lang={lng}
              className="big-button language-button"
              data-testid={`language-${lng}`}
              onClick={() => onChoose(lng)}
            >
              {LANGUAGE_AUTONYMS[lng]}
            </button>
          ))}
        </div>
      </div>
      <NavBar language={language} onBack={onBack} />
    </main>
  );
}
