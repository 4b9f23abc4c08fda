import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { agentSocketUrl, readAgentToken } from './bridge/agent-address';
import { KioskClientProvider } from './bridge/client-context';
import { createIpcKioskClient, findKioskBridge } from './bridge/ipc-kiosk-client';
import { createWebSocketKioskClient } from './bridge/ws-kiosk-client';
import { createKioskI18n } from './i18n/create-i18n';
import './i18n/i18next-types';
import { App } from './App';
import { UnavailableScreen } from './screens/UnavailableScreen';
import { MaintenanceGate } from './components/MaintenanceGate';
import './styles/kiosk.css';

// Composition root: the only place that reads the page's globals.
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const i18n = createKioskI18n();
const token = readAgentToken(document);
// Under Electron the preload exposes the IPC bridge; in browser mode the agent served a token for
// its loopback WebSocket. Same KioskClient contract either way.
const bridge = findKioskBridge(window);
const client = bridge
  ? createIpcKioskClient(bridge)
  : token === null
    ? null
    : createWebSocketKioskClient({ url: agentSocketUrl(window.location, token) });

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {client === null ? (
        <UnavailableScreen />
      ) : (
        <KioskClientProvider client={client}>
          <MaintenanceGate>
            <App i18n={i18n} documentRoot={document.documentElement} />
          </MaintenanceGate>
        </KioskClientProvider>
      )}
    </I18nextProvider>
  </StrictMode>,
);
