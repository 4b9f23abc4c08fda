import { createContext, useContext, type ReactNode } from 'react';
import type { KioskClient } from '@kiosk/shared';

const KioskClientContext = createContext<KioskClient | null>(null);

export function KioskClientProvider({ client, children }: { client: KioskClient; children: ReactNode }) {
  return <KioskClientContext.Provider value={client}>{children}</KioskClientContext.Provider>;
}

/** The agent's client. A missing provider is a wiring bug, so it fails loudly (not silently offline). */
export function useKioskClient(): KioskClient {
  const client = useContext(KioskClientContext);
  if (client === null) throw new Error('useKioskClient: no KioskClientProvider above this component');
  return client;
}
