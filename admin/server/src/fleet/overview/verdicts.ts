import { HeartbeatSchema } from '@kiosk/shared';
import type { FleetKiosk, Heartbeat } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { DEFAULT_STATUS_POLICY, kioskStatus } from '../kiosk-status.js';
import type { KioskStatusPolicy, KioskStatusVerdict } from '../kiosk-status.js';
import { bundleExpiries, devicesWithLatest } from './repository.js';
import type { DeviceWithLatest } from './repository.js';

/**
 * The one place that turns stored facts into a kiosk's status and reasons: the console's overview
 * and kiosk page use it, and so should every alert on a status reason, so that what pages someone
 * is exactly what the console shows.
 */

export interface JudgedKiosk {
  readonly device: DeviceWithLatest;
  /** The latest heartbeat, parsed (an older agent's gets today's defaults); null if it never reported. */
  readonly heartbeat: Heartbeat | null;
  readonly verdict: KioskStatusVerdict;
}

/** The agent reports its bundle version as a decimal string; anything else is not a version we made. */
function bundleVersionOf(heartbeat: Heartbeat | null): number | null {
  const text = heartbeat?.versions.content ?? null;
  return text !== null && /^\d{1,15}$/.test(text) ? Number(text) : null;
}

/** A stored body that no longer parses counts as no report: the kiosk shows as offline, not the page as broken. */
function parseHeartbeat(body: string): Heartbeat | null {
  try {
    const parsed = HeartbeatSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Judges the given devices (all of one municipality) at `now`. */
export async function judgeDevices(db: HubDb, tenantId: string, devices: readonly DeviceWithLatest[], now: Date, policy: KioskStatusPolicy = DEFAULT_STATUS_POLICY): Promise<JudgedKiosk[]> {
  const heartbeats = devices.map((device) => (device.latest === null ? null : parseHeartbeat(device.latest.body)));
  const versions = heartbeats.map(bundleVersionOf).filter((v): v is number => v !== null);
  const expiries = await bundleExpiries(db, tenantId, versions);
  return devices.map((device, index) => {
    const heartbeat = heartbeats[index] ?? null;
    const version = bundleVersionOf(heartbeat);
    const latest = device.latest === null || heartbeat === null ? undefined : { receivedAt: device.latest.receivedAt, skewMs: device.latest.skewMs, heartbeat };
    const verdict = kioskStatus(latest, now, policy, { contentExpiresAt: version === null ? null : (expiries.get(version) ?? null) });
    return { device, heartbeat, verdict };
  });
}

/** Every active kiosk of a municipality (or of one site of it), judged at `now`. */
export async function currentVerdicts(db: HubDb, tenantId: string, site: string | null, now: Date, policy: KioskStatusPolicy = DEFAULT_STATUS_POLICY): Promise<JudgedKiosk[]> {
  const devices = await devicesWithLatest(db, { tenantId, site, includeRevoked: false });
  return judgeDevices(db, tenantId, devices, now, policy);
}

/** The console's row for one judged kiosk: health and counts, no personal data. */
export function toFleetKiosk({ device, heartbeat, verdict }: JudgedKiosk): FleetKiosk {
  return {
    id: device.id,
    label: device.label,
    site: device.site,
    group: device.group,
    status: verdict.status,
    reasons: [...verdict.reasons],
    lastHeartbeatAt: device.latest?.receivedAt ?? null,
    versions: heartbeat === null ? null : { agent: heartbeat.versions.agent, content: heartbeat.versions.content, config: heartbeat.config.appliedVersion },
    outbox: heartbeat === null ? null : { ...heartbeat.outbox },
  };
}
