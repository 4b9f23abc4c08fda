import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ApiErrorSchema,
  DEAD_LETTERS_PATH,
  DEAD_LETTER_FIXES_PATH,
  DEAD_LETTER_STATES,
  DeadLetterCorrectionSchema,
  DeadLetterDetailSchema,
  DeadLetterFixAppliedSchema,
  DeadLetterFixListSchema,
  DeadLetterListSchema,
  DeadLetterReportAnswerSchema,
  DeadLetterReportSchema,
} from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import { makeErrorHandler, renderApiError } from '../../http/error-handler.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../../modules/auth/guard.js';
import type { Actor } from '../../modules/workflow/audit.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { deviceOf, requireDevice } from '../device-auth.js';
import { confirmFixApplied, pendingFixes, reportDeadLetter } from './kiosk-service.js';
import { fixDeadLetter, listDeadLetters, readDeadLetter, resendDeadLetter } from './staff-service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const STAFF_BASE = '/api/fleet/dead-letters';
const IdParams = z.object({ id: z.string().min(1).max(100) });

function actorOf(request: FastifyRequest): Actor {
  return { user: currentUser(request), ip: request.ip === '' ? null : request.ip };
}

/**
 * Requests a kiosk dead-lettered: reported by the kiosk (device credential), inspected, fixed and
 * resent by staff (session, admin or fleet role, CSRF header), the fix picked up by the kiosk's poll.
 * No bus event: kiosks poll for fixes, so nothing needs pushing between hub processes.
 */
export function deadLetterRoutes(db: HubDb, config: HubConfig, _bus: FleetBus): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    await app.register(async (kiosk) => {
      kiosk.setErrorHandler(makeErrorHandler(renderApiError));
      requireDevice(kiosk, db);
      const typed = kiosk.withTypeProvider<ZodTypeProvider>();
      typed.post(DEAD_LETTERS_PATH, { schema: { body: DeadLetterReportSchema, response: { 200: DeadLetterReportAnswerSchema, ...ERRORS } } }, async (request) =>
        reportDeadLetter(db, deviceOf(request), request.body),
      );
      typed.get(DEAD_LETTER_FIXES_PATH, { schema: { response: { 200: DeadLetterFixListSchema, ...ERRORS } } }, async (request) => ({
        fixes: await pendingFixes(db, deviceOf(request)),
      }));
      typed.post(
        `${DEAD_LETTERS_PATH}/:id/applied`,
        { schema: { params: IdParams, body: DeadLetterFixAppliedSchema, response: { 200: DeadLetterReportAnswerSchema, ...ERRORS } } },
        async (request) => confirmFixApplied(db, deviceOf(request), request.params.id, request.body),
      );
    });

    await app.register(async (staff) => {
      // Personal data in these answers: never cached by a browser or a proxy.
      protectStaffApi(staff);
      const typed = staff.withTypeProvider<ZodTypeProvider>();
      const guard = sessionGuard(db, policy);
      typed.get(
        STAFF_BASE,
        { schema: { querystring: z.object({ state: z.enum(DEAD_LETTER_STATES).optional() }), response: { 200: DeadLetterListSchema, ...ERRORS } }, preHandler: guard },
        async (request) => ({ items: await listDeadLetters(db, currentUser(request), request.query.state) }),
      );
      typed.get(`${STAFF_BASE}/:id`, { schema: { params: IdParams, response: { 200: DeadLetterDetailSchema, ...ERRORS } }, preHandler: guard }, async (request) =>
        readDeadLetter(db, actorOf(request), request.params.id),
      );
      typed.put(
        `${STAFF_BASE}/:id/fix`,
        { schema: { params: IdParams, body: DeadLetterCorrectionSchema, response: { 200: DeadLetterDetailSchema, ...ERRORS } }, preHandler: guard },
        async (request) => fixDeadLetter(db, actorOf(request), request.params.id, request.body),
      );
      typed.post(`${STAFF_BASE}/:id/resend`, { schema: { params: IdParams, response: { 200: DeadLetterDetailSchema, ...ERRORS } }, preHandler: guard }, async (request) =>
        resendDeadLetter(db, actorOf(request), request.params.id),
      );
    });
  };
}
