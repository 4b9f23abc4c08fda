import type { HubDb } from '../../db/database.js';
import type { JobRow, JobTables } from './tables.js';

/** The only SQL on fleet_jobs and fleet_job_logs. State changes are conditional on the current state, so two hub processes never both win. */

const tables = (db: HubDb) => db.withTables<JobTables>();

export async function insertJobs(db: HubDb, rows: readonly JobRow[]): Promise<void> {
  if (rows.length > 0) await tables(db).insertInto('fleet_jobs').values([...rows]).execute();
}

export async function findJob(db: HubDb, id: string): Promise<JobRow | undefined> {
  return tables(db).selectFrom('fleet_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One job of the tenant, only if its kiosk is at `site` when a site is given (a site-scoped staff member). */
export async function findTenantJob(db: HubDb, tenantId: string, id: string, site: string | null): Promise<JobRow | undefined> {
  let select = tables(db).selectFrom('fleet_jobs').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId);
  if (site !== null) select = select.where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site));
  return select.executeTakeFirst();
}

export interface JobFilter {
  readonly deviceId?: string;
  readonly state?: string;
  readonly rolloutId?: string;
  /** Only jobs of kiosks at this site (a staff member scoped to one site). */
  readonly site?: string;
  readonly limit: number;
}

/** Newest first. */
export async function listJobs(db: HubDb, tenantId: string, filter: JobFilter): Promise<JobRow[]> {
  let select = tables(db).selectFrom('fleet_jobs').selectAll().where('tenant_id', '=', tenantId);
  if (filter.deviceId !== undefined) select = select.where('device_id', '=', filter.deviceId);
  if (filter.state !== undefined) select = select.where('state', '=', filter.state);
  if (filter.rolloutId !== undefined) select = select.where('rollout_id', '=', filter.rolloutId);
  const site = filter.site;
  if (site !== undefined) select = select.where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.site', '=', site));
  return select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Jobs a device has not started yet and that are still valid, oldest first. */
export async function pendingJobsOf(db: HubDb, deviceId: string, now: string): Promise<JobRow[]> {
  return tables(db)
    .selectFrom('fleet_jobs')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('state', 'in', ['queued', 'delivered'])
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Moves a job from one of `from` to a new state with the given columns; true if this call did it. */
export async function transitionJob(db: HubDb, id: string, from: readonly string[], changes: Partial<JobRow> & { state: string }): Promise<boolean> {
  const result = await tables(db).updateTable('fleet_jobs').set(changes).where('id', '=', id).where('state', 'in', [...from]).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function expireJobs(db: HubDb, now: string): Promise<JobRow[]> {
  const due = await tables(db).selectFrom('fleet_jobs').selectAll().where('state', 'in', ['queued', 'delivered']).where('expires_at', '<=', now).execute();
  const moved: JobRow[] = [];
  for (const job of due) {
    if (await transitionJob(db, job.id, ['queued', 'delivered'], { state: 'expired', finished_at: now, error: 'expired' })) moved.push(job);
  }
  return moved;
}

export async function runningJobs(db: HubDb): Promise<JobRow[]> {
  return tables(db).selectFrom('fleet_jobs').selectAll().where('state', '=', 'in-progress').execute();
}

export async function activeDeviceIds(db: HubDb, tenantId: string, target: { deviceIds?: readonly string[]; site?: string; group?: string }): Promise<string[]> {
  let select = tables(db).selectFrom('devices').select('id').where('tenant_id', '=', tenantId).where('revoked_at', 'is', null);
  if (target.deviceIds !== undefined) select = select.where('id', 'in', [...target.deviceIds]);
  if (target.site !== undefined) select = select.where('site', '=', target.site);
  if (target.group !== undefined) select = select.where('device_group', '=', target.group);
  return (await select.orderBy('id').execute()).map((row) => row.id);
}

export async function insertJobLogs(db: HubDb, row: JobTables['fleet_job_logs']): Promise<void> {
  await tables(db).insertInto('fleet_job_logs').values(row).execute();
}

export async function findJobLogs(db: HubDb, jobId: string): Promise<JobTables['fleet_job_logs'] | undefined> {
  return tables(db).selectFrom('fleet_job_logs').selectAll().where('job_id', '=', jobId).executeTakeFirst();
}
