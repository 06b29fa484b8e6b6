import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, LANGUAGES, type Language } from '../../../main/contract';

interface LanguagePickerProps {
  language: Language;
  onPick: (language: Language) => void;
  /** The languages offered, each by its own name; every one by default. */
  languages?: readonly Language[];
  /** The picker's label; the console's word by default (the phone page gives its own). */
  label?: string;
  testId?: string;
}

export function LanguagePicker({
  language,
  onPick,
  languages = LANGUAGES,
  label,
  testId = 'console-language',
}: LanguagePickerProps) {
  const { t } = useTranslation('console');
  return (
    <label className="language-picker">
      <span>{label ?? t('language')}</span>
      <select data-testid={testId} value={language} onChange={(event) => onPick(event.target.value as Language)}>
        {languages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {LANGUAGE_AUTONYMS[lng]}
          </option>
        ))}
      </select>
    </label>
  );
}
