import type { Kysely } from 'kysely';

/**
 * The first schema. Written only with Kysely's schema builder and portable column types
 * (text, integer, double precision) so the same code runs on SQLite and PostgreSQL.
 * Forward-only: a later change is a new migration, never an edit of this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('office_address', 'text', (c) => c.notNull())
    .addColumn('office_lat', 'double precision')
    .addColumn('office_long', 'double precision')
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('service_groups')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_groups_pk', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('service_group_translations')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_group_translations_pk', ['tenant_id', 'group_code', 'locale'])
    .addForeignKeyConstraint('service_group_translations_group_fk', ['tenant_id', 'group_code'], 'service_groups', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('locationless', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('services_pk', ['tenant_id', 'code'])
    .addForeignKeyConstraint('services_group_fk', ['tenant_id', 'group_code'], 'service_groups', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('service_translations')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_translations_pk', ['tenant_id', 'service_code', 'locale'])
    .addForeignKeyConstraint('service_translations_service_fk', ['tenant_id', 'service_code'], 'services', ['tenant_id', 'code'])
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('issuer', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('service_requests')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detailed_status', 'text', (c) => c.notNull())
    .addColumn('status_notes', 'text')
    .addColumn('description', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address_string', 'text')
    .addColumn('address_id', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('long', 'double precision')
    .addColumn('office_location', 'integer', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('account_id', 'text')
    .addColumn('client_device_id', 'text')
    .addColumn('device_id', 'text', (c) => c.references('devices.id'))
    .addColumn('local_reference', 'text')
    .addColumn('device_sequence', 'integer')
    .addColumn('submission_fingerprint', 'text')
    .addColumn('locale', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_requests_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('service_requests_service_fk', ['tenant_id', 'service_code'], 'services', ['tenant_id', 'code'])
    // Second line of defence behind idempotency keys (platform.md): one case per kiosk receipt.
    .addUniqueConstraint('service_requests_device_reference_uq', ['device_id', 'local_reference'])
    .addUniqueConstraint('service_requests_device_sequence_uq', ['device_id', 'device_sequence'])
    .execute();

  await db.schema
    .createIndex('service_requests_local_reference_ix')
    .on('service_requests')
    .columns(['tenant_id', 'local_reference'])
    .execute();
  await db.schema
    .createIndex('service_requests_requested_ix')
    .on('service_requests')
    .columns(['tenant_id', 'requested_at'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['device_id', 'key'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addUniqueConstraint('users_username_uq', ['username'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
