import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../main/contract';
import { LanguagePicker } from '../console/language-picker';
import { signIn, type SignInResult } from './dashboard-api';

type Problem = Exclude<SignInResult, { ok: true }>;

/** The time a lockout ends, to the minute, rounded up: trying at the minute shown is never too early. */
function lockEnd(until: Date, language: string): string {
  const minute = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(minute);
}

/**
 * Username and password for staff. A refusal is said in words: the same for a wrong name as for a
 * wrong password, and for a lockout, the time sign-in opens again.
 */
export function SignInPage({
  expired,
  onSignedIn,
  onPickLanguage,
}: {
  expired: boolean;
  onSignedIn: () => void;
  onPickLanguage: (language: Language) => void;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    void signIn(username, password).then((result) => {
      setBusy(false);
      if (result.ok) {
        onSignedIn();
        return;
      }
      setPassword('');
      setProblem(result);
    });
  };

  const message = (shown: Problem) => {
    switch (shown.kind) {
      case 'wrong':
        return t('signIn.wrong');
      case 'locked':
        return t('signIn.locked', { time: lockEnd(shown.until, i18n.language) });
      case 'disabled':
        return t('signIn.disabled');
      case 'failed':
        return t('signIn.failed');
    }
  };

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <p className="app-name">{t('title')}</p>
        <LanguagePicker
          language={i18n.language as Language}
          onPick={onPickLanguage}
          label={t('language')}
          testId="dashboard-language"
        />
      </header>
      <main className="sign-in">
        <form className="sign-in-card" onSubmit={submit} noValidate>
          <h1>{t('signIn.heading')}</h1>
          <p className="intro">{t('signIn.intro')}</p>
          {expired && problem === null ? (
            <p className="notice" role="status">
              {t('signIn.expired')}
            </p>
          ) : null}
          <label>
            <span>{t('signIn.username')}</span>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </label>
          <label>
            <span>{t('signIn.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          <p className="problem" role="alert" data-testid="sign-in-problem">
            {problem ? message(problem) : ''}
          </p>
          <button type="submit" disabled={busy || username === '' || password === ''}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
