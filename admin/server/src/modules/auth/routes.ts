import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, SecondFactorBodySchema, SecondFactorChallengeSchema, SecondFactorDueSchema } from '@kiosk/shared';
import type { HubConfig } from '../../config.js';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import type { SecretBox } from '../../security/secret-box.js';
import { requireTenant } from '../tenants/service.js';
import { clearedSessionCookie, sessionCookie } from './cookie.js';
import { LoginBodySchema, MeSchema } from './contract.js';
import type { Me } from './contract.js';
import { currentUser, sessionGuard, sessionIdOf } from './guard.js';
import { completeSecondFactor, secondFactorChallenge } from './second-factor.js';
import { logIn, logOut } from './service.js';
import type { SessionPolicy, SessionUser } from './service.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema, 500: ApiErrorSchema, 503: ApiErrorSchema };

async function describe(db: HubDb, user: SessionUser): Promise<Me> {
  const tenant = await requireTenant(db, user.tenantId);
  return {
    username: user.username,
    role: user.role,
    tenant: { id: tenant.id, name: tenant.name, jurisdictionId: tenant.jurisdiction_id },
    site: user.siteId ?? null,
  };
}

const ipOf = (request: FastifyRequest) => request.ip;

/**
 * /api/auth: sign in (password, then a TOTP code when one is due), sign out, who am I. A password
 * alone never reaches the staff API for a user who owes a code: login answers 202 and a session
 * that only /second-factor accepts.
 */
export function authRoutes(db: HubDb, config: Pick<HubConfig, 'sessionIdleMs' | 'sessionAbsoluteMs' | 'adminSecondFactor'>, secrets: SecretBox): FastifyPluginAsync {
  const policy: SessionPolicy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.post(
      '/login',
      { schema: { body: LoginBodySchema, response: { 200: MeSchema, 202: SecondFactorDueSchema, ...ERRORS } } },
      async (request, reply) => {
        const options = { policy, adminSecondFactor: config.adminSecondFactor, ip: ipOf(request) };
        // Refused passwords are counted in auth_throttle, not audited: the audit log records what
        // people did, and a guess at someone's password is not something that user did.
        const result = await logIn(db, request.body.username, request.body.password, options);
        reply.header('set-cookie', sessionCookie(result.sessionId));
        if (result.next !== 'full') return reply.code(202).send({ secondFactor: result.next });
        return describe(db, result.user);
      },
    );

    typed.get('/second-factor', { schema: { response: { 200: SecondFactorChallengeSchema, ...ERRORS } } }, async (request) =>
      secondFactorChallenge(db, secrets, sessionIdOf(request), policy),
    );

    typed.post(
      '/second-factor',
      { schema: { body: SecondFactorBodySchema, response: { 200: MeSchema, ...ERRORS } } },
      async (request, reply) => {
        const { sessionId, user } = await completeSecondFactor(db, secrets, sessionIdOf(request), request.body.code, { policy, ip: ipOf(request) });
        reply.header('set-cookie', sessionCookie(sessionId));
        return describe(db, user);
      },
    );

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
