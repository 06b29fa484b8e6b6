import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../main/contract';
import type { NetworkMap } from '../../../main/contract/monitoring';
import { LanguagePicker } from '../console/language-picker';
import type { AccountView } from './dashboard-api';
import { parseRoute, routeHash, type Place, type Route } from './dashboard-route';
import { useTrail } from './figures/breadcrumb';
import { FiguresPage } from './figures/figures-page';
import { formatsFor } from './figures/format';
import { readNetwork } from './figures/monitoring-api';
import { localToday, periodHolding } from './figures/periods';
import { useRead } from './figures/use-read';
import { VisitsPage } from './figures/visits-page';
import { DigestPage } from './control/digest-page';
import { LivePage } from './control/live-page';

/** Where an account starts: a manager at their (first) centre, an analyst at the whole network. */
const homePlace = (account: AccountView): Place =>
  account.scope.kind === 'centres' && account.scope.centreIds[0] ? { centre: account.scope.centreIds[0] } : {};

/** The route in the address now; a manager's address that names no place goes to their centre. */
function currentRoute(account: AccountView, today: string): Route {
  // /dashboard/live names the live view as #/live does (a bookmark a wall screen may keep).
  const hash = window.location.hash || (window.location.pathname.endsWith('/live') ? '#/live' : '');
  const route = parseRoute(hash, today);
  if (
    route.view !== 'live' &&
    route.view !== 'digest' &&
    account.scope.kind === 'centres' &&
    !route.place.centre &&
    !route.place.region
  )
    return { ...route, place: homePlace(account) };
  return route;
}

/** The route the address names, following the back and forward buttons and links. */
function useRoute(account: AccountView, today: string): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => currentRoute(account, today));
  useEffect(() => {
    const follow = () => setRoute(currentRoute(account, today));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [account, today]);
  return [route, (next) => void (window.location.hash = routeHash(next))];
}

/**
 * The signed-in frame every dashboard view sits in: who is signed in and what they may read, the
 * language, sign-out, and the views: the figures (with the visits behind them), live, and the daily digest.
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
  const today = useMemo(() => localToday(), []);
  const [route, go] = useRoute(account, today);
  const network = useRead('network', readNetwork);

  const scope =
    account.scope.kind === 'network'
      ? t('shell.scopeNetwork')
      : t('shell.scopeCentres', { centres: account.scope.centreIds.join(', ') });
  const figuresLink =
    route.view === 'live' || route.view === 'digest'
      ? routeHash({ view: 'figures', place: homePlace(account), period: periodHolding('month', today, today) })
      : routeHash({ view: 'figures', place: route.place, period: route.period });

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
        <nav className="views" aria-label={t('shell.nav')}>
          <a
            href={figuresLink}
            aria-current={route.view === 'figures' || route.view === 'visits' ? 'page' : undefined}
            data-testid="nav-figures"
          >
            {t('shell.figuresView')}
          </a>
          <a href="#/live" aria-current={route.view === 'live' ? 'page' : undefined} data-testid="nav-live">
            {t('shell.liveView')}
          </a>
          <a href="#/digest" aria-current={route.view === 'digest' ? 'page' : undefined} data-testid="nav-digest">
            {t('shell.digestView')}
          </a>
        </nav>
      </header>
      <main className="shell-main">
        {network === 'loading' ? (
          <p role="status">{t('shell.loading')}</p>
        ) : !network.ok ? (
          <p className="read-problem" role="alert">
            {t('shell.networkFailed')}
          </p>
        ) : (
          <View account={account} route={route} network={network.data} today={today} go={go} />
        )}
      </main>
    </div>
  );
}

/** The view the route names, with the links each one leads on by. */
function View({
  account,
  route,
  network,
  today,
  go,
}: {
  account: AccountView;
  route: Route;
  network: NetworkMap;
  today: string;
  go: (route: Route) => void;
}) {
  const { i18n } = useTranslation('dashboard');
  const formats = formatsFor(i18n.language);
  const manager = account.scope.kind === 'centres';
  const trail = useTrail(route.view === 'live' || route.view === 'digest' ? {} : route.place, network, manager);
  if (route.view === 'live') return <LivePage account={account} network={network} />;
  if (route.view === 'digest') return <DigestPage network={network} />;
  const { period } = route;
  const home = routeHash({ view: 'figures', place: homePlace(account), period });
  const figures = (place: Place) => routeHash({ view: 'figures', place, period });
  if (route.view === 'visits')
    return (
      <VisitsPage
        place={route.place}
        period={period}
        filter={route.filter}
        offset={route.offset}
        trail={trail}
        network={network}
        formats={formats}
        links={{
          figures,
          visits: (filter, offset) => routeHash({ ...route, filter, offset }),
          home,
        }}
      />
    );
  return (
    <FiguresPage
      place={route.place}
      period={period}
      trail={trail}
      network={network}
      today={today}
      formats={formats}
      links={{
        figures,
        visits: (place, filter) => routeHash({ view: 'visits', place, period, filter, offset: 0 }),
        home,
      }}
      onPickPeriod={(picked) => go({ ...route, period: picked })}
    />
  );
}
