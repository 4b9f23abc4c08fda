import { DEFAULT_KIOSK_CONFIG, KioskConfigSchema } from '@kiosk/shared';
import type { KioskConfig } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { DeviceConfigTables } from './tables.js';

/** The only SQL on device_config_versions. Rows are never updated or deleted: a version is history. */

const tables = (db: HubDb) => db.withTables<DeviceConfigTables>();

export interface StoredConfig {
  /** 0 when nothing was ever set: DEFAULT_KIOSK_CONFIG. */
  readonly version: number;
  readonly config: KioskConfig;
  readonly updatedAt: string | null;
}

const DEFAULTS: StoredConfig = { version: 0, config: DEFAULT_KIOSK_CONFIG, updatedAt: null };

/** Parsed again on the way out: a row written by an older hub gets today's defaults filled in. */
function stored(row: { version: number; body: string; created_at: string }): StoredConfig {
  return { version: Number(row.version), config: KioskConfigSchema.parse(JSON.parse(row.body)), updatedAt: row.created_at };
}

export async function desiredConfig(db: HubDb, deviceId: string): Promise<StoredConfig> {
  const row = await tables(db)
    .selectFrom('device_config_versions')
    .select(['version', 'body', 'created_at'])
    .where('device_id', '=', deviceId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? DEFAULTS : stored(row);
}

/** Just the number, for every heartbeat answer. */
export async function desiredVersion(db: HubDb, deviceId: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('device_config_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return row?.version === null || row?.version === undefined ? 0 : Number(row.version);
}

/** A given version (0 = the defaults), or undefined when it never existed. */
export async function configVersion(db: HubDb, deviceId: string, version: number): Promise<StoredConfig | undefined> {
  if (version === 0) return DEFAULTS;
  const row = await tables(db)
    .selectFrom('device_config_versions')
    .select(['version', 'body', 'created_at'])
    .where('device_id', '=', deviceId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row === undefined ? undefined : stored(row);
}

/** Inserts `version`; a concurrent writer of the same version makes this throw a unique violation. */
export async function insertConfigVersion(
  db: HubDb,
  row: { deviceId: string; tenantId: string; version: number; config: KioskConfig; at: Date; by: string },
): Promise<void> {
  await tables(db)
    .insertInto('device_config_versions')
    .values({ device_id: row.deviceId, tenant_id: row.tenantId, version: row.version, body: JSON.stringify(row.config), created_at: row.at.toISOString(), created_by: row.by })
    .execute();
}
