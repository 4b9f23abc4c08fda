import type { Kysely } from 'kysely';

/**
 * The last screenshot of each kiosk (issue 7). One row per kiosk, keyed by device: a new one
 * replaces the old, because a screen image may show more than it should and the hub keeps little.
 * The PNG is stored as base64 text: the same column type and code on SQLite and PostgreSQL, and at
 * most ~2.7 MB per kiosk.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kiosk_screenshots')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('png_base64', 'text', (c) => c.notNull())
    .execute();
}
