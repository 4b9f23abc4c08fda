import type { FollowUpEffects } from '../../../flows/index';
import type { KioskClient } from '@kiosk/shared';

/** The follow-up journey's effects over the agent's KioskClient. */
export function followUpEffectsFrom(client: KioskClient): FollowUpEffects {
  return {
    lookUpFollowUp: (locale, query) => client.call('followUp.lookup', { locale, query }),
  };
}
