import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REASONS } from '../../../../main/contract';
import { NumberField, SaveBar, SelectField, Toggle } from '../fields';
import type { SettingsSectionProps } from './section-props';

/**
 * The rating screen: four or five faces, the reasons offered after a low score, how long after the
 * first tap the answer can still be changed, how long a visit can be rated.
 */
export function RatingSection({ effective, save }: SettingsSectionProps) {
  const { t } = useTranslation('technician');
  const { t: kioskT } = useTranslation('kiosk');
  const [faces, setFaces] = useState(effective.rating.faces);
  const [reasons, setReasons] = useState(effective.rating.reasons);
  const [windowMinutes, setWindow] = useState(effective.rating.windowMinutes);
  const [changeSeconds, setChangeSeconds] = useState(effective.rating.changeSeconds);
  return (
    <>
      <SelectField<4 | 5>
        label={t('rating.faces')}
        value={faces}
        options={[
          { value: 5, label: '5' },
          { value: 4, label: '4' },
        ]}
        onChange={setFaces}
      />
      <fieldset className="technician-group">
        <legend>{t('rating.reasons')}</legend>
        {RATING_REASONS.map((reason) => (
          <Toggle
            key={reason}
            label={kioskT(`rating.reason.${reason}`)}
            checked={reasons.includes(reason)}
            onChange={(on) =>
              setReasons((chosen) =>
                on
                  ? RATING_REASONS.filter((r) => r === reason || chosen.includes(r))
                  : chosen.filter((r) => r !== reason),
              )
            }
          />
        ))}
      </fieldset>
      <NumberField label={t('rating.change')} value={changeSeconds} onChange={setChangeSeconds} />
      <NumberField label={t('rating.window')} value={windowMinutes} onChange={setWindow} />
      <SaveBar save={() => save({ rating: { faces, reasons, changeSeconds, windowMinutes } })} />
    </>
  );
}
