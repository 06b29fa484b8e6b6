import './zod-jitless';
import './fonts';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from './api/kiosk-client';
import { initI18n } from './i18n';
import { KioskApp } from './kiosk-app';
import { TechnicianCorner } from './technician/technician-corner';

initI18n('en');

// A long press on a touch screen opens the context menu; on a kiosk it only confuses.
document.addEventListener('contextmenu', (event) => event.preventDefault());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const api = createKioskClient();
createRoot(root).render(
  <StrictMode>
    <KioskApp api={api} />
    <TechnicianCorner api={api} />
  </StrictMode>,
);
