import '../zod-jitless';
import '../fonts';
import './dashboard.css';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../main/contract';
import { signOut, whoAmI, type AccountView } from './dashboard-api';
import { afterSignIn, chosenLanguage, rememberLanguage } from './dashboard-choices';
import { initDashboardI18n } from './dashboard-i18n';
import { DashboardShell } from './dashboard-shell';
import { SignInPage } from './sign-in-page';

/*
 * The dashboards' own entry (issue 13), apart from the kiosk's bundle: /dashboard/sign-in shows the
 * sign-in form, every other /dashboard/ page the signed-in shell (the server sends a request
 * without a session to sign-in before this page loads; a session that ends meanwhile does the same).
 */

const i18n = initDashboardI18n(chosenLanguage(window.location.search, window.localStorage, navigator.languages));

function useDocumentLanguage() {
  const { t, i18n: current } = useTranslation('dashboard');
  useEffect(() => {
    document.documentElement.lang = current.language;
    document.title = t('title');
  }, [current.language, t]);
}

function DashboardPage() {
  useDocumentLanguage();
  const onSignInPage = window.location.pathname.endsWith('/sign-in');
  const [account, setAccount] = useState<AccountView | null>(null);

  useEffect(() => {
    if (onSignInPage) return;
    void whoAmI().then((me) => {
      if (me.ok) setAccount(me.account);
      else if (me.kind !== 'failed') {
        const next = encodeURIComponent(window.location.pathname);
        window.location.replace(
          `sign-in?next=${next}${me.kind === 'expired' ? '&ended=1' : ''}${window.location.hash}`,
        );
      }
    });
  }, [onSignInPage]);

  const pickLanguage = (language: Language) => {
    rememberLanguage(window.localStorage, language);
    void i18n.changeLanguage(language);
  };

  if (onSignInPage) {
    const search = window.location.search;
    return (
      <SignInPage
        expired={new URLSearchParams(search).get('ended') === '1'}
        onSignedIn={() => window.location.assign(afterSignIn(search, window.location.hash))}
        onPickLanguage={pickLanguage}
      />
    );
  }
  if (!account) return null;
  return (
    <DashboardShell
      account={account}
      onPickLanguage={pickLanguage}
      onSignOut={() => void signOut().then(() => window.location.assign('sign-in'))}
    />
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('dashboard.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <DashboardPage />
  </StrictMode>,
);
