import '../zod-jitless';
import '../fonts';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectionSignal } from '../api/connection-signal';
import { HallCredential } from '../api/hall-credential';
import { createKioskClient } from '../api/kiosk-client';
import { EnrolScreen } from '../enrol/enrol-screen';
import { useNeedsEnrolment } from '../enrol/enrol-gate';
import { initI18n } from '../i18n';
import { ConsoleApp } from './console-app';
import { chosenConsoleLanguage, rememberConsoleLanguage } from './console-language';
import { loadDeskSession } from './desk-session-store';

// Until the kiosk says its default language, the console starts in the one chosen on this tablet, or English.
initI18n(chosenConsoleLanguage(window.location.search, window.localStorage) ?? 'en');

const connection = new ConnectionSignal();
// On a hall server the console is an enrolled device: its credential, from #token=… once, then kept.
const credential = HallCredential.ofPage(window);
const api = createKioskClient(connection.report, credential);

/** The console, or the enrol screen while the hall server does not know this tablet. */
function ConsolePage() {
  const needsEnrolment = useNeedsEnrolment(credential);
  if (!needsEnrolment) return <ConsoleApp api={api} connection={connection} />;
  return (
    <EnrolScreen
      api={api}
      credential={credential}
      page="console"
      deskId={loadDeskSession(window.sessionStorage)?.deskId}
      languageChosen={chosenConsoleLanguage(window.location.search, window.localStorage) !== null}
      onPickLanguage={(language) => rememberConsoleLanguage(window.localStorage, language)}
    />
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('console.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ConsolePage />
  </StrictMode>,
);
