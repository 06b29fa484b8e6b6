import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../main/contract';
import { LanguagePicker } from '../console/language-picker';
import { visibleCentres, type AccountView } from './dashboard-api';

/**
 * The signed-in frame every dashboard view sits in: who is signed in and what they may read, the
 * language, and sign-out. The views themselves (figures, live desks) come with the monitoring data.
 */
export function DashboardShell({
  account,
  onPickLanguage,
  onSignOut,
}: {
  account: AccountView;
  onPickLanguage: (language: Language) => void;
  onSignOut: () => void;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const [centres, setCentres] = useState<string[] | null | 'loading'>('loading');
  useEffect(() => {
    void visibleCentres().then(setCentres);
  }, []);

  const scope =
    account.scope.kind === 'network'
      ? t('shell.scopeNetwork')
      : t('shell.scopeCentres', { centres: account.scope.centreIds.join(', ') });

  return (
    <div className="shell">
      <header className="shell-header">
        <p className="app-name">{t('title')}</p>
        <div className="account" data-testid="account">
          <span className="signed-in-as">{t('shell.signedInAs')}</span>{' '}
          <strong data-testid="account-name">{account.username}</strong>
          <span className="role-scope" data-testid="account-scope">
            {t(`shell.role.${account.role}`)} · {scope}
          </span>
        </div>
        <div className="header-actions">
          <LanguagePicker
            language={i18n.language as Language}
            onPick={onPickLanguage}
            label={t('language')}
            testId="dashboard-language"
          />
          <button type="button" className="sign-out" onClick={onSignOut}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <main className="shell-main">
        <h1>{t('shell.heading')}</h1>
        <p>{t('shell.empty')}</p>
        <section aria-labelledby="centres-heading">
          <h2 id="centres-heading">{t('shell.centres')}</h2>
          {centres === 'loading' ? (
            <p>{t('shell.loading')}</p>
          ) : centres === null || centres.length === 0 ? (
            <p>{t('shell.noCentres')}</p>
          ) : (
            <ul className="centres" data-testid="centres">
              {centres.map((centre) => (
                <li key={centre}>{centre}</li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
