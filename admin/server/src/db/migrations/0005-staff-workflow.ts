import type { Kysely } from 'kysely';

/**
 * The staff workflow: who a case is assigned to, when staff expect to finish it (Open311
 * `expected_datetime`), which case a duplicate was merged into, staff-only internal notes, and
 * the append-only audit log (who did what, when, from which address; never citizen data).
 * Portable types only, like 0001. SQLite adds one column per ALTER TABLE, hence three statements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('service_requests').addColumn('assignee_id', 'text', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('service_requests').addColumn('expected_at', 'text').execute();
  await db.schema.alterTable('service_requests').addColumn('merged_into_id', 'text').execute();
  await db.schema
    .createIndex('service_requests_assignee_ix')
    .on('service_requests')
    .columns(['tenant_id', 'assignee_id'])
    .execute();
  await db.schema
    .createIndex('service_requests_merged_into_ix')
    .on('service_requests')
    .columns(['tenant_id', 'merged_into_id'])
    .execute();

  await db.schema
    .createTable('case_internal_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    /** Staff-only text; may mention the citizen, so it is never logged, listed publicly or exported to Open311. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('case_internal_notes_request_fk', ['tenant_id', 'request_id'], 'service_requests', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('case_internal_notes_request_ix')
    .on('case_internal_notes')
    .columns(['tenant_id', 'request_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    // No foreign key on the actor: the trail must outlive a deleted user.
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_tenant_ix').on('audit_log').columns(['tenant_id', 'created_at']).execute();
  await db.schema
    .createIndex('audit_log_target_ix')
    .on('audit_log')
    .columns(['tenant_id', 'target_type', 'target_id', 'created_at'])
    .execute();
}
