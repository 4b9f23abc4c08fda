import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, CreateStaffUserBodySchema, IssuedPasswordSchema, StaffUserListSchema, StaffUserSchema, UpdateStaffUserBodySchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { sessionGuard } from '../auth/guard.js';
import type { SessionPolicy } from '../auth/service.js';
import { actorOf } from '../workflow/case-routes.js';
import { createStaffUser, listUsers, resetPassword, resetSecondFactor, updateStaffUser } from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 500: ApiErrorSchema };
const UserParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** /api/users: the tenant's staff accounts, for admins. Mounted inside the staff API (CSRF, no-store). */
export function userRoutes(db: HubDb, policy: SessionPolicy): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const preHandler = sessionGuard(db, policy);

    typed.get('', { schema: { response: { 200: StaffUserListSchema, ...ERRORS } }, preHandler }, async (request) => ({
      users: await listUsers(db, actorOf(request)),
    }));

    typed.post('', { schema: { body: CreateStaffUserBodySchema, response: { 201: IssuedPasswordSchema, ...ERRORS } }, preHandler }, async (request, reply) =>
      reply.code(201).send(await createStaffUser(db, actorOf(request), request.body)),
    );

    typed.patch(
      '/:id',
      { schema: { params: UserParamsSchema, body: UpdateStaffUserBodySchema, response: { 200: StaffUserSchema, ...ERRORS } }, preHandler },
      async (request) => updateStaffUser(db, actorOf(request), request.params.id, request.body),
    );

    typed.post(
      '/:id/reset-password',
      { schema: { params: UserParamsSchema, response: { 200: IssuedPasswordSchema, ...ERRORS } }, preHandler },
      async (request) => resetPassword(db, actorOf(request), request.params.id),
    );

    typed.post(
      '/:id/reset-second-factor',
      { schema: { params: UserParamsSchema, response: { 200: StaffUserSchema, ...ERRORS } }, preHandler },
      async (request) => resetSecondFactor(db, actorOf(request), request.params.id),
    );
  };
}
