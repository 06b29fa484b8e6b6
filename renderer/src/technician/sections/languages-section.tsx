import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, LANGUAGES } from '../../../../main/contract';
import type { Language } from '../../../../main/contract';
import { SaveBar, SelectField, Toggle } from '../fields';
import type { SettingsSectionProps } from './section-props';

/** The languages the kiosk offers and the one it starts in. */
export function LanguagesSection({ effective, save }: SettingsSectionProps) {
  const { t } = useTranslation('technician');
  const [languages, setLanguages] = useState<Language[]>(effective.languages);
  const [defaultLanguage, setDefaultLanguage] = useState<Language>(effective.defaultLanguage);
  return (
    <>
      <fieldset className="technician-group">
        <legend>{t('languages.offered')}</legend>
        {LANGUAGES.map((language) => (
          <Toggle
            key={language}
            label={LANGUAGE_AUTONYMS[language]}
            testId={`technician-language-${language}`}
            checked={languages.includes(language)}
            onChange={(on) =>
              setLanguages((chosen) =>
                on
                  ? LANGUAGES.filter((l) => l === language || chosen.includes(l))
                  : chosen.filter((l) => l !== language),
              )
            }
          />
        ))}
      </fieldset>
      <SelectField<Language>
        label={t('languages.default')}
        testId="technician-default-language"
        value={defaultLanguage}
        options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_AUTONYMS[value] }))}
        onChange={setDefaultLanguage}
      />
      <SaveBar save={() => save({ languages, defaultLanguage })} />
    </>
  );
}
