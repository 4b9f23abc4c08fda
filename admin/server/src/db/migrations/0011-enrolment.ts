import type { Kysely } from 'kysely';

/**
 * Kiosk enrolment (device-flow style, RFC 8628): one row per code a new kiosk asked for. Only
 * hashes of the user code, the poll token and the kiosk's secret are kept. Devices gain the site
 * and group an admin assigns at approval (fleet jobs and configuration target them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // sha256 of the normalised user code: unique, so a code names one enrolment forever.
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('poll_token_hash', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('agent_version', 'text', (c) => c.notNull())
    // pending | approved | rejected; "expired" is pending past expires_at, never written.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('last_polled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.references('tenants.id'))
    .addColumn('device_id', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('enrolments_state_expiry_ix').on('enrolments').columns(['state', 'expires_at']).execute();

  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  await db.schema.alterTable('devices').addColumn('site', 'text').execute();
  await db.schema.alterTable('devices').addColumn('device_group', 'text').execute();
}
