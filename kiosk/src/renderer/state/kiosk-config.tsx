import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { DEFAULT_KIOSK_CONFIG, KIOSK_LOCALES, type AppliedKioskConfig, type KioskClient, type KioskConfig, type KioskLocale } from '@kiosk/shared';

/**
 * The configuration the agent applied (languages, services, idle timers, hours...), as the
 * renderer sees it: read once from `kiosk.describe`, then kept current by 'config.changed'.
 * Null until the agent answered; screens then use the built-in defaults.
 */
export function useAppliedConfig(client: KioskClient): AppliedKioskConfig | null {
  const [applied, setApplied] = useState<AppliedKioskConfig | null>(null);
  useEffect(() => {
    let live = true;
    // An event that arrives before the describe answer is newer: the answer must not undo it.
    let changed = false;
    client.call('kiosk.describe', {}).then(
      (info) => {
        if (live && !changed && info.config) setApplied(info.config);
      },
      () => undefined,
    );
    const off = client.on('config.changed', (next) => {
      changed = true;
      setApplied(next);
    });
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return applied;
}

const KioskConfigContext = createContext<KioskConfig>(DEFAULT_KIOSK_CONFIG);

export function KioskConfigProvider({ config, children }: { config: KioskConfig; children: ReactNode }) {
  return <KioskConfigContext.Provider value={config}>{children}</KioskConfigContext.Provider>;
}

export const useKioskConfig = (): KioskConfig => useContext(KioskConfigContext);

/** The languages to offer: the default first, then the others in the kiosk's usual order. */
export function offeredLanguages(config: Pick<KioskConfig, 'languages' | 'defaultLanguage'>): KioskLocale[] {
  const others = KIOSK_LOCALES.filter((locale) => locale !== config.defaultLanguage && config.languages.includes(locale));
  return [config.defaultLanguage, ...others];
}
