import '../zod-jitless';
import '../fonts';
import '../styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskId } from '../../../main/contract';
import { HallCredential } from '../api/hall-credential';
import { createKioskClient } from '../api/kiosk-client';
import { EnrolGate } from '../enrol/enrol-gate';
import { initI18n } from '../i18n';
import { RatingApp } from './rating-app';

initI18n('en');

// A long press on a touch screen opens the context menu; on a tablet it only confuses.
document.addEventListener('contextmenu', (event) => event.preventDefault());

// On a hall server the tablet is an enrolled device: its credential, from #token=… once, then kept.
const credential = HallCredential.ofPage(window);
const api = createKioskClient(undefined, credential);
const desk = DeskId.safeParse(new URLSearchParams(window.location.search).get('desk'));

const root = document.getElementById('root');
if (!root) throw new Error('rating.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {/* Its screens follow the kiosk's default language, and so does the enrol screen. */}
    <EnrolGate
      api={api}
      credential={credential}
      page="rating-tablet"
      deskId={desk.success ? desk.data : null}
      languageChosen={false}
    >
      <RatingApp api={api} search={window.location.search} />
    </EnrolGate>
  </StrictMode>,
);
