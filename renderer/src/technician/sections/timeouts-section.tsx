import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField, SaveBar } from '../fields';
import type { SettingsSectionProps } from './section-props';

/** How long screens stay, when an idle kiosk warns and resets, and when a technician session ends. */
export function TimeoutsSection({ effective, save }: SettingsSectionProps) {
  const { t } = useTranslation('technician');
  const [resultScreenSeconds, setResult] = useState(effective.resultScreenSeconds);
  const [idleSeconds, setIdle] = useState(effective.idle.seconds);
  const [warningSeconds, setWarning] = useState(effective.idle.warningSeconds);
  const [sessionIdleSeconds, setSession] = useState(effective.technician.sessionIdleSeconds);
  return (
    <>
      <NumberField label={t('timeouts.resultScreen')} value={resultScreenSeconds} onChange={setResult} />
      <NumberField label={t('timeouts.idle')} value={idleSeconds} onChange={setIdle} />
      <NumberField label={t('timeouts.warning')} value={warningSeconds} onChange={setWarning} />
      <NumberField label={t('timeouts.session')} value={sessionIdleSeconds} onChange={setSession} />
      <SaveBar
        save={() =>
          save({
            resultScreenSeconds,
            idle: { seconds: idleSeconds, warningSeconds },
            technician: { sessionIdleSeconds },
          })
        }
      />
    </>
  );
}
