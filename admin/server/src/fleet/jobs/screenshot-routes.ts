import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, JOB_SCREENSHOT_PATH, ScreenshotInfoSchema, FLEET_BASE_PATH, MAX_SCREENSHOT_BYTES, SCREENSHOT_JOB_HEADER, SCREENSHOT_TAKEN_AT_HEADER, readPngSize } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { makeErrorHandler, renderApiError } from '../../http/error-handler.js';
import { HubProblem, badRequest, notFound } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../../modules/auth/guard.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionPolicy } from '../../modules/auth/service.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import { KEY_ADMINS, requireRole } from '../../modules/workflow/roles.js';
import { deviceOf, requireDevice } from '../device-auth.js';
import { findJob } from './repository.js';
import { findLatestScreenshot, saveLatestScreenshot } from './screenshot-store.js';

const IdParams = z.object({ id: z.string().min(1).max(80) });
const KIOSK_ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 413: ApiErrorSchema, 415: ApiErrorSchema, 500: ApiErrorSchema };
/** Screenshots can show a citizen's data: admins only, as for the job that takes them. */
const SCREENSHOT_VIEWERS = KEY_ADMINS;

/**
 * PUT /fleet/v1/jobs/:id/screenshot: a kiosk hands in the PNG of its own screenshot job while
 * that job is in progress (raw image/png body). The hub keeps only the latest one per kiosk.
 */
function kioskScreenshotRoutes(db: HubDb): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.setErrorHandler(makeErrorHandler(renderApiError));
    requireDevice(app, db);
    // Only in this plugin: the raw bytes, up to the limit (Fastify answers 413 above it).
    app.addContentTypeParser('image/png', { parseAs: 'buffer', bodyLimit: MAX_SCREENSHOT_BYTES }, (_request, body, done) => done(null, body));

    typed.put(
      JOB_SCREENSHOT_PATH.slice(FLEET_BASE_PATH.length),
      { bodyLimit: MAX_SCREENSHOT_BYTES, schema: { params: IdParams, response: { 200: z.object({ bytes: z.number().int(), width: z.number().int(), height: z.number().int() }), ...KIOSK_ERRORS } } },
      async (request) => {
        const device = deviceOf(request);
        const job = await findJob(db, request.params.id);
        if (job === undefined || job.device_id !== device.id) throw notFound('not-found', 'no such job for this kiosk');
        if (job.type !== 'screenshot') throw new HubProblem(409, 'invalid-transition', 'only screenshot jobs take a screenshot');
        if (job.state !== 'in-progress') throw new HubProblem(409, 'invalid-transition', `the job is ${job.state}; a screenshot is taken while it is in progress`);
        if (!Buffer.isBuffer(request.body)) throw new HubProblem(415, 'unsupported-media-type', 'send the screenshot as a raw image/png body');
        const png = request.body;
        const size = readPngSize(png);
        if (size === null) throw badRequest('not-png', 'the body is not a PNG image');
        await saveLatestScreenshot(db, {
          device_id: device.id,
          tenant_id: job.tenant_id,
          job_id: job.id,
          taken_at: new Date().toISOString(),
          width: size.width,
          height: size.height,
          bytes: png.length,
          png_base64: png.toString('base64'),
        });
        return { bytes: png.length, ...size };
      },
    );
  };
}

/**
 * GET /api/fleet/devices/:id/screenshot: the kiosk's latest screenshot as image/png, each view
 * audited; `/info`: when and by which job it was taken (no image, so not audited).
 */
function staffScreenshotRoutes(db: HubDb, policy: SessionPolicy): FastifyPluginAsync {
  return async (app) => {
    protectStaffApi(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const onRequest = sessionGuard(db, policy);

    typed.get(
      '/:id/screenshot/info',
      { schema: { params: IdParams, response: { 200: ScreenshotInfoSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema } }, onRequest },
      async (request) => {
        const user = currentUser(request);
        requireRole(user, SCREENSHOT_VIEWERS, 'see kiosk screenshots');
        const shot = await findLatestScreenshot(db, { tenantId: user.tenantId, site: siteScopeOf(user) }, request.params.id);
        if (shot === undefined) throw notFound('not-found', 'this kiosk has no screenshot');
        return { deviceId: shot.device_id, jobId: shot.job_id, takenAt: shot.taken_at, width: shot.width, height: shot.height, bytes: shot.bytes };
      },
    );

    typed.get('/:id/screenshot', { schema: { params: IdParams }, onRequest } /* 200 is image/png: no JSON schema */, async (request, reply) => {
      const user = currentUser(request);
      requireRole(user, SCREENSHOT_VIEWERS, 'see kiosk screenshots');
      const shot = await findLatestScreenshot(db, { tenantId: user.tenantId, site: siteScopeOf(user) }, request.params.id);
      if (shot === undefined) throw notFound('not-found', 'this kiosk has no screenshot');
      // Who looked at which kiosk's screen, and which capture: never the image itself.
      await recordAudit(db, { user, ip: request.ip === '' ? null : request.ip }, {
        action: 'fleet-screenshot.view',
        targetType: 'device',
        targetId: shot.device_id,
        details: { jobId: shot.job_id, takenAt: shot.taken_at },
        at: new Date(),
      });
      return reply
        .type('image/png')
        .header(SCREENSHOT_TAKEN_AT_HEADER, shot.taken_at)
        .header(SCREENSHOT_JOB_HEADER, shot.job_id)
        .send(Buffer.from(shot.png_base64, 'base64'));
    });
  };
}

/** The screenshot routes of both sides; registered by jobs/routes.ts. */
export function jobScreenshotRoutes(db: HubDb, policy: SessionPolicy): FastifyPluginAsync {
  return async (app) => {
    await app.register(kioskScreenshotRoutes(db), { prefix: FLEET_BASE_PATH });
    await app.register(staffScreenshotRoutes(db, policy), { prefix: '/api/fleet/devices' });
  };
}
