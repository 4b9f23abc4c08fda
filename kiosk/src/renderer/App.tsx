import { useState } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import type { i18n } from 'i18next';
import { createKioskSessionMachine } from '../flows/index';
import { useKioskClient } from './bridge/client-context';
import { useDocumentLanguage } from './i18n/document-language';
import { SessionProvider, useSession } from './state/session-context';
import { selectAppointmentsActor, selectFaqActor, selectFollowUpActor, selectLocale, selectRequestActor, selectScreen } from './state/selectors';
import { FaqJourney } from './journeys/faq/FaqJourney';
import { faqEffectsFrom } from './journeys/faq/effects';
import { FollowUpJourney } from './journeys/follow-up/FollowUpJourney';
import { followUpEffectsFrom } from './journeys/follow-up/effects';
import { AppointmentsJourney } from './journeys/appointments/AppointmentsJourney';
import { appointmentsEffectsFrom } from './journeys/appointments/effects';
import { TopBar } from './components/TopBar';
import { IdleWarning } from './components/IdleWarning';
import { AttractScreen } from './screens/AttractScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { HomeScreen } from './screens/HomeScreen';
import { GoodbyeScreen } from './screens/GoodbyeScreen';
import { SatisfactionScreen } from './screens/SatisfactionScreen';
import { RequestJourney } from './screens/RequestJourney';
import { EnrolmentScreen, useEnrolmentState } from './screens/EnrolmentScreen';

/** The citizen UI: one session machine whose effects go through the agent's KioskClient. */
export function App({ i18n, documentRoot }: { i18n: i18n; documentRoot: HTMLElement }) {
  const client = useKioskClient();
  const [machine] = useState(() =>
    createKioskSessionMachine({
      ...faqEffectsFrom(client),
      ...followUpEffectsFrom(client),
      ...appointmentsEffectsFrom(client),
      loadCatalog: async (locale) => {
        const catalog = await client.call('catalog.list', { locale });
        return { services: catalog.services, landmarks: catalog.landmarks, stale: catalog.stale };
      },
      fileRequest: (draft) => client.call('request.file', draft),
      // Asked before the review: "ok" and "warning" (e.g. paper near its end) still print.
      receiptAvailable: async () => {
        const health = await client.call('devices.health', {});
        return health.printer.state === 'ok' || health.printer.state === 'warning';
      },
      // Usage figures only; a lost event is a lost count, never a reason to block the citizen.
      recordAnalytics: (event) => void client.call('analytics.record', { event }).catch(() => undefined),
      newDraftId: () => crypto.randomUUID(),
      // Losing this message only delays the heartbeat's "session active" flag; never block the UI.
      sessionChanged: (active) => void client.call('session.changed', { active }).catch(() => undefined),
    }),
  );
  const session = useActorRef(machine, { input: {} });
  const locale = useSelector(session, selectLocale);
  useDocumentLanguage(i18n, locale, documentRoot);
  // A kiosk without a credential shows only its enrolment code until an admin approves it.
  const enrolment = useEnrolmentState();
  if (enrolment !== null) return <EnrolmentScreen enrolment={enrolment} />;

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
  const faq = useSelector(session, selectFaqActor);
  const followUp = useSelector(session, selectFollowUpActor);
  const appointments = useSelector(session, selectAppointmentsActor);
  switch (screen) {
    case 'attract':
      return <AttractScreen />;
    case 'language':
      return <LanguageScreen />;
    case 'home':
      return <HomeScreen />;
    case 'filing':
      return request ? <RequestJourney request={request} locale={locale} /> : null;
    case 'faq':
      return faq ? <FaqJourney actor={faq} /> : null;
    case 'followUp':
      return followUp ? <FollowUpJourney actor={followUp} /> : null;
    case 'appointments':
      return appointments ? <AppointmentsJourney actor={appointments} /> : null;
    case 'satisfaction':
      return <SatisfactionScreen />;
    case 'goodbye':
      return <GoodbyeScreen />;
  }
}
