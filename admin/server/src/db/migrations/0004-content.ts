import type { Kysely } from 'kysely';

/**
 * Content: FAQ entries and procedure sheets, every edit a new version (texts of all languages in
 * one JSON row), one published version per entry, a per-tenant revision that publishing bumps,
 * and the signed bundles kiosks download (manifest + content-addressed files + signing key).
 * Portable types only, like 0001: ISO text datetimes, integers, JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_entries')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_code', 'text')
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    /** Null while the entry is a draft only (or was unpublished): kiosks never see it. */
    .addColumn('published_version', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_entries_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('content_entries_service_fk', ['tenant_id', 'service_code'], 'services', ['tenant_id', 'code'])
    .execute();
  await db.schema.createIndex('content_entries_published_ix').on('content_entries').columns(['tenant_id', 'published_version']).execute();

  await db.schema
    .createTable('content_versions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** JSON object locale -> texts of that language. */
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** The staff user id who wrote it (or `seed`). */
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_versions_pk', ['tenant_id', 'entry_id', 'version'])
    .addForeignKeyConstraint('content_versions_entry_fk', ['tenant_id', 'entry_id'], 'content_entries', ['tenant_id', 'id'])
    .execute();

  await db.schema
    .createTable('content_state')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    /** Bumped on every publish/unpublish: search caches and bundles key on it. */
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('content_bundles')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    /** Canonical JSON of the manifest: exactly the signed bytes. */
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_bundles_pk', ['tenant_id', 'version'])
    .execute();

  await db.schema
    .createTable('content_files')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_files_pk', ['tenant_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('content_signing_keys')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
