import '../zod-jitless';
import '../fonts';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectionSignal } from '../api/connection-signal';
import { createKioskClient } from '../api/kiosk-client';
import { initI18n } from '../i18n';
import { ConsoleApp } from './console-app';
import { chosenConsoleLanguage } from './console-language';

// Until the kiosk says its default language, the console starts in the one chosen on this tablet, or English.
initI18n(chosenConsoleLanguage(window.location.search, window.localStorage) ?? 'en');

const connection = new ConnectionSignal();
const root = document.getElementById('root');
if (!root) throw new Error('console.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ConsoleApp api={createKioskClient(connection.report)} connection={connection} />
  </StrictMode>,
);
