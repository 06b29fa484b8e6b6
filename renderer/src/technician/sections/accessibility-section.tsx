import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveBar, Toggle } from '../fields';
import type { EffectiveSettings } from '../settings-types';
import type { SettingsSectionProps } from './section-props';

const SETTINGS: readonly (keyof EffectiveSettings['accessibilityDefaults'])[] = [
  'largeText',
  'highContrast',
  'lowReach',
  'audioGuidance',
];

/** What every visitor starts with, and what the kiosk returns to after a visitor leaves. */
export function AccessibilitySection({ effective, save }: SettingsSectionProps) {
  const { t } = useTranslation('technician');
  const [defaults, setDefaults] = useState(effective.accessibilityDefaults);
  return (
    <>
      {SETTINGS.map((setting) => (
        <Toggle
          key={setting}
          label={t(`accessibility.${setting}`)}
          checked={defaults[setting]}
          onChange={(on) => setDefaults((current) => ({ ...current, [setting]: on }))}
        />
      ))}
      <SaveBar save={() => save({ accessibilityDefaults: defaults })} />
    </>
  );
}
