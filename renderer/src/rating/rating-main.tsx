import '../zod-jitless';
import '../fonts';
import '../styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createKioskClient } from '../api/kiosk-client';
import { initI18n } from '../i18n';
import { RatingApp } from './rating-app';

initI18n('en');

// A long press on a touch screen opens the context menu; on a tablet it only confuses.
document.addEventListener('contextmenu', (event) => event.preventDefault());

const root = document.getElementById('root');
if (!root) throw new Error('rating.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RatingApp api={createKioskClient()} search={window.location.search} />
  </StrictMode>,
);
