import type { HubDb } from '../../db/database.js';
import type { ContentTables } from '../../modules/content/tables.js';
import type { HeartbeatTables } from '../heartbeat-tables.js';

/** The only SQL of the fleet views: devices with their latest heartbeat, bundle expiries, history. */

const tables = (db: HubDb) => db.withTables<HeartbeatTables & ContentTables>();

export interface DeviceWithLatest {
  readonly id: string;
  readonly tenantId: string;
  readonly label: string;
  readonly issuer: string;
  readonly site: string | null;
  readonly group: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly latest: { readonly receivedAt: string; readonly skewMs: number; readonly body: string } | null;
}

interface Filter {
  readonly tenantId: string;
  /** Only this site's kiosks (a staff member scoped to one site); null = every site. */
  readonly site: string | null;
  readonly deviceId?: string;
  readonly includeRevoked: boolean;
}

export async function devicesWithLatest(db: HubDb, filter: Filter): Promise<DeviceWithLatest[]> {
  let select = tables(db)
    .selectFrom('devices')
    .leftJoin('device_heartbeats_latest as latest', 'latest.device_id', 'devices.id')
    .select([
      'devices.id',
      'devices.tenant_id',
      'devices.label',
      'devices.issuer',
      'devices.site',
      'devices.device_group',
      'devices.created_at',
      'devices.revoked_at',
      'latest.received_at',
      'latest.skew_ms',
      'latest.body',
    ])
    .where('devices.tenant_id', '=', filter.tenantId);
  if (!filter.includeRevoked) select = select.where('devices.revoked_at', 'is', null);
  if (filter.site !== null) select = select.where('devices.site', '=', filter.site);
  if (filter.deviceId !== undefined) select = select.where('devices.id', '=', filter.deviceId);
  const rows = await select.orderBy('devices.site').orderBy('devices.label').orderBy('devices.id').execute();
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    label: row.label,
    issuer: row.issuer,
    site: row.site,
    group: row.device_group,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    latest: row.received_at === null || row.body === null ? null : { receivedAt: row.received_at, skewMs: Number(row.skew_ms ?? 0), body: row.body },
  }));
}

/** Expiry of each of these bundle versions of one municipality, keyed by version. */
export async function bundleExpiries(db: HubDb, tenantId: string, versions: readonly number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (versions.length === 0) return found;
  const rows = await tables(db)
    .selectFrom('content_bundles')
    .select(['version', 'expires_at'])
    .where('tenant_id', '=', tenantId)
    .where('version', 'in', [...new Set(versions)])
    .execute();
  for (const row of rows) found.set(Number(row.version), row.expires_at);
  return found;
}

/** One kiosk's most recent heartbeats, newest first. */
export async function recentHeartbeats(db: HubDb, deviceId: string, limit: number): Promise<Array<{ receivedAt: string; body: string }>> {
  const rows = await tables(db)
    .selectFrom('device_heartbeat_history')
    .select(['received_at', 'body'])
    .where('device_id', '=', deviceId)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ receivedAt: row.received_at, body: row.body }));
}
