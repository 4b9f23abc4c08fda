import type { Kysely } from 'kysely';

/**
 * Requests kiosks dead-lettered (issue 6): one row per (device, local reference), reported by the
 * kiosk with the submission so staff can inspect, correct and resend it. Never deleted: a resent
 * row stays, marked resent, and reopens if the resend is refused again. Portable types, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fleet_dead_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'integer', (c) => c.notNull())
    .addColumn('local_reference', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    // The key of the refused attempt: a report repeating it is a replay and changes nothing.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    // Personal data (the citizen's words and contact): shown only to admin and fleet staff.
    .addColumn('submission', 'text', (c) => c.notNull())
    .addColumn('corrected_submission', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    // Minted at each resend request; the kiosk echoes it to confirm it applied that fix.
    .addColumn('fix_id', 'text')
    .addColumn('reports', 'integer', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resent_at', 'text')
    .execute();
  // One dead letter per receipt: keyed by the reference, not the kiosk's row id (a reinstalled
  // kiosk's store numbers its rows from 1 again; its references never repeat).
  await db.schema.createIndex('fleet_dead_letters_device_reference_uq').on('fleet_dead_letters').columns(['device_id', 'local_reference']).unique().execute();
  await db.schema.createIndex('fleet_dead_letters_tenant_state_ix').on('fleet_dead_letters').columns(['tenant_id', 'state', 'updated_at']).execute();
}
