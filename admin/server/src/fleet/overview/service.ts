import { HeartbeatSchema } from '@kiosk/shared';
import type { FleetOverview, HealthSample, KioskHealth } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { notFound } from '../../http/problems.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { requireRole } from '../../modules/workflow/roles.js';
import type { StaffRole } from '../../modules/workflow/roles.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import { devicesWithLatest, recentHeartbeats } from './repository.js';
import { currentVerdicts, judgeDevices, toFleetKiosk } from './verdicts.js';

/** Health and counts only, no citizen data: the read-only viewer role may see them too. */
export const FLEET_VIEWERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator', 'viewer']);

/** Enough heartbeats for the last hour at the default 30 s interval; a longer look is the figures' job. */
export const DEFAULT_TIMELINE_LENGTH = 120;

export async function fleetOverview(db: HubDb, user: SessionUser, now: Date, policy: KioskStatusPolicy): Promise<FleetOverview> {
  requireRole(user, FLEET_VIEWERS, 'see the kiosk fleet');
  const judged = await currentVerdicts(db, user.tenantId, siteScopeOf(user), now, policy);
  return { checkedAt: now.toISOString(), kiosks: judged.map(toFleetKiosk) };
}

function sampleOf(row: { receivedAt: string; body: string }): HealthSample | null {
  try {
    const parsed = HeartbeatSchema.safeParse(JSON.parse(row.body));
    if (!parsed.success) return null;
    const { devices, outbox, clockSkewMs, maintenance, sessionActive } = parsed.data;
    return { receivedAt: row.receivedAt, devices, outbox, clockSkewMs, maintenance, sessionActive };
  } catch {
    return null;
  }
}

/**
 * One kiosk of the user's municipality (and site): another tenant's or site's kiosk is simply not
 * found. Revoked kiosks stay readable, so the page a revoke leaves open still makes sense.
 */
export async function kioskHealth(db: HubDb, user: SessionUser, deviceId: string, now: Date, policy: KioskStatusPolicy, limit = DEFAULT_TIMELINE_LENGTH): Promise<KioskHealth> {
  requireRole(user, FLEET_VIEWERS, 'see the kiosk fleet');
  const [device] = await devicesWithLatest(db, { tenantId: user.tenantId, site: siteScopeOf(user), deviceId, includeRevoked: true });
  if (device === undefined) throw notFound('device-not-found', `no kiosk ${deviceId} in this municipality`);
  const [judged] = await judgeDevices(db, user.tenantId, [device], now, policy);
  if (judged === undefined) throw new Error(`kiosk ${deviceId} could not be judged`);
  const history = await recentHeartbeats(db, deviceId, limit);
  return {
    kiosk: { ...toFleetKiosk(judged), issuer: device.issuer, createdAt: device.createdAt, revokedAt: device.revokedAt },
    checkedAt: now.toISOString(),
    skewMs: device.latest === null ? null : device.latest.skewMs,
    timeline: history.map(sampleOf).filter((s): s is HealthSample => s !== null),
  };
}
