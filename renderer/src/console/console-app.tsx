import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, DeskSession, KioskApi, Language } from '../../../main/contract';
import type { ConnectionSignal } from '../api/connection-signal';
import { FiguresPanel } from '../figures/figures-panel';
import { CentreTimeZone } from './centre-clock';
import { ConnectionBadge } from './connection-badge';
import { chosenConsoleLanguage, rememberConsoleLanguage } from './console-language';
import { loadDeskSession, saveDeskSession } from './desk-session-store';
import { DeskScreen } from './desk-screen';
import { LanguagePicker } from './language-picker';
import { PrinterPanel } from './printer-panel';
import { SignInScreen } from './sign-in-screen';
import { TicketsPanel } from './tickets-panel';

type Tab = 'desk' | 'tickets' | 'figures' | 'printer';
const TABS: readonly Tab[] = ['desk', 'tickets', 'figures', 'printer'];

/** The desk and crew console: sign in at a desk, then call and serve visitors; today's tickets and the printer beside. */
export function ConsoleApp({ api, connection }: { api: KioskApi; connection: ConnectionSignal }) {
  const { t, i18n } = useTranslation('console');
  const [session, setSession] = useState<DeskSession | null>(() => loadDeskSession(window.sessionStorage));
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('desk');
  const language = i18n.language as Language;

  const pickLanguage = useCallback(
    (lng: Language) => {
      rememberConsoleLanguage(window.localStorage, lng);
      void i18n.changeLanguage(lng);
    },
    [i18n],
  );

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    api.getCatalog({}).then(setCatalog, (error: unknown) => console.error('console: getCatalog failed', error));
    api.getKioskInfo({}).then(
      (info) => {
        setTimeZone(info.timeZone);
        // Without a language chosen on this tablet, the console speaks the kiosk's default.
        if (chosenConsoleLanguage(window.location.search, window.localStorage) === null)
          void i18n.changeLanguage(info.defaultLanguage);
      },
      (error: unknown) => console.error('console: getKioskInfo failed', error),
    );
  }, [api, i18n]);

  const signIn = useCallback((next: DeskSession | null) => {
    saveDeskSession(window.sessionStorage, next);
    setSession(next);
    setTab('desk');
  }, []);
  const sessionLost = useCallback(() => signIn(null), [signIn]);

  const signOut = () => {
    if (session) api.deskSignOut({ token: session.token }).catch(() => undefined);
    signIn(null);
  };

  const services = useMemo(() => catalog?.services.filter((service) => service.enabled) ?? [], [catalog]);
  const serviceName = useCallback(
    (serviceId: string) => catalog?.services.find((s) => s.id === serviceId)?.name[language] ?? serviceId,
    [catalog, language],
  );

  return (
    <CentreTimeZone.Provider value={timeZone}>
      <div className="console" data-testid="console">
        <header className="console__bar">
          <h1 className="console__title">{session ? t('deskLabel', { desk: session.deskId }) : t('title')}</h1>
          {session && (
            <nav className="console__tabs" aria-label={t('tab.label')}>
              {TABS.map((name) => (
                <button
                  key={name}
                  type="button"
                  data-testid={`tab-${name}`}
                  aria-pressed={tab === name}
                  onClick={() => setTab(name)}
                >
                  {t(`tab.${name}`)}
                </button>
              ))}
            </nav>
          )}
          <div className="console__tools">
            <ConnectionBadge connection={connection} />
            <LanguagePicker language={language} onPick={pickLanguage} />
            {session && (
              <button type="button" className="console-secondary" data-testid="sign-out" onClick={signOut}>
                {t('signOut')}
              </button>
            )}
          </div>
        </header>
        {!session && <SignInScreen api={api} onSignedIn={signIn} />}
        {session && (
          <main className="console__body">
            {tab === 'desk' && (
              <DeskScreen
                api={api}
                session={session}
                connection={connection}
                services={services}
                language={language}
                serviceName={serviceName}
                onSessionLost={sessionLost}
              />
            )}
            {tab === 'tickets' && <TicketsPanel api={api} serviceName={serviceName} />}
            {tab === 'figures' && <FiguresPanel api={api} token={session.token} />}
            {tab === 'printer' && <PrinterPanel api={api} />}
          </main>
        )}
      </div>
    </CentreTimeZone.Provider>
  );
}
