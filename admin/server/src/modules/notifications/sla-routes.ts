import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { forbidden } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, requireCsrfHeader, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy, SessionUser } from '../auth/service.js';
import { requireActiveService } from '../catalog/service.js';
import { listServiceSla, upsertServiceSla } from './figures-repository.js';

/** Who sets the promised time to close: the people who run the services. */
export const SLA_EDITOR_ROLES: ReadonlySet<SessionUser['role']> = new Set(['admin', 'editor']);
/** Longest promise worth publishing (a year). */
export const MAX_SLA_DAYS = 365;

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };
const SlaSchema = z.object({ serviceCode: z.string(), slaDays: z.number().int() });
const SlaListSchema = z.object({ services: z.array(SlaSchema) });

/** /api/figures/sla: the SLA per service that the transparency figures compare against. */
export function slaRoutes(db: HubDb, policy: SessionPolicy, now: () => Date = () => new Date()): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', requireCsrfHeader);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const preHandler = sessionGuard(db, policy);

    typed.get('/sla', { schema: { response: { 200: SlaListSchema, ...ERRORS } }, preHandler }, async (request) => {
      const rows = await listServiceSla(db, currentUser(request).tenantId);
      return { services: rows.map((r) => ({ serviceCode: r.service_code, slaDays: Number(r.sla_days) })) };
    });

    typed.put(
      '/sla/:serviceCode',
      {
        schema: {
          params: z.object({ serviceCode: z.string().min(1).max(64) }),
          body: z.object({ slaDays: z.number().int().min(1).max(MAX_SLA_DAYS) }),
          response: { 200: SlaSchema, ...ERRORS },
        },
        preHandler,
      },
      async (request) => {
        const user = currentUser(request);
        if (!SLA_EDITOR_ROLES.has(user.role)) throw forbidden('forbidden', 'only an administrator or a manager may set service levels');
        await requireActiveService(db, user.tenantId, request.params.serviceCode);
        await upsertServiceSla(db, { tenant_id: user.tenantId, service_code: request.params.serviceCode, sla_days: request.body.slaDays, updated_at: now().toISOString() });
        return { serviceCode: request.params.serviceCode, slaDays: request.body.slaDays };
      },
    );
  };
}
