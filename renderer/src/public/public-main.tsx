import '../zod-jitless';
import '../fonts';
import '../theme.css';
import './public.css';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../main/contract';
import { chosenLanguage } from '../dashboard/dashboard-choices';
import { LanguagePicker } from '../console/language-picker';
import { CentreList } from './centre-list';
import { CentrePage } from './centre-page';
import { initPublicI18n } from './public-i18n';

/*
 * The public pages' own entry (issue 13; Kyrgyz law, art. 14): /public/ lists the centres, and
 * /public/<centre> shows one centre's queues and quality, per service, to anyone, on a phone first.
 * The language comes from ?lng= (what the picker writes, so a shared link keeps it), else from the
 * browser's languages; nothing is stored in the browser, no cookie is set.
 */

/** Nothing is kept between visits: the address carries the language. */
const NOTHING_KEPT = { getItem: () => null, setItem: () => {} };
const i18n = initPublicI18n(chosenLanguage(window.location.search, NOTHING_KEPT, navigator.languages));

/** The centre named by the address, or null on the list (/public/). */
function centreInPath(pathname: string): string | null {
  const rest = /\/public\/(.*)$/.exec(pathname)?.[1] ?? '';
  return rest === '' ? null : decodeURIComponent(rest);
}

function PublicPage() {
  const { t, i18n: current } = useTranslation('public');
  useEffect(() => {
    document.documentElement.lang = current.language;
    document.title = t('title');
  }, [current.language, t]);

  const pickLanguage = (language: Language) => {
    const url = new URL(window.location.href);
    url.searchParams.set('lng', language);
    window.history.replaceState(null, '', url);
    void i18n.changeLanguage(language);
  };
  const centreId = centreInPath(window.location.pathname);

  return (
    <div className="public-page">
      <header className="public-header">
        <p className="public-title">{t('title')}</p>
        <LanguagePicker
          language={current.language as Language}
          onPick={pickLanguage}
          label={t('language')}
          testId="public-language"
        />
      </header>
      <main className="public-main">{centreId === null ? <CentreList /> : <CentrePage centreId={centreId} />}</main>
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('public.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <PublicPage />
  </StrictMode>,
);
