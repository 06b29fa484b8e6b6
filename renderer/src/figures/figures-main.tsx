import '../zod-jitless';
import '../fonts';
import './figures-page.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../api/kiosk-client';
import { initI18n, isLanguage } from '../i18n';
import { FiguresPage } from './figures-page';

// Staff pick their language in the address, as on the desk console: figures.html?lng=ru.
const requested = new URLSearchParams(window.location.search).get('lng');
const language = isLanguage(requested) ? requested : 'en';
initI18n(language);
document.documentElement.lang = language;

const root = document.getElementById('root');
if (!root) throw new Error('figures.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <FiguresPage api={createKioskClient()} />
  </StrictMode>,
);
