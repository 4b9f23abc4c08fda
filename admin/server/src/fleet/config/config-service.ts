import type { DeviceConfigView, KioskConfig } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { HubProblem } from '../../http/problems.js';
import { recordDeviceAudit } from '../../modules/devices/audit.js';
import type { Actor } from '../../modules/workflow/audit.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { latestHeartbeat } from '../heartbeat-repository.js';
import { requireTenantDevice } from './access.js';
import { configVersion, desiredConfig, insertConfigVersion } from './config-repository.js';
import { configDelta } from './delta.js';

/** Desired vs reported for one kiosk: what the console shows. Reported = the latest heartbeat. */
export async function deviceConfigView(db: HubDb, deviceId: string): Promise<DeviceConfigView> {
  const desired = await desiredConfig(db, deviceId);
  const latest = await latestHeartbeat(db, deviceId);
  if (latest === undefined) return { deviceId, desired, reported: null, inSync: desired.version === 0, delta: [] };
  const report = latest.heartbeat.config;
  const appliedVersion = report.appliedVersion ?? 0;
  const inSync = appliedVersion === desired.version;
  // The reported version's content is known when this hub wrote it (or it is the defaults).
  const running = inSync ? undefined : await configVersion(db, deviceId, appliedVersion);
  return {
    deviceId,
    desired,
    reported: { ...report, receivedAt: latest.receivedAt },
    inSync,
    delta: running === undefined ? [] : configDelta(desired.config, running.config),
  };
}

/** `"7"`, `7` or `W/"7"` -> 7; anything else is not a version this hub hands out. */
export function parseVersionTag(value: string | undefined): number | null {
  if (value === undefined) return null;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  return match?.[1] === undefined ? null : Number(match[1]);
}

export const versionTag = (version: number) => `"${version}"`;

/**
 * Replaces a kiosk's desired configuration with optimistic concurrency: the caller names the
 * version it edited (If-Match). Another edit in between -> 412; two edits racing for the same
 * next version -> the loser gets 409. The new version and its audit row commit together.
 */
export async function putDeviceConfig(
  db: HubDb,
  bus: FleetBus,
  actor: Actor,
  input: { deviceId: string; ifMatch: string | undefined; config: KioskConfig; now: Date },
): Promise<DeviceConfigView> {
  const device = await requireTenantDevice(db, actor.user, input.deviceId);
  if (input.ifMatch === undefined) throw new HubProblem(428, 'if-match-required', 'send If-Match with the version you edited (the ETag of GET .../config)');
  const expected = parseVersionTag(input.ifMatch);
  if (expected === null) throw new HubProblem(400, 'invalid', 'If-Match must be a configuration version such as "3"');
  try {
    await db.transaction().execute(async (trx) => {
      const current = await desiredConfig(trx, device.id);
      if (current.version !== expected) {
        throw new HubProblem(412, 'version-conflict', `the configuration is at version ${current.version}, not ${expected}: reload it and edit again`);
      }
      const version = current.version + 1;
      await insertConfigVersion(trx, { deviceId: device.id, tenantId: device.tenant_id, version, config: input.config, at: input.now, by: actor.user.userId });
      const changed = configDelta(current.config, input.config).map((d) => d.field);
      await recordDeviceAudit(trx, actor, 'device-config.changed', device.id, { fromVersion: current.version, toVersion: version, fields: changed.join(',') }, input.now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HubProblem(409, 'version-conflict', 'another change to this configuration was saved at the same moment: reload it and edit again');
    throw error;
  }
  await bus.publish({ type: 'config', deviceId: device.id });
  return deviceConfigView(db, device.id);
}
