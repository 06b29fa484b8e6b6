import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, LANGUAGES, type Language } from '../../../main/contract';

export function LanguagePicker({ language, onPick }: { language: Language; onPick: (language: Language) => void }) {
  const { t } = useTranslation('console');
  return (
    <label className="language-picker">
      <span>{t('language')}</span>
      <select
        data-testid="console-language"
        value={language}
        onChange={(event) => onPick(event.target.value as Language)}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {LANGUAGE_AUTONYMS[lng]}
          </option>
        ))}
      </select>
    </label>
  );
}
