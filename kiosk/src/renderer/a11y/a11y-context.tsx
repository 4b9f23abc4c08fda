import { createContext, useContext, useSyncExternalStore } from 'react';
import type { A11yConfig } from './a11y-config';
import type { A11yPreferences, PreferencesStore } from './preferences';
import type { SpeechOutput } from './speech-output';

export interface A11yServices {
  readonly preferences: PreferencesStore;
  readonly speech: SpeechOutput;
  readonly config: A11yConfig;
}

export const A11yContext = createContext<A11yServices | null>(null);


/** The current preferences, re-rendering on change; null outside an A11yRoot (e.g. isolated screens). */
export function usePreferences(): A11yPreferences | null {
  const services = useContext(A11yContext);
  const store = services?.preferences;
  return useSyncExternalStore(
    (listener) => store?.subscribe(listener) ?? (() => undefined),
    () => store?.get() ?? null,
  );
}
