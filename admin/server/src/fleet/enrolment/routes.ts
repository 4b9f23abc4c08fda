import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ApiErrorSchema,
  ApproveEnrolmentSchema,
  EnrolmentPollAnswerSchema,
  EnrolmentRequestSchema,
  EnrolmentStartedSchema,
  FleetDeviceListSchema,
  FleetDeviceSchema,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  PendingEnrolmentListSchema,
  RejectEnrolmentSchema,
  enrolmentPaths,
} from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import { HubProblem, badRequest } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../../modules/auth/guard.js';
import type { Actor } from '../../modules/workflow/audit.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { headerValue } from '../device-auth.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import { DEFAULT_ENROLMENT_SETTINGS } from './settings.js';
import type { EnrolmentSettings } from './settings.js';
import {
  UnknownCodeProblem,
  approveEnrolment,
  pendingEnrolments,
  pollEnrolment,
  rejectEnrolment,
  revokeFleetDevice,
  startEnrolment,
  tenantDevices,
} from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 410: ApiErrorSchema, 429: ApiErrorSchema, 500: ApiErrorSchema };

function tooMany(reply: FastifyReply, retryAfterMs: number, what: string): HubProblem {
  reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
  return new HubProblem(429, 'rate-limited', `too many ${what}; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
}

const actorOf = (request: FastifyRequest): Actor => ({ user: currentUser(request), ip: request.ip });

/**
 * Kiosk enrolment (unauthenticated kiosk side under /fleet/v1/enrolments) and the admin's side
 * (/api/fleet/enrolments, /api/fleet/devices). `settings` exists for tests (clock, limits).
 */
export function enrolmentRoutes(db: HubDb, config: HubConfig, bus: FleetBus, settings: EnrolmentSettings = DEFAULT_ENROLMENT_SETTINGS): FastifyPluginAsync {
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  const startLimiter = new SlidingWindowLimiter(settings.startLimit, settings.now);
  const wrongCodeLimiter = new SlidingWindowLimiter(settings.wrongCodeLimit, settings.now);

  const kioskSide: FastifyPluginAsync = async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.addHook('onRequest', async (request, reply) => {
      // Poll tokens are in these answers: nothing may keep a copy.
      reply.header('cache-control', 'no-store');
      const version = headerValue(request, PROTOCOL_VERSION_HEADER);
      if (version !== String(PROTOCOL_VERSION)) {
        throw badRequest('version-mismatch', `this hub speaks fleet protocol ${PROTOCOL_VERSION}; the request said ${version === undefined ? 'nothing' : 'another version'}`);
      }
    });

    typed.post(
      enrolmentPaths.start,
      {
        schema: { body: EnrolmentRequestSchema, response: { 201: EnrolmentStartedSchema, ...ERRORS } },
        // Before the body is read: a flood costs the hub as little as possible.
        onRequest: async (request, reply) => {
          const wait = startLimiter.retryAfterMs(request.ip);
          if (wait > 0) throw tooMany(reply, wait, 'enrolment requests from this address');
          startLimiter.hit(request.ip);
        },
      },
      async (request, reply) => {
        const started = await startEnrolment(db, request.body, settings);
        return reply.code(201).send(started);
      },
    );

    typed.get(
      enrolmentPaths.poll,
      { schema: { params: z.object({ id: z.string().min(1).max(80) }), response: { 200: EnrolmentPollAnswerSchema, ...ERRORS } } },
      async (request) => {
        const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization?.trim() ?? '');
        if (match?.[1] === undefined) throw new HubProblem(401, 'unauthorised', 'send the poll token: Authorization: Bearer <pollToken>');
        return pollEnrolment(db, request.params.id, match[1], settings);
      },
    );
  };

  const staffSide: FastifyPluginAsync = async (app) => {
    protectStaffApi(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    // At onRequest, before the body is even parsed: an anonymous caller learns nothing from validation.
    const guard = sessionGuard(db, policy);

    /** Wrong codes count per staff user: a stolen session cannot guess its way to a kiosk. */
    const limitWrongCodes = async <T>(request: FastifyRequest, reply: FastifyReply, action: () => Promise<T>): Promise<T> => {
      const user = currentUser(request);
      const wait = wrongCodeLimiter.retryAfterMs(user.userId);
      if (wait > 0) throw tooMany(reply, wait, 'wrong enrolment codes');
      try {
        return await action();
      } catch (error) {
        if (error instanceof UnknownCodeProblem || (error instanceof HubProblem && error.code === 'invalid-code')) wrongCodeLimiter.hit(user.userId);
        throw error;
      }
    };

    typed.get('/api/fleet/enrolments', { schema: { response: { 200: PendingEnrolmentListSchema, ...ERRORS } }, onRequest: guard }, async (request) =>
      pendingEnrolments(db, currentUser(request), settings.now()),
    );

    typed.post(
      '/api/fleet/enrolments/approve',
      { schema: { body: ApproveEnrolmentSchema, response: { 201: FleetDeviceSchema, ...ERRORS } }, onRequest: guard },
      async (request, reply) => {
        const device = await limitWrongCodes(request, reply, () => approveEnrolment(db, actorOf(request), request.body, settings.now()));
        return reply.code(201).send(device);
      },
    );

    typed.post(
      '/api/fleet/enrolments/reject',
      { schema: { body: RejectEnrolmentSchema, response: { 200: z.object({ rejected: z.literal(true) }), ...ERRORS } }, onRequest: guard },
      async (request, reply) => limitWrongCodes(request, reply, () => rejectEnrolment(db, actorOf(request), request.body.code, settings.now())),
    );

    typed.get('/api/fleet/devices', { schema: { response: { 200: FleetDeviceListSchema, ...ERRORS } }, onRequest: guard }, async (request) =>
      tenantDevices(db, currentUser(request)),
    );

    typed.post(
      '/api/fleet/devices/:id/revoke',
      { schema: { params: z.object({ id: z.string().min(1).max(80) }), response: { 200: FleetDeviceSchema, ...ERRORS } }, onRequest: guard },
      async (request) => revokeFleetDevice(db, bus, actorOf(request), request.params.id, settings.now()),
    );
  };

  return async (app) => {
    await app.register(kioskSide);
    await app.register(staffSide);
  };
}
