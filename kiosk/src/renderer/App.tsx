import { useState } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import type { i18n } from 'i18next';
import { createKioskSessionMachine } from '../flows/index';
import { useKioskClient } from './bridge/client-context';
import { useDocumentLanguage } from './i18n/document-language';
import { SessionProvider, useSession } from './state/session-context';
import { selectLocale, selectRequestActor, selectScreen } from './state/selectors';
import { TopBar } from './components/TopBar';
import { IdleWarning } from './components/IdleWarning';
import { AttractScreen } from './screens/AttractScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { HomeScreen } from './screens/HomeScreen';
import { GoodbyeScreen } from './screens/GoodbyeScreen';
import { RequestJourney } from './screens/RequestJourney';

/** The citizen UI: one session machine whose effects go through the agent's KioskClient. */
export function App({ i18n, documentRoot }: { i18n: i18n; documentRoot: HTMLElement }) {
  const client = useKioskClient();
  const [machine] = useState(() =>
    createKioskSessionMachine({
      loadCatalog: async (locale) => {
        const catalog = await client.call('catalog.list', { locale });
        return { services: catalog.services, stale: catalog.stale };
      },
      fileRequest: (draft) => client.call('request.file', draft),
      newDraftId: () => crypto.randomUUID(),
      // Losing this message only delays the heartbeat's "session active" flag; never block the UI.
      sessionChanged: (active) => void client.call('session.changed', { active }).catch(() => undefined),
    }),
  );
  const session = useActorRef(machine, { input: {} });
  const locale = useSelector(session, selectLocale);
  useDocumentLanguage(i18n, locale, documentRoot);

  // Any touch or key press anywhere is presence: it restarts the idle timer (or answers the warning).
  const noteActivity = () => session.send({ type: 'session.activity' });
  return (
    <SessionProvider session={session}>
      <div className="app" onPointerDownCapture={noteActivity} onKeyDownCapture={noteActivity}>
        <TopBar />
        <CurrentScreen />
        <IdleWarning />
      </div>
    </SessionProvider>
  );
}

function CurrentScreen() {
  const session = useSession();
  const screen = useSelector(session, selectScreen);
  const request = useSelector(session, selectRequestActor);
  const locale = useSelector(session, selectLocale);
  switch (screen) {
    case 'attract':
      return <AttractScreen />;
    case 'language':
      return <LanguageScreen />;
    case 'home':
      return <HomeScreen />;
    case 'filing':
      return request ? <RequestJourney request={request} locale={locale} /> : null;
    case 'goodbye':
      return <GoodbyeScreen />;
  }
}
