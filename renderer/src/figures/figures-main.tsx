import '../zod-jitless';
import '../fonts';
import './figures-page.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HallCredential } from '../api/hall-credential';
import { createKioskClient } from '../api/kiosk-client';
import { EnrolGate } from '../enrol/enrol-gate';
import { initI18n, isLanguage } from '../i18n';
import { FiguresPage } from './figures-page';

// Staff pick their language in the address, as on the desk console: figures.html?lng=ru.
const requested = new URLSearchParams(window.location.search).get('lng');
const language = isLanguage(requested) ? requested : 'en';
initI18n(language);
document.documentElement.lang = language;

// On a hall server the figures tablet is an enrolled device (a console's role): from #token=… once, then kept.
const credential = HallCredential.ofPage(window);
const api = createKioskClient(undefined, credential);

const root = document.getElementById('root');
if (!root) throw new Error('figures.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {/* In the page's language, as its sign-in: the address's, or English. */}
    <EnrolGate api={api} credential={credential} page="figures" languageChosen>
      <FiguresPage api={api} />
    </EnrolGate>
  </StrictMode>,
);
