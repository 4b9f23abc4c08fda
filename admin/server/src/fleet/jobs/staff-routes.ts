import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, JobCreateSchema, JobListSchema, JobLogsViewSchema, JobStateSchema, JobViewSchema, JobsCreatedSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { forbidden, notFound } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, requireCsrfHeader, sessionGuard } from '../../modules/auth/guard.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionPolicy, SessionUser } from '../../modules/auth/service.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import { requireRole } from '../../modules/workflow/roles.js';
import type { StaffRole } from '../../modules/workflow/roles.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { findJobLogs, listJobs } from './repository.js';
import { cancelJob, createJobs, requireJobTypeAllowed, requireTenantJob, toJobView } from './service.js';
import type { JobTarget, WithinTransaction } from './service.js';

export const JOB_OPERATORS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator']);
const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const IdParams = z.object({ id: z.string().min(1).max(80) });

/** One audit row per job: who queued or cancelled what for which kiosk (ids and codes only). */
function audited(user: SessionUser, ip: string, action: string): WithinTransaction {
  return async (trx, jobs) => {
    for (const job of jobs) {
      await recordAudit(trx, { user, ip: ip === '' ? null : ip }, {
        action,
        targetType: 'fleet-job',
        targetId: job.id,
        details: { type: job.type, deviceId: job.deviceId, state: job.state },
        at: new Date(),
      });
    }
  };
}

/**
 * A staff member scoped to one site reaches only that site's kiosks: their site is added to the
 * target, so another site's kiosk is refused as unknown, and naming another site is forbidden.
 */
export function scopedTarget(body: { deviceIds?: string[] | undefined; site?: string | undefined; group?: string | undefined }, scope: string | null): JobTarget {
  const site = scope ?? body.site;
  if (scope !== null && body.site !== undefined && body.site !== scope) throw forbidden('site-scope', `your account may only send jobs to kiosks of site ${scope}`);
  return { ...(body.deviceIds === undefined ? {} : { deviceIds: body.deviceIds }), ...(site === undefined ? {} : { site }), ...(body.group === undefined ? {} : { group: body.group }) };
}

/** /api/fleet/jobs: fleet operators and admins queue, follow and cancel kiosk jobs. */
export function jobStaffRoutes(db: HubDb, policy: SessionPolicy, bus: FleetBus): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', requireCsrfHeader);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const guard = sessionGuard(db, policy);
    const operator = (user: SessionUser, what: string) => requireRole(user, JOB_OPERATORS, what);

    typed.post('/', { schema: { body: JobCreateSchema, response: { 201: JobsCreatedSchema, ...ERRORS } }, preHandler: guard }, async (request, reply) => {
      const user = currentUser(request);
      operator(user, 'queue kiosk jobs');
      const { type, params, deviceIds, site, group, expiresInSeconds, timeoutSeconds } = request.body;
      requireJobTypeAllowed(user.role, type);
      const jobs = await createJobs(
        db,
        bus,
        {
          tenantId: user.tenantId,
          createdBy: user.userId,
          type,
          params,
          target: scopedTarget({ deviceIds, site, group }, siteScopeOf(user)),
          ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
          ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
        },
        audited(user, request.ip, 'fleet-job.create'),
      );
      return reply.code(201).send({ jobs });
    });

    typed.get(
      '/',
      {
        schema: {
          querystring: z.object({ deviceId: z.string().max(80).optional(), state: JobStateSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: { 200: JobListSchema, ...ERRORS },
        },
        preHandler: guard,
      },
      async (request) => {
        const user = currentUser(request);
        operator(user, 'read kiosk jobs');
        const { deviceId, state, limit } = request.query;
        const site = siteScopeOf(user);
        const rows = await listJobs(db, user.tenantId, { limit, ...(deviceId === undefined ? {} : { deviceId }), ...(state === undefined ? {} : { state }), ...(site === null ? {} : { site }) });
        return { jobs: rows.map(toJobView) };
      },
    );

    typed.get('/:id', { schema: { params: IdParams, response: { 200: JobViewSchema, ...ERRORS } }, preHandler: guard }, async (request) => {
      const user = currentUser(request);
      operator(user, 'read kiosk jobs');
      return toJobView(await requireTenantJob(db, user.tenantId, request.params.id, siteScopeOf(user)));
    });

    typed.get('/:id/logs', { schema: { params: IdParams, response: { 200: JobLogsViewSchema, ...ERRORS } }, preHandler: guard }, async (request) => {
      const user = currentUser(request);
      operator(user, 'read kiosk logs');
      await requireTenantJob(db, user.tenantId, request.params.id, siteScopeOf(user));
      const logs = await findJobLogs(db, request.params.id);
      if (logs === undefined) throw notFound('not-found', 'this job has uploaded no logs');
      return { jobId: logs.job_id, uploadedAt: logs.uploaded_at, lines: JSON.parse(logs.lines) as string[] };
    });

    typed.post('/:id/cancel', { schema: { params: IdParams, response: { 200: JobViewSchema, ...ERRORS } }, preHandler: guard }, async (request) => {
      const user = currentUser(request);
      operator(user, 'cancel kiosk jobs');
      return cancelJob(db, bus, { tenantId: user.tenantId, site: siteScopeOf(user) }, request.params.id, audited(user, request.ip, 'fleet-job.cancel'));
    });
  };
}
