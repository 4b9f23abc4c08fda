import type { Kysely } from 'kysely';

/**
 * Kiosk intake (issue 4): usage counts kiosks send (never personal data), the batches already
 * counted (a resend is a replay), "call staff" alerts, and the landmarks a kiosk's location step
 * lists. Portable types, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analytics_counts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('journey', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('modes', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_counts_pk', ['tenant_id', 'device_id', 'day', 'type', 'journey', 'step', 'reason', 'locale', 'modes', 'detail'])
    .execute();
  await db.schema.createIndex('analytics_counts_tenant_day_ix').on('analytics_counts').columns(['tenant_id', 'day', 'type']).execute();
  await db.schema
    .createTable('analytics_batches')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_batches_pk', ['device_id', 'batch_id'])
    .execute();
  await db.schema
    .createTable('kiosk_staff_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('screen', 'text', (c) => c.notNull())
    .addColumn('called_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .execute();
  await db.schema.createIndex('kiosk_staff_calls_device_call_uq').on('kiosk_staff_calls').columns(['device_id', 'call_id']).unique().execute();
  await db.schema.createIndex('kiosk_staff_calls_tenant_ix').on('kiosk_staff_calls').columns(['tenant_id', 'acknowledged_at', 'called_at']).execute();
  await db.schema
    .createTable('tenant_landmarks')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address_string', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('long', 'double precision')
    .addPrimaryKeyConstraint('tenant_landmarks_pk', ['tenant_id', 'id', 'locale'])
    .execute();
}
