import '../zod-jitless';
import '../fonts';
import './hall.css';
import i18next from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Language } from '../../../main/contract';
import { ConnectionSignal } from '../api/connection-signal';
import { HallCredential } from '../api/hall-credential';
import { createKioskClient } from '../api/kiosk-client';
import { EnrolGate } from '../enrol/enrol-gate';
import { initI18n, isLanguage } from '../i18n';
import { Announcer } from './announcer';
import { HallApp } from './hall-app';
import { spokenLanguages } from './spoken-call';

// The display's headings: hall.html?lng=ru, or else the kiosk's default language once it answers.
const requested = new URLSearchParams(window.location.search).get('lng');
initI18n(isLanguage(requested) ? requested : 'en');
document.documentElement.lang = i18next.language;

const connection = new ConnectionSignal();
// On a hall server the display is an enrolled device: its credential, from #token=… once, then kept.
const credential = HallCredential.ofPage(window);
const api = createKioskClient(connection.report, credential);
let speaking: readonly Language[] = spokenLanguages(window.location.search, []);
const announcer = new Announcer(api, i18next, () => speaking);

api.getKioskInfo({}).then(
  (info) => {
    speaking = spokenLanguages(window.location.search, info.languages);
    if (!isLanguage(requested)) {
      void i18next.changeLanguage(info.defaultLanguage);
      document.documentElement.lang = info.defaultLanguage;
    }
  },
  (error: unknown) => console.error('hall: getKioskInfo failed', error),
);

const root = document.getElementById('root');
if (!root) throw new Error('hall.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <EnrolGate api={api} credential={credential} page="display" languageChosen={isLanguage(requested)}>
      <HallApp api={api} connection={connection} announcer={announcer} />
    </EnrolGate>
  </StrictMode>,
);
