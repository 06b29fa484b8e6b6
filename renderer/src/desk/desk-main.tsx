import '../zod-jitless';
import '../fonts';
import './desk.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../api/kiosk-client';
import { initI18n, isLanguage } from '../i18n';
import { DeskApp } from './desk-app';

// Staff pick their language once, in the address the tablet opens: desk.html?lng=ru.
const requested = new URLSearchParams(window.location.search).get('lng');
const language = isLanguage(requested) ? requested : 'en';
initI18n(language);
document.documentElement.lang = language;

const root = document.getElementById('root');
if (!root) throw new Error('desk.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <DeskApp api={createKioskClient()} />
  </StrictMode>,
);
