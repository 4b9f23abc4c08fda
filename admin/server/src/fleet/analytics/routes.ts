import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ANALYTICS_PATH, AnalyticsBatchAnswerSchema, AnalyticsBatchSchema, AnalyticsCountSchema, ApiErrorSchema, STAFF_CALLS_PATH, StaffCallSchema } from '@kiosk/shared';
import { consoleFiguresRoutes } from './figures-routes.js';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import { makeErrorHandler, renderApiError } from '../../http/error-handler.js';
import { notFound } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, requireCsrfHeader, sessionGuard } from '../../modules/auth/guard.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import { requireRole, type StaffRole } from '../../modules/workflow/roles.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { deviceOf, requireDevice } from '../device-auth.js';
import { acknowledgeStaffCall, addAnalyticsBatch, analyticsCounts, openStaffCalls, recordStaffCall } from './repository.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const StaffCallViewSchema = z.object({ id: z.string(), deviceId: z.string(), screen: z.string(), calledAt: z.string(), acknowledgedAt: z.string().nullable() });
/** Staff at the office answer kiosk calls; usage figures are for those who run the service. */
const CALL_ANSWERERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'operator', 'editor', 'caseworker']);
const FIGURE_READERS: ReadonlySet<StaffRole> = new Set<StaffRole>(['admin', 'editor', 'viewer', 'operator']);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Kiosk intake signals (issue 4): usage counts and "call staff" alerts sent by kiosks (device
 * credential), read by staff (session; the console's figures and alert list, issue 7).
 */
export function intakeRoutes(db: HubDb, config: HubConfig, _bus: FleetBus, now: () => Date = () => new Date()): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    await app.register(async (kiosk) => {
      kiosk.setErrorHandler(makeErrorHandler(renderApiError));
      requireDevice(kiosk, db);
      const typed = kiosk.withTypeProvider<ZodTypeProvider>();
      typed.post(ANALYTICS_PATH, { schema: { body: AnalyticsBatchSchema, response: { 200: AnalyticsBatchAnswerSchema, ...ERRORS } } }, async (request) =>
        addAnalyticsBatch(db, deviceOf(request), request.body, now()),
      );
      typed.post(STAFF_CALLS_PATH, { schema: { body: StaffCallSchema, response: { 200: StaffCallViewSchema, ...ERRORS } } }, async (request) =>
        recordStaffCall(db, deviceOf(request), request.body, now()),
      );
    });

    await app.register(async (staff) => {
      staff.addHook('onRequest', requireCsrfHeader);
      const typed = staff.withTypeProvider<ZodTypeProvider>();
      const guard = sessionGuard(db, policy);
      typed.get('/api/fleet/alerts/staff-calls', { schema: { response: { 200: z.object({ calls: z.array(StaffCallViewSchema) }), ...ERRORS } }, preHandler: guard }, async (request) => {
        const user = currentUser(request);
        requireRole(user, CALL_ANSWERERS, 'see kiosk staff calls');
        // Scoped staff see their site's kiosks only; another site's call is as unknown as a missing one.
        return { calls: await openStaffCalls(db, user.tenantId, siteScopeOf(user)) };
      });
      typed.post(
        '/api/fleet/alerts/staff-calls/:id/acknowledge',
        { schema: { params: z.object({ id: z.string().min(1).max(100) }), response: { 200: z.object({ acknowledged: z.boolean() }), ...ERRORS } }, preHandler: guard },
        async (request) => {
          const user = currentUser(request);
          requireRole(user, CALL_ANSWERERS, 'answer kiosk staff calls');
          if (!(await acknowledgeStaffCall(db, user.tenantId, request.params.id, user.username, now(), siteScopeOf(user)))) throw notFound('not-found', 'no open staff call has this id');
          return { acknowledged: true };
        },
      );
      typed.get(
        '/api/analytics/kiosk-usage',
        { schema: { querystring: z.object({ from: Day, to: Day }), response: { 200: z.object({ counts: z.array(AnalyticsCountSchema.omit({ day: true })) }), ...ERRORS } }, preHandler: guard },
        async (request) => {
          const user = currentUser(request);
          requireRole(user, FIGURE_READERS, 'read kiosk usage figures');
          return { counts: await analyticsCounts(db, user.tenantId, request.query.from, request.query.to) };
        },
      );
      await staff.register(consoleFiguresRoutes(db, guard, FIGURE_READERS));
    });
  };
}
