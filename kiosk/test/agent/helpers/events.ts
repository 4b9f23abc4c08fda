import type { KioskClient, KioskEventData, KioskEventName } from '@kiosk/shared';

/** The next `event` the agent pushes to `client` (listening stops once it came). */
export function nextEvent<E extends KioskEventName>(client: Pick<KioskClient, 'on'>, event: E): Promise<KioskEventData<E>> {
  return new Promise((resolve) => {
    const stop = client.on(event, (data) => {
      stop();
      resolve(data);
    });
  });
}
