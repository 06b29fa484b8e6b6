import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveBar, SelectField, TextField, Toggle } from '../fields';
import type { EffectiveSettings } from '../settings-types';
import type { SettingsSectionProps } from './section-props';

const ROLES: readonly EffectiveSettings['role'][] = ['hall-kiosk', 'rating-terminal', 'bus', 'hall-server'];

/** Which centre and device this is, its clock, and what it does. */
export function IdentitySection({ effective, save }: SettingsSectionProps) {
  const { t } = useTranslation('technician');
  const [centreName, setCentreName] = useState(effective.centreName);
  const [kioskId, setKioskId] = useState(effective.kioskId);
  const [timeZone, setTimeZone] = useState(effective.timeZone);
  const [role, setRole] = useState(effective.role);
  const [ratingDeskIds, setRatingDeskIds] = useState(effective.ratingDeskIds);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone').map((zone) => ({ value: zone, label: zone })), []);
  return (
    <>
      <TextField label={t('identity.centreName')} value={centreName} onChange={setCentreName} />
      <TextField label={t('identity.kioskId')} value={kioskId} onChange={setKioskId} />
      <SelectField<string> label={t('identity.timeZone')} value={timeZone} options={zones} onChange={setTimeZone} />
      <SelectField<EffectiveSettings['role']>
        label={t('identity.role')}
        value={role}
        options={ROLES.map((value) => ({ value, label: t(`identity.roles.${value}`) }))}
        onChange={setRole}
      />
      {role === 'rating-terminal' && (
        <fieldset className="technician-group">
          <legend>{t('identity.ratingDesks')}</legend>
          {effective.desks.map((desk) => (
            <Toggle
              key={desk.id}
              label={t('desks.desk', { id: desk.id })}
              checked={ratingDeskIds.includes(desk.id)}
              onChange={(on) =>
                setRatingDeskIds((ids) => (on ? [...ids, desk.id] : ids.filter((id) => id !== desk.id)))
              }
            />
          ))}
        </fieldset>
      )}
      <SaveBar save={() => save({ centreName, kioskId, timeZone, role, ratingDeskIds })} />
    </>
  );
}
