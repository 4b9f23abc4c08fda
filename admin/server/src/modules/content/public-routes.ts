import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { tenantLocale } from '../catalog/service.js';
import { resolveJurisdiction } from '../tenants/service.js';
import { SearchAnswerSchema } from './contract.js';
import { searchQuerySchema } from './fleet-routes.js';
import { searchContent } from './search.js';
import type { ContentSettings } from './settings.js';

/**
 * /public/v1/faq: the published FAQ for the town's web site, no login. `jurisdiction_id` picks the
 * municipality (optional while the hub has one), `locale` or Accept-Language the language.
 */
export function publicContentRoutes(db: HubDb, settings: ContentSettings): FastifyPluginAsync {
  return async (app) => {
    const query = searchQuerySchema(settings).extend({ locale: z.string().max(35).optional(), jurisdiction_id: z.string().max(200).optional() });
    app.withTypeProvider<ZodTypeProvider>().get(
      '/search',
      { schema: { querystring: query, response: { 200: SearchAnswerSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema } } },
      async (request, reply) => {
        const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
        const locale = negotiateLocale(request.query.locale, request.headers['accept-language'], tenantLocale(tenant.default_locale));
        const results = await searchContent(db, tenant.id, request.query.q, locale, request.query.limit ?? settings.searchDefaultLimit);
        reply.header('content-language', locale).header('vary', 'accept-language');
        return { locale, results };
      },
    );
  };
}
