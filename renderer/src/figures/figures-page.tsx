import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../main/contract';
import { FiguresPanel } from './figures-panel';

/**
 * The figures on a page of their own, for a manager's tablet: a desk signs in with its number and
 * PIN; with the number left empty the PIN is the technician's. The token lives in this page only.
 */
export function FiguresPage({ api }: { api: KioskApi }) {
  const [token, setToken] = useState<string | null>(null);
  return (
    <main className="figures-page">
      {token ? <FiguresPanel api={api} token={token} /> : <SignIn api={api} onSignedIn={setToken} />}
    </main>
  );
}

function SignIn({ api, onSignedIn }: { api: KioskApi; onSignedIn: (token: string) => void }) {
  const { t } = useTranslation('figures');
  const [deskId, setDeskId] = useState('');
  const [pin, setPin] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const desk = deskId.trim();
    const signIn = desk === '' ? api.technicianUnlock({ pin }) : api.deskSignIn({ deskId: desk, pin });
    signIn
      .then(
        (session) => onSignedIn(session.token),
        (error: unknown) =>
          setFailure(t('signIn.failed', { message: error instanceof Error ? error.message : String(error) })),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="figures-page__sign-in" onSubmit={submit} data-testid="figures-sign-in">
      <h1>{t('signIn.title')}</h1>
      <label>
        {t('signIn.desk')}
        <input
          data-testid="figures-desk"
          value={deskId}
          autoComplete="off"
          onChange={(event) => setDeskId(event.target.value)}
          aria-describedby="figures-desk-hint"
        />
      </label>
      <p id="figures-desk-hint" className="figures-page__hint">
        {t('signIn.deskHint')}
      </p>
      <label>
        {t('signIn.pin')}
        <input
          data-testid="figures-pin"
          type="password"
          inputMode="numeric"
          value={pin}
          onChange={(event) => setPin(event.target.value)}
        />
      </label>
      <button type="submit" data-testid="figures-sign-in-submit" aria-disabled={busy}>
        {t('signIn.submit')}
      </button>
      {failure && (
        <p className="figures__error" role="alert" data-testid="figures-sign-in-error">
          {failure}
        </p>
      )}
    </form>
  );
}
