import type { Kysely } from 'kysely';

/**
 * Desired kiosk configuration (every version kept: the console shows what a kiosk's reported
 * version contained, and a rollout abort restores an earlier one), the offline alert per kiosk
 * (persisted so its hysteresis survives a hub restart), and configuration rollouts in rings.
 * Portable types only: datetimes are ISO text, JSON is text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Version n+1 is inserted by whoever read version n: the primary key turns a concurrent edit
  // into a unique violation (409) instead of a lost update.
  await db.schema
    .createTable('device_config_versions')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A staff user id, or `rollout:<id>` when a rollout wrote it.
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_config_versions_pk', ['device_id', 'version'])
    .execute();

  await db.schema
    .createTable('device_offline_alerts')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    // raised | cleared
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .execute();

  await db.schema
    .createTable('fleet_rollouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    // running | completed | aborted
    .addColumn('state', 'text', (c) => c.notNull())
    // JSON: { configPatch, target, rings, maxFailureRate, ringSoakMs } as the staff member sent it.
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('current_ring', 'integer', (c) => c.notNull())
    .addColumn('ring_started_at', 'text', (c) => c.notNull())
    .addColumn('abort_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fleet_rollouts_state').on('fleet_rollouts').columns(['state']).execute();

  await db.schema
    .createTable('fleet_rollout_devices')
    .addColumn('rollout_id', 'text', (c) => c.notNull().references('fleet_rollouts.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('ring', 'integer', (c) => c.notNull())
    // waiting | applied | restored | refused (the patch made this kiosk's configuration invalid)
    .addColumn('state', 'text', (c) => c.notNull())
    // The desired version before the rollout touched it (0 = defaults), and the one it wrote.
    .addColumn('previous_version', 'integer')
    .addColumn('target_version', 'integer')
    .addPrimaryKeyConstraint('fleet_rollout_devices_pk', ['rollout_id', 'device_id'])
    .execute();
}
