import { ADMIN_ONLY_JOB_TYPES, DISRUPTIVE_JOB_TYPES, JOB_PARAMS_SCHEMAS, JobResultSchema, JobStateSchema } from '@kiosk/shared';
import type { JobResult, JobStateReport, JobType, JobView, KioskJob } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { HubProblem, badRequest, forbidden, notFound } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { activeDeviceIds, findJob, findTenantJob, insertJobs, pendingJobsOf, transitionJob } from './repository.js';
import type { JobRow } from './tables.js';

/** Not picked up within a day: expired (a kiosk switched off for the weekend should not reboot on Monday). */
export const DEFAULT_JOB_EXPIRY_SECONDS = 24 * 3600;
/** Started but not finished within 10 minutes: timed out. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 10 * 60;

export interface JobTarget {
  readonly deviceIds?: readonly string[];
  readonly site?: string;
  readonly group?: string;
}

export interface NewJobs {
  readonly tenantId: string;
  /** A staff user id, or e.g. `rollout:<id>` when another module queues jobs. */
  readonly createdBy: string;
  readonly type: JobType;
  readonly params?: Record<string, unknown>;
  readonly target: JobTarget;
  readonly expiresInSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly rolloutId?: string | null;
  readonly now?: Date;
}

/** E.g. the audit row: it commits or rolls back with the change it records. */
export type WithinTransaction = (trx: HubDb, jobs: readonly JobView[]) => Promise<void>;

const conflict = (code: string, message: string) => new HubProblem(409, code, message);

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    deviceId: row.device_id,
    type: row.type,
    params: JSON.parse(row.params) as Record<string, unknown>,
    state: JobStateSchema.parse(row.state),
    disruptive: row.disruptive === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    expiresAt: row.expires_at,
    timeoutSeconds: row.timeout_seconds,
    result: row.result === null ? null : (JSON.parse(row.result) as JobResult),
    error: row.error,
    rolloutId: row.rollout_id,
  };
}

function toKioskJob(row: JobRow): KioskJob {
  return { id: row.id, type: row.type, params: JSON.parse(row.params) as Record<string, unknown>, disruptive: row.disruptive === 1, createdAt: row.created_at, expiresAt: row.expires_at };
}

/** Whether this staff role may queue this type (the route has already required admin or fleet). */
export function requireJobTypeAllowed(role: string, type: JobType): void {
  if (ADMIN_ONLY_JOB_TYPES.has(type) && role !== 'admin') throw forbidden('role', `only admins may queue ${type} jobs (screens can show a citizen's data)`);
}

/**
 * Queues one job per targeted device and rings each device's doorbell. The entry point for every
 * module that commands kiosks (staff API, configuration rollouts). Unknown or revoked devices in
 * `deviceIds` are refused as a whole, so nothing is queued half.
 */
export async function createJobs(db: HubDb, bus: FleetBus, input: NewJobs, inSameTransaction?: WithinTransaction): Promise<JobView[]> {
  const parsed = JOB_PARAMS_SCHEMAS[input.type].safeParse(input.params ?? {});
  if (!parsed.success) throw badRequest('invalid', `params of a ${input.type} job: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const deviceIds = await activeDeviceIds(db, input.tenantId, input.target);
  if (input.target.deviceIds !== undefined) {
    const missing = [...new Set(input.target.deviceIds)].filter((id) => !deviceIds.includes(id));
    if (missing.length > 0) throw badRequest('unknown-device', `no active kiosk ${missing.join(', ')} in this municipality`);
  }
  if (deviceIds.length === 0) throw badRequest('no-devices', 'the target matches no active kiosk');
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.expiresInSeconds ?? DEFAULT_JOB_EXPIRY_SECONDS) * 1000).toISOString();
  const rows: JobRow[] = deviceIds.map((deviceId) => ({
    id: randomId('job'),
    tenant_id: input.tenantId,
    device_id: deviceId,
    type: input.type,
    params: JSON.stringify(parsed.data),
    state: 'queued',
    disruptive: DISRUPTIVE_JOB_TYPES.has(input.type) ? 1 : 0,
    created_by: input.createdBy,
    created_at: now.toISOString(),
    delivered_at: null,
    started_at: null,
    finished_at: null,
    expires_at: expiresAt,
    timeout_seconds: input.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS,
    result: null,
    error: null,
    rollout_id: input.rolloutId ?? null,
  }));
  const views = rows.map(toJobView);
  await db.transaction().execute(async (trx) => {
    await insertJobs(trx, rows);
    await inSameTransaction?.(trx, views);
  });
  // After the commit: a ring must never point at a row another hub process cannot see yet.
  await Promise.all(rows.map((row) => bus.publish({ type: 'job', deviceId: row.device_id, jobId: row.id })));
  return views;
}

/**
 * The job, if it is the tenant's and (for a staff member scoped to one site, `site` not null) its
 * kiosk is at that site. Anything else is simply not found: a 403 would confirm the job exists.
 */
export async function requireTenantJob(db: HubDb, tenantId: string, id: string, site: string | null = null): Promise<JobRow> {
  const job = await findTenantJob(db, tenantId, id, site);
  if (job === undefined) throw notFound('not-found', 'no such job');
  return job;
}

/** Staff cancel: only while the kiosk has not started it. */
export async function cancelJob(
  db: HubDb,
  bus: FleetBus,
  scope: { tenantId: string; site: string | null },
  id: string,
  inSameTransaction?: WithinTransaction,
  now = new Date(),
): Promise<JobView> {
  const { tenantId } = scope;
  const job = await requireTenantJob(db, tenantId, id, scope.site);
  const cancelled = await db.transaction().execute(async (trx) => {
    const moved = await transitionJob(trx, id, ['queued', 'delivered'], { state: 'cancelled', finished_at: now.toISOString() });
    if (moved) await inSameTransaction?.(trx, [toJobView({ ...job, state: 'cancelled', finished_at: now.toISOString() })]);
    return moved;
  });
  if (!cancelled) {
    const current = await requireTenantJob(db, tenantId, id);
    throw conflict('job-not-cancellable', `the job is ${current.state}; only queued or delivered jobs can be cancelled`);
  }
  // The kiosk may hold it waiting for a session to end: ring so it polls and learns.
  await bus.publish({ type: 'job', deviceId: job.device_id, jobId: id });
  return toJobView(await requireTenantJob(db, tenantId, id));
}

/** The kiosk's poll: its pending jobs; the queued ones are now delivered. */
export async function deliverJobs(db: HubDb, deviceId: string, now = new Date()): Promise<KioskJob[]> {
  const at = now.toISOString();
  const pending = await pendingJobsOf(db, deviceId, at);
  for (const job of pending) {
    if (job.state === 'queued') await transitionJob(db, job.id, ['queued'], { state: 'delivered', delivered_at: at });
  }
  return pending.map(toKioskJob);
}

/** Which current states each report may follow. Anything else is 409; an exact repeat is harmless. */
const REPORT_FROM: Readonly<Record<JobStateReport['state'], readonly string[]>> = {
  'in-progress': ['queued', 'delivered'],
  succeeded: ['queued', 'delivered', 'in-progress'],
  failed: ['queued', 'delivered', 'in-progress'],
  rejected: ['queued', 'delivered'],
};

export async function reportJobState(db: HubDb, deviceId: string, id: string, report: JobStateReport, now = new Date()): Promise<{ id: string; state: JobView['state'] }> {
  const job = await findJob(db, id);
  if (job === undefined || job.device_id !== deviceId) throw notFound('not-found', 'no such job for this kiosk');
  if (job.state === report.state) return { id, state: job.state };
  const at = now.toISOString();
  const result = report.result === undefined ? null : JSON.stringify(JobResultSchema.parse(report.result));
  const changes =
    report.state === 'in-progress'
      ? { state: report.state, started_at: at, delivered_at: job.delivered_at ?? at }
      : { state: report.state, finished_at: at, delivered_at: job.delivered_at ?? at, result, error: report.error ?? null };
  if (await transitionJob(db, id, REPORT_FROM[report.state], changes)) return { id, state: report.state };
  // Lost a race with another process (or the sweep): a repeat is still harmless.
  const current = (await findJob(db, id))?.state ?? job.state;
  if (current === report.state) return { id, state: JobStateSchema.parse(current) };
  throw conflict('invalid-transition', `the job is ${current}; it cannot become ${report.state}`);
}
