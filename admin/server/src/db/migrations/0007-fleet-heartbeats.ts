import type { Kysely } from 'kysely';

/**
 * Kiosk heartbeats: one narrow "latest" row per device (what the fleet view reads) and a history
 * (for the health timeline), pruned by retention (platform.md, "Fleet scale").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('device_heartbeats_latest')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('skew_ms', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('device_heartbeat_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_heartbeat_history_device_time').on('device_heartbeat_history').columns(['device_id', 'received_at']).execute();
}
