import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { requireTenant } from '../tenants/service.js';
import { clearedSessionCookie, sessionCookie } from './cookie.js';
import { LoginBodySchema, MeSchema } from './contract.js';
import type { Me } from './contract.js';
import { currentUser, sessionGuard, sessionIdOf } from './guard.js';
import { logIn, logOut } from './service.js';
import type { SessionPolicy, SessionUser } from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 500: ApiErrorSchema };

async function describe(db: HubDb, user: SessionUser): Promise<Me> {
  const tenant = await requireTenant(db, user.tenantId);
  return { username: user.username, role: user.role, tenant: { id: tenant.id, name: tenant.name, jurisdictionId: tenant.jurisdiction_id } };
}

/** /api/auth: sign in, sign out, who am I. */
export function authRoutes(db: HubDb, policy: SessionPolicy): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.post('/login', { schema: { body: LoginBodySchema, response: { 200: MeSchema, ...ERRORS } } }, async (request, reply) => {
      const { sessionId, user } = await logIn(db, request.body.username, request.body.password, policy);
      reply.header('set-cookie', sessionCookie(sessionId));
      return describe(db, user);
    });

    typed.post('/logout', { schema: { response: { 204: z.null(), ...ERRORS } } }, async (request, reply) => {
      await logOut(db, sessionIdOf(request));
      return reply.code(204).header('set-cookie', clearedSessionCookie()).send(null);
    });

    typed.get(
      '/me',
      { schema: { response: { 200: MeSchema, ...ERRORS } }, preHandler: sessionGuard(db, policy) },
      async (request) => describe(db, currentUser(request)),
    );
  };
}
