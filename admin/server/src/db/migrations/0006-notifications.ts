import type { Kysely } from 'kysely';

/**
 * Notifications, personal-data retention and transparency figures. Portable types only, like 0001:
 * datetimes are ISO text, flags 0/1. No seed data here: demo SLA values come from
 * modules/notifications/seed.ts, run after the demo tenant exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The promised time to close a case, per service. No foreign key on purpose: a service may be
  // retired while its figures for the last 90 days are still published.
  await db.schema
    .createTable('service_sla')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('sla_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_sla_pk', ['tenant_id', 'service_code'])
    .execute();

  // How long personal fields of a closed case are kept; a tenant without a row uses the hub default.
  await db.schema
    .createTable('retention_policies')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('closed_case_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // How the citizen of a case wants to hear back, and whether they agreed to it.
  await db.schema
    .createTable('case_contact_preferences')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('id_document_hash', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_contact_preferences_pk', ['tenant_id', 'request_id'])
    .addForeignKeyConstraint('case_contact_preferences_case_fk', ['tenant_id', 'request_id'], 'service_requests', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('case_contact_preferences_document_ix')
    .on('case_contact_preferences')
    .columns(['tenant_id', 'id_document_hash'])
    .execute();

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    // The same reminder enqueued twice (a scheduler restarted) must be sent once.
    .addUniqueConstraint('notification_outbox_dedupe_uq', ['tenant_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('notification_outbox_due_ix').on('notification_outbox').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('notification_outbox_case_ix').on('notification_outbox').columns(['tenant_id', 'request_id']).execute();

  // Cases whose personal fields are gone (by retention or on request), so no job scans them again.
  await db.schema
    .createTable('case_anonymisations')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('anonymised_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_anonymisations_pk', ['tenant_id', 'request_id'])
    .execute();

  // What privacy jobs and staff did: counts and who, never the data itself.
  await db.schema
    .createTable('privacy_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('case_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_audit_tenant_ix').on('privacy_audit').columns(['tenant_id', 'created_at']).execute();
}
