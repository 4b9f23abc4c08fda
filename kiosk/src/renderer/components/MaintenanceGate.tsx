import { useEffect, useState, type ReactNode } from 'react';
import { useKioskClient } from '../bridge/client-context';
import { UnavailableScreen } from '../screens/UnavailableScreen';
import { useAppliedConfig } from '../state/kiosk-config';

const reloadPage = () => window.location.reload();

/**
 * Honours the agent's remote jobs that concern the screen: 'renderer.reload' reloads the page,
 * and while a 'maintenance on' job holds, or the applied configuration says `maintenance`, citizens
 * see the out-of-service screen instead of the flow.
 */
export function MaintenanceGate({ children, reload = reloadPage }: { children: ReactNode; reload?: () => void }) {
  const client = useKioskClient();
  const [maintenance, setMaintenance] = useState(false);
  const byConfig = useAppliedConfig(client)?.config.maintenance === true;
  useEffect(() => {
    let live = true;
    // A page loaded while maintenance is on must start out of service, not wait for the next change.
    client.call('kiosk.describe', {}).then(
      (info) => live && setMaintenance(info.maintenance === true),
      () => undefined,
    );
    const offMaintenance = client.on('maintenance.changed', ({ on }) => setMaintenance(on));
    const offReload = client.on('renderer.reload', () => reload());
    return () => {
      live = false;
      offMaintenance();
      offReload();
    };
  }, [client, reload]);
  return maintenance || byConfig ? <UnavailableScreen /> : <>{children}</>;
}
