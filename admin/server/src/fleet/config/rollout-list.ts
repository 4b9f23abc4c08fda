import type { RolloutView } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { requireRole } from '../../modules/workflow/roles.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import { FLEET_CONFIG_ROLES } from './access.js';
import { tenantRolloutIds } from './rollout-repository.js';
import { rolloutView } from './rollout-service.js';

/** The console's list: the latest rollouts of the municipality, each with its rings' progress. */
export const ROLLOUT_LIST_LIMIT = 50;

export async function listRollouts(db: HubDb, user: SessionUser, now: Date, policy?: KioskStatusPolicy): Promise<RolloutView[]> {
  requireRole(user, FLEET_CONFIG_ROLES, 'see configuration rollouts');
  const views: RolloutView[] = [];
  for (const id of await tenantRolloutIds(db, user.tenantId, ROLLOUT_LIST_LIMIT, siteScopeOf(user))) views.push(await rolloutView(db, user, id, now, policy));
  return views;
}
