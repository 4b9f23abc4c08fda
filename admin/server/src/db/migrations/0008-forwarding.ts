import type { Kysely } from 'kysely';

/**
 * Tables for forwarding cases to a municipality's external GeoReport v2 server: one settings row
 * per tenant, and the hub's own outbox towards that server (platform.md: an external case system
 * without idempotency needs an outbox and a look-up before create). Portable types, like 0001.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('forwarding_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_id', 'text')
    // A secret of the city's system, needed in clear to send it; never echoed back in full.
    .addColumn('api_key', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // Cases filed before this moment stay local: switching forwarding on must not flood the CRM.
    .addColumn('enabled_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('forwarding_outbox')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // Set before the first POST leaves: from then on a create may have happened, so look up first.
    .addColumn('first_posted_at', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_detail', 'text')
    .addColumn('external_id', 'text')
    .addColumn('external_token', 'text')
    // What the CRM said last, so the sync applies only its changes, not our own staff's.
    .addColumn('external_status', 'text')
    .addColumn('external_detailed_status', 'text')
    .addColumn('external_notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forwarding_outbox_pk', ['tenant_id', 'request_id'])
    .addForeignKeyConstraint('forwarding_outbox_case_fk', ['tenant_id', 'request_id'], 'service_requests', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('forwarding_outbox_due_ix').on('forwarding_outbox').columns(['state', 'next_attempt_at']).execute();
  // One external case belongs to one of ours: a look-up can never claim a case twice.
  await db.schema.createIndex('forwarding_outbox_external_uq').on('forwarding_outbox').columns(['tenant_id', 'external_id']).unique().execute();
}
