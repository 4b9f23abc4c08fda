import type { FastifyPluginAsync } from 'fastify';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy } from '../auth/service.js';
import { auditTrail, parseDetails } from './audit.js';
import { issueApiKey, listApiKeys, revokeApiKey } from './api-key-service.js';
import { actorOf } from './case-routes.js';
import {
  ApiKeyListSchema,
  ApiKeyParamsSchema,
  ApiKeySummarySchema,
  AuditListSchema,
  AuditQuerySchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
} from './contract.js';
import { AUDIT_READERS, requireRole } from './roles.js';

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };

/** /api/api-keys (Open311 keys for third-party clients) and /api/audit (the audit trail): admins only. */
export function adminRoutes(db: HubDb, policy: SessionPolicy): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const guard = sessionGuard(db, policy);

    typed.get('/api-keys', { schema: { response: { 200: ApiKeyListSchema, ...ERRORS } }, preHandler: guard }, async (request) => ({
      keys: await listApiKeys(db, currentUser(request)),
    }));

    typed.post(
      '/api-keys',
      { schema: { body: CreateApiKeyBodySchema, response: { 201: CreatedApiKeySchema, ...ERRORS, 409: ApiErrorSchema } }, preHandler: guard },
      async (request, reply) => reply.code(201).send(await issueApiKey(db, actorOf(request), request.body.label, request.body.channel)),
    );

    typed.delete(
      '/api-keys/:id',
      { schema: { params: ApiKeyParamsSchema, response: { 200: ApiKeySummarySchema, ...ERRORS } }, preHandler: guard },
      async (request) => revokeApiKey(db, actorOf(request), request.params.id),
    );

    typed.get('/audit', { schema: { querystring: AuditQuerySchema, response: { 200: AuditListSchema, ...ERRORS } }, preHandler: guard }, async (request) => {
      const user = currentUser(request);
      requireRole(user, AUDIT_READERS, 'read the audit log');
      const { page, page_size: pageSize } = request.query;
      const rows = await auditTrail(db, user.tenantId, {
        ...(request.query.target_type !== undefined && { targetType: request.query.target_type }),
        ...(request.query.target_id !== undefined && { targetId: request.query.target_id }),
        ...(request.query.actor !== undefined && { actor: request.query.actor }),
        ...(request.query.action !== undefined && { action: request.query.action }),
        ...(request.query.from !== undefined && { from: request.query.from }),
        ...(request.query.to !== undefined && { to: request.query.to }),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        entries: rows.map((row) => ({
          id: row.id,
          action: row.action,
          actor: row.actor_name,
          targetType: row.target_type,
          targetId: row.target_id,
          details: parseDetails(row),
          ip: row.ip,
          at: row.created_at,
        })),
        page,
        pageSize,
      };
    });
  };
}
