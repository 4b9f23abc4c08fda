import { Suspense, useEffect, useState } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import type { i18n } from 'i18next';
import { DEFAULT_KIOSK_CONFIG } from '@kiosk/shared';
import { createKioskSessionMachine, timersFromConfig, type OpeningStatus } from '../flows/index';
import { useKioskClient } from './bridge/client-context';
import { useDocumentLanguage } from './i18n/document-language';
import { SessionProvider, useSession } from './state/session-context';
import { selectAppointmentsActor, selectFaqActor, selectFollowUpActor, selectLocale, selectRequestActor, selectScreen } from './state/selectors';
import { faqEffectsFrom } from './journeys/faq/effects';
import { followUpEffectsFrom } from './journeys/follow-up/effects';
import { AppointmentsJourney, FaqJourney, FollowUpJourney, RequestJourney, prefetchJourneys } from './journeys/lazy-journeys';
import { appointmentsEffectsFrom } from './journeys/appointments/effects';
import { TopBar } from './components/TopBar';
import { IdleWarning } from './components/IdleWarning';
import { AttractScreen } from './screens/AttractScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { HomeScreen } from './screens/HomeScreen';
import { GoodbyeScreen } from './screens/GoodbyeScreen';
import { SatisfactionScreen } from './screens/SatisfactionScreen';
import { OutOfHoursScreen } from './screens/OutOfHoursScreen';
import { KioskConfigProvider, useAppliedConfig } from './state/kiosk-config';
import { useOpeningStatus } from './state/use-opening-status';
import { EnrolmentScreen, useEnrolmentState } from './screens/EnrolmentScreen';
import { A11yRoot } from './a11y/A11yRoot';
import { createPreferencesStore, modesOf } from './a11y/preferences';

/** The citizen UI: one session machine whose effects go through the agent's KioskClient. */
export function App({ i18n, documentRoot }: { i18n: i18n; documentRoot: HTMLElement }) {
  const client = useKioskClient();
  const [a11y] = useState(createPreferencesStore);
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
      recordAnalytics: (event) => void client.call('analytics.record', { event: { ...event, modes: modesOf(a11y.get()) } }).catch(() => undefined),
      newDraftId: () => crypto.randomUUID(),
      // Losing this message only delays the heartbeat's "session active" flag; never block the UI.
      sessionChanged: (active) => {
        // The journeys download while the citizen picks a language (lazy-journeys.tsx).
        if (active) prefetchJourneys();
        void client.call('session.changed', { active }).catch(() => undefined);
      },
    }),
  );
  const session = useActorRef(machine, { input: {} });
  // A renderer that (re)loads starts on the attract screen: whatever session the agent remembers
  // from a renderer that crashed or reloaded mid-journey is over, so held remote jobs may run.
  useEffect(() => void client.call('session.changed', { active: false }).catch(() => undefined), [client]);
  const locale = useSelector(session, selectLocale);
  useDocumentLanguage(i18n, locale, documentRoot);
  // The configuration the agent applied: idle timers (from the next session on), languages, hours.
  const applied = useAppliedConfig(client);
  const config = applied?.config ?? DEFAULT_KIOSK_CONFIG;
  const { idleTimeoutSeconds, idleWarningSeconds } = config;
  useEffect(() => {
    session.send({ type: 'config.timers', timers: timersFromConfig({ idleTimeoutSeconds, idleWarningSeconds }) });
  }, [session, idleTimeoutSeconds, idleWarningSeconds]);
  // Sessions start in (and return to) the configured default language, not always Spanish.
  const { defaultLanguage } = config;
  useEffect(() => session.send({ type: 'config.defaultLocale', locale: defaultLanguage }), [session, defaultLanguage]);
  const opening = useOpeningStatus(config.openingHours);
  // A kiosk without a credential shows only its enrolment code until an admin approves it.
  const enrolment = useEnrolmentState();
  if (enrolment !== null) return <EnrolmentScreen enrolment={enrolment} />;

  // Any touch or key press anywhere is presence: it restarts the idle timer (or answers the warning).
  const noteActivity = () => session.send({ type: 'session.activity' });
  return (
    <KioskConfigProvider config={config}>
      <SessionProvider session={session}>
        <A11yRoot preferences={a11y}>
          {/* data-config-version: which configuration the screens use ("loading": the built-in defaults until the agent answers). */}
          <div className="app" data-config-version={applied === null ? 'loading' : String(applied.version ?? 'default')} onPointerDownCapture={noteActivity} onKeyDownCapture={noteActivity}>
            <TopBar />
            <Suspense fallback={<main className="screen" aria-busy="true" />}>
              <CurrentScreen opening={opening} />
            </Suspense>
            <IdleWarning />
          </div>
        </A11yRoot>
      </SessionProvider>
    </KioskConfigProvider>
  );
}

function CurrentScreen({ opening }: { opening: OpeningStatus }) {
  const session = useSession();
  const screen = useSelector(session, selectScreen);
  const request = useSelector(session, selectRequestActor);
  const locale = useSelector(session, selectLocale);
  const faq = useSelector(session, selectFaqActor);
  const followUp = useSelector(session, selectFollowUpActor);
  const appointments = useSelector(session, selectAppointmentsActor);
  switch (screen) {
    case 'attract':
      // Closed: no new session starts; one in progress at closing time ends normally (not here).
      return opening.open ? <AttractScreen /> : <OutOfHoursScreen next={opening.next} locale={locale} />;
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
