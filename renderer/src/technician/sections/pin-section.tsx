import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_NEW_PIN_DIGITS } from '../../../../main/contract';
import { OutcomeView, TextField } from '../fields';
import type { SaveOutcome } from '../settings-types';
import { refusalProblems, sessionEnded, useTechnician } from '../technician-context';

/** A new technician PIN; other technician sessions end, as the old PIN may have been seen. */
export function PinSection() {
  const { t } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const change = async () => {
    try {
      await api.changeTechnicianPin({ token, newPin: pin });
      setPin('');
      setOutcome({ kind: 'applied', changed: ['technician.pinHash'], restartRequired: [] });
    } catch (error) {
      if (sessionEnded(error)) close();
      setOutcome({ kind: 'refused', problems: refusalProblems(error) });
    }
  };
  return (
    <>
      <p>{t('changePin.ruleSix')}</p>
      <TextField
        label={t('changePin.newPin')}
        value={pin}
        onChange={(value) => setPin(value.replace(/\D/g, '').slice(0, 12))}
      />
      <button
        type="button"
        className="technician-button technician-button--primary"
        disabled={pin.length < MIN_NEW_PIN_DIGITS}
        onClick={() => void change()}
      >
        {t('changePin.save')}
      </button>
      <OutcomeView outcome={outcome} />
    </>
  );
}
