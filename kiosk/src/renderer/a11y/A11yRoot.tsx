import { useEffect, useMemo, useRef, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskClient } from '../bridge/client-context';
import { useSession } from '../state/session-context';
import { selectScreen } from '../state/selectors';
import { offeredLanguages, useKioskConfig } from '../state/kiosk-config';
import { a11yConfigFrom, largeTextMinFontPx, type A11yConfig } from './a11y-config';
import { A11yContext, type A11yServices } from './a11y-context';
import type { PreferencesStore } from './preferences';
import { keysHelpText } from './keys-help';
import { createSpeechOutput } from './speech-output';
import { SpeechLanguageChooser } from './SpeechLanguageChooser';
import { useFocusModel } from './use-focus-model';
import './a11y.css';

/**
 * The accessibility root around the whole citizen UI: applies the preferences as data attributes
 * (a11y.css does the rest), runs the focus model, starts audio mode when a headset is plugged in,
 * and puts every preference back to its default when the session returns to the attract screen.
 */
export function A11yRoot({ preferences, config: givenConfig, children }: { preferences: PreferencesStore; config?: A11yConfig; children: ReactNode }) {
  const client = useKioskClient();
  const kioskConfig = useKioskConfig();
  // The deployment's keypad map, debounces and panel mounting (the applied configuration), else the defaults.
  const configured = kioskConfig.accessibility;
  const config = useMemo(() => givenConfig ?? a11yConfigFrom(configured), [givenConfig, configured]);
  const session = useSession();
  const { i18n } = useTranslation();
  const speech = useMemo(() => createSpeechOutput(client, preferences), [client, preferences]);
  const services = useMemo<A11yServices>(() => ({ preferences, speech, config }), [preferences, speech, config]);
  const current = useSyncExternalStore(preferences.subscribe, preferences.get);
  const ref = useRef<HTMLDivElement>(null);
  const languages = useMemo(() => offeredLanguages(kioskConfig), [kioskConfig]);
  useFocusModel(ref, { preferences, speech, config, session, i18n, languages });

  useEffect(() => {
    let previous = selectScreen(session.getSnapshot());
    const subscription = session.subscribe((snapshot) => {
      const screen = selectScreen(snapshot);
      if (screen === 'attract' && previous !== 'attract') {
        // The agent resets its own volume and rate when the session ends (session.changed).
        speech.stop();
        preferences.reset();
      }
      previous = screen;
    });
    return () => subscription.unsubscribe();
  }, [session, preferences, speech]);

  useEffect(
    () =>
      client.on('headset.changed', ({ connected }) => {
        if (!connected || preferences.get().audio === 'on') return;
        preferences.set({ audio: 'on' });
        const locale = session.getSnapshot().context.locale;
        void speech.say(`${i18n.t('a11y.audioOn')} ${keysHelpText((key, options) => (i18n.t as (k: string, o?: object) => string)(key, options ?? {}), config.keymap)}`, locale);
      }),
    [client, preferences, session, speech, i18n, config],
  );

  const style = {
    '--a11y-min-font': `${largeTextMinFontPx(config)}px`,
    // Rounded up: a control may sit a little lower than the limit, never higher.
    '--a11y-reach-offset': `${Math.ceil(config.reachTopFraction * 1000) / 10}vh`,
  } as CSSProperties;
  return (
    <A11yContext.Provider value={services}>
      <div
        ref={ref}
        className="a11y-root"
        data-testid="a11y-root"
        data-text-size={current.textSize}
        data-contrast={current.contrast}
        data-reach={current.reach}
        data-audio={current.audio}
        data-curtain={current.curtain}
        style={style}
      >
        {children}
        <SpeechLanguageChooser />
      </div>
    </A11yContext.Provider>
  );
}
