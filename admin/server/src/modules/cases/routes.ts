import type { FastifyPluginAsync } from 'fastify';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy } from '../auth/service.js';
import { serviceNames, tenantLocale } from '../catalog/service.js';
import { requireTenant } from '../tenants/service.js';
import { CaseListQuerySchema, CaseListSchema } from './contract.js';
import type { CaseList } from './contract.js';
import { latestCases } from './service.js';

/** /api/cases: the newest cases of the signed-in user's municipality. */
export function caseRoutes(db: HubDb, policy: SessionPolicy, limit: number): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/cases',
      {
        schema: { querystring: CaseListQuerySchema, response: { 200: CaseListSchema, 401: ApiErrorSchema, 500: ApiErrorSchema } },
        preHandler: sessionGuard(db, policy),
      },
      async (request): Promise<CaseList> => {
        const user = currentUser(request);
        const tenant = await requireTenant(db, user.tenantId);
        const fallback = tenantLocale(tenant.default_locale);
        const locale = negotiateLocale(request.query.locale, request.headers['accept-language'], fallback);
        const [rows, names] = await Promise.all([latestCases(db, tenant.id, limit), serviceNames(db, tenant.id, locale, fallback)]);
        return {
          cases: rows.map((row) => ({
            id: row.id,
            localReference: row.local_reference,
            serviceCode: row.service_code,
            serviceName: names.get(row.service_code) ?? row.service_code,
            status: row.status,
            detailedStatus: row.detailed_status,
            channel: row.channel as CaseList['cases'][number]['channel'],
            requestedAt: row.requested_at,
          })),
        };
      },
    );
  };
}
