import type { HubDb } from '../../db/database.js';
import { notFound } from '../../http/problems.js';
import { withinSiteScope } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { findDevice } from '../../modules/devices/repository.js';
import type { DeviceRow } from '../../modules/devices/repository.js';
import { requireRole } from '../../modules/workflow/roles.js';
import type { StaffRole } from '../../modules/workflow/roles.js';

/** Who may read and change kiosk configuration and run rollouts. */
export const FLEET_CONFIG_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator']);

/**
 * The device, if it belongs to the user's municipality (and site, for a staff member scoped to
 * one): another tenant's or site's kiosk is simply not found.
 */
export async function requireTenantDevice(db: HubDb, user: SessionUser, deviceId: string): Promise<DeviceRow> {
  requireRole(user, FLEET_CONFIG_ROLES, 'manage kiosk configuration');
  const device = await findDevice(db, deviceId);
  if (device === undefined || device.tenant_id !== user.tenantId || !withinSiteScope(user, device.site)) throw notFound('device-not-found', `no kiosk ${deviceId} in this municipality`);
  return device;
}
