import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, FLEET_BASE_PATH, JobLogUploadSchema, JobStateAnswerSchema, JobStateReportSchema, KioskJobListSchema, jobRoutes } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import { makeErrorHandler, renderApiError } from '../../http/error-handler.js';
import { HubProblem, notFound } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { deviceOf, requireDevice } from '../device-auth.js';
import { findJob, insertJobLogs } from './repository.js';
import { deliverJobs, reportJobState } from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const IdParams = z.object({ id: z.string().min(1).max(80) });
/** Room for MAX_LOG_UPLOAD_LINES lines of MAX_LOG_LINE_CHARS plus JSON escaping; the hub default is 64 KiB. */
export const LOG_UPLOAD_BODY_LIMIT = 1024 * 1024;
const relative = (path: string) => path.slice(FLEET_BASE_PATH.length);

/** The kiosk side of jobs, under /fleet/v1 with the device's own credential. */
export function jobKioskRoutes(db: HubDb): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.setErrorHandler(makeErrorHandler(renderApiError));
    requireDevice(app, db);

    typed.get(relative(jobRoutes.list.path), { schema: { response: { 200: KioskJobListSchema, ...ERRORS } } }, async (request) => ({
      jobs: await deliverJobs(db, deviceOf(request).id),
    }));

    typed.post(
      relative(jobRoutes.state.path),
      { schema: { params: IdParams, body: JobStateReportSchema, response: { 200: JobStateAnswerSchema, ...ERRORS } } },
      async (request) => reportJobState(db, deviceOf(request).id, request.params.id, request.body),
    );

    typed.post(
      relative(jobRoutes.logs.path),
      { bodyLimit: LOG_UPLOAD_BODY_LIMIT, schema: { params: IdParams, body: JobLogUploadSchema, response: { 200: z.object({ lines: z.number().int() }), ...ERRORS } } },
      async (request) => {
        const device = deviceOf(request);
        const job = await findJob(db, request.params.id);
        if (job === undefined || job.device_id !== device.id) throw notFound('not-found', 'no such job for this kiosk');
        if (job.type !== 'upload-logs') throw new HubProblem(409, 'invalid-transition', 'only upload-logs jobs take logs');
        if (job.state !== 'in-progress') throw new HubProblem(409, 'invalid-transition', `the job is ${job.state}; logs are taken while it is in progress`);
        try {
          await insertJobLogs(db, {
            job_id: job.id,
            tenant_id: job.tenant_id,
            device_id: device.id,
            uploaded_at: new Date().toISOString(),
            line_count: request.body.lines.length,
            lines: JSON.stringify(request.body.lines),
          });
        } catch (error) {
          // A retried upload after a lost answer: the first one stands.
          if (!isUniqueViolation(error)) throw error;
        }
        return { lines: request.body.lines.length };
      },
    );

    // Without an Upgrade header the doorbell path is a plain GET: tell the client what it needs.
    typed.get(relative(jobRoutes.doorbell.path), async (_request, reply) => reply.code(426).header('upgrade', 'websocket').send({ error: { code: 'upgrade-required', message: 'the doorbell is a WebSocket' } }));
  };
}
