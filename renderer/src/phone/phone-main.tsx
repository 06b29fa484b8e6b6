import '../zod-jitless';
import '../fonts';
import '../styles.css';
import './phone.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClientOver } from '../api/create-client';
import { httpCallsTransport } from '../api/http-transport';
import { initI18n } from '../i18n';
import { CallAlert } from './call-alert';
import { PhoneApp } from './phone-app';
import { refFromFragment } from './phone-view';

initI18n('en');

// Calls only: the hall server's events need a device's credential, and a visitor's phone has none.
const api = createClientOver(httpCallsTransport(window.location));

const root = document.getElementById('root');
if (!root) throw new Error('phone.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <PhoneApp
      api={api}
      ticketRef={refFromFragment(window.location.hash)}
      alert={new CallAlert()}
      phoneLanguages={navigator.languages}
    />
  </StrictMode>,
);
