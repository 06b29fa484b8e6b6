import '../zod-jitless';
import '../fonts';
import '../theme.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../api/kiosk-client';
import { initI18n, isLanguage } from '../i18n';
import { TechnicianSession } from './technician-corner';

/*
 * The hall server's technician screen (technician.html): the server has no kiosk screen to tap a
 * corner of, so this page is the PIN pad, then the technician panel with the hall's devices. Its
 * calls are the technician's (the PIN), answered on the server itself, or over the hall LAN when
 * api.technicianFromLan is on.
 */

// The language in the address, as on the other staff pages: technician.html?lng=ru.
const requested = new URLSearchParams(window.location.search).get('lng');
const language = isLanguage(requested) ? requested : 'en';
initI18n(language);
document.documentElement.lang = language;

const api = createKioskClient();

/** Closing the panel or cancelling the PIN signs out: the PIN pad again, empty. */
function TechnicianPage() {
  const [session, setSession] = useState(0);
  return <TechnicianSession key={session} api={api} onEnd={() => setSession((count) => count + 1)} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('technician.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <TechnicianPage />
  </StrictMode>,
);
