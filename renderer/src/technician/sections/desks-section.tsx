import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_NEW_PIN_DIGITS } from '../../../../main/contract';
import { OutcomeView, SaveBar, TextField } from '../fields';
import type { SaveOutcome } from '../settings-types';
import { refusalProblems, sessionEnded, useTechnician } from '../technician-context';
import type { SettingsSectionProps } from './section-props';

interface DeskDraft {
  id: string;
  /** Service ids separated by commas; `*` for every service. */
  services: string;
}

const splitIds = (text: string): string[] =>
  text
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);

/** The desks: their ids, the services each calls for, and their PINs (stored as hashes only). */
export function DesksSection({ effective, save }: SettingsSectionProps) {
  const { t } = useTranslation('technician');
  const [desks, setDesks] = useState<DeskDraft[]>(
    effective.desks.map((desk) => ({ id: desk.id, services: desk.serviceIds.join(', ') })),
  );
  const change = (index: number, patch: Partial<DeskDraft>) =>
    setDesks((current) => current.map((desk, at) => (at === index ? { ...desk, ...patch } : desk)));
  // A desk keeps its PIN hash while its id stays; a new or renamed desk needs its PIN set.
  const hashOf = (id: string) => effective.desks.find((desk) => desk.id === id)?.pinHash ?? null;
  return (
    <>
      {desks.map((desk, index) => (
        <fieldset key={index} className="technician-group" data-testid="technician-desk">
          <legend>{t('desks.desk', { id: desk.id })}</legend>
          <TextField label={t('desks.id')} value={desk.id} onChange={(id) => change(index, { id })} />
          <TextField
            label={t('desks.services')}
            value={desk.services}
            onChange={(services) => change(index, { services })}
          />
          <button
            type="button"
            className="technician-button"
            onClick={() => setDesks((current) => current.filter((_, at) => at !== index))}
          >
            {t('desks.remove')}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="technician-button"
        onClick={() => setDesks((current) => [...current, { id: String(current.length + 1), services: '*' }])}
      >
        {t('desks.add')}
      </button>
      <SaveBar
        save={() =>
          save({
            desks: desks.map((desk) => ({
              id: desk.id,
              serviceIds: splitIds(desk.services),
              pinHash: hashOf(desk.id),
            })),
          })
        }
      />
      <h3>{t('desks.pinTitle')}</h3>
      <p>{t('desks.pinRule')}</p>
      {effective.desks.map((desk) => (
        <DeskPin key={desk.id} deskId={desk.id} hasPin={desk.pinHash !== null} />
      ))}
    </>
  );
}

function DeskPin({ deskId, hasPin }: { deskId: string; hasPin: boolean }) {
  const { t } = useTranslation('technician');
  const { api, token, close } = useTechnician();
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const setDeskPin = async () => {
    try {
      await api.setDeskPin({ token, deskId, pin });
      setPin('');
      setOutcome({ kind: 'applied', changed: ['desks'], restartRequired: [] });
    } catch (error) {
      if (sessionEnded(error)) close();
      setOutcome({ kind: 'refused', problems: refusalProblems(error) });
    }
  };
  return (
    <div className="technician-row">
      <TextField
        label={`${t('desks.desk', { id: deskId })} — ${hasPin ? t('desks.pinSet') : t('desks.noPin')}`}
        value={pin}
        onChange={(value) => setPin(value.replace(/\D/g, '').slice(0, 12))}
      />
      <button
        type="button"
        className="technician-button"
        disabled={pin.length < MIN_NEW_PIN_DIGITS}
        onClick={() => void setDeskPin()}
      >
        {t('desks.setPin')}
      </button>
      <OutcomeView outcome={outcome} />
    </div>
  );
}
