import type { Kysely } from 'kysely';

/**
 * Remote jobs for kiosks (issue 6, platform.md "Fleet scale"): one row per job per device, the
 * truth that doorbell rings and LISTEN/NOTIFY only point at; and the lines an upload-logs job sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fleet_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('disruptive', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('rollout_id', 'text')
    .execute();
  await db.schema.createIndex('fleet_jobs_device_state').on('fleet_jobs').columns(['device_id', 'state']).execute();
  await db.schema.createIndex('fleet_jobs_state_expiry').on('fleet_jobs').columns(['state', 'expires_at']).execute();
  await db.schema.createIndex('fleet_jobs_rollout').on('fleet_jobs').column('rollout_id').execute();

  await db.schema
    .createTable('fleet_job_logs')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('fleet_jobs.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .execute();
}
