import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSession, KioskApi } from '../../../main/contract';
import { signInErrorKind, type SignInErrorKind } from './sign-in-error';

type Field = 'desk' | 'pin';
const PAD_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * Desk number and PIN, typed on a large numeric pad (a tablet has no keyboard worth the name) or
 * on a keyboard. The PIN is checked in the main process; a refusal is told in words by its code.
 */
export function SignInScreen({ api, onSignedIn }: { api: KioskApi; onSignedIn: (session: DeskSession) => void }) {
  const { t } = useTranslation('console');
  const [desk, setDesk] = useState('');
  const [pin, setPin] = useState('');
  const [field, setField] = useState<Field>('desk');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SignInErrorKind | 'fillIn' | null>(null);

  const type = (update: (value: string) => string) => {
    setError(null);
    if (field === 'desk') setDesk((value) => update(value).slice(0, 8));
    else setPin((value) => update(value).slice(0, 12));
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (desk === '' || pin === '') {
      setError('fillIn');
      setField(desk === '' ? 'desk' : 'pin');
      return;
    }
    setBusy(true);
    api
      .deskSignIn({ deskId: desk, pin })
      .then(onSignedIn, (failure: unknown) => {
        setError(signInErrorKind(failure));
        setPin('');
        setField('pin');
      })
      .finally(() => setBusy(false));
  };

  return (
    <main className="console-sign-in" data-testid="screen-sign-in">
      <form className="console-sign-in__form" onSubmit={submit}>
        <h1>{t('signIn.title')}</h1>
        <label className="console-sign-in__field" data-active={field === 'desk'}>
          <span>{t('signIn.desk')}</span>
          <input
            data-testid="sign-in-desk"
            value={desk}
            inputMode="numeric"
            autoComplete="off"
            onFocus={() => setField('desk')}
            onChange={(event) => {
              setError(null);
              setDesk(event.target.value.slice(0, 8));
            }}
          />
        </label>
        <label className="console-sign-in__field" data-active={field === 'pin'}>
          <span>{t('signIn.pin')}</span>
          <input
            data-testid="sign-in-pin"
            type="password"
            value={pin}
            inputMode="numeric"
            autoComplete="off"
            onFocus={() => setField('pin')}
            onChange={(event) => {
              setError(null);
              setPin(event.target.value.slice(0, 12));
            }}
          />
        </label>
        {error && (
          <p className="console-error" role="alert" data-testid="sign-in-error" data-error={error}>
            {error === 'fillIn' ? t('signIn.fillIn') : t(`signIn.error.${error}`)}
          </p>
        )}
        <div className="console-pad" role="group" aria-label={t('signIn.pad')}>
          {PAD_DIGITS.map((digit) => (
            <button key={digit} type="button" data-testid={`pad-${digit}`} onClick={() => type((v) => v + digit)}>
              {digit}
            </button>
          ))}
          <button type="button" data-testid="pad-clear" onClick={() => type(() => '')}>
            {t('signIn.clear')}
          </button>
          <button type="button" data-testid="pad-0" onClick={() => type((v) => v + '0')}>
            0
          </button>
          <button
            type="button"
            data-testid="pad-back"
            aria-label={t('signIn.backspace')}
            onClick={() => type((v) => v.slice(0, -1))}
          >
            ⌫
          </button>
        </div>
        <button type="submit" className="console-primary" data-testid="sign-in-submit" aria-disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
