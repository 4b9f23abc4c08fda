import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, FLEET_BASE_PATH, LocaleSchema, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import { badRequest, unauthorised } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { tenantLocale } from '../catalog/service.js';
import { authenticateDevice } from '../devices/service.js';
import { requireTenant, resolveJurisdiction } from '../tenants/service.js';
import { DEFAULT_FIGURES_OPTIONS, FiguresSchema, computeFigures } from './figures.js';
import type { Figures, FiguresOptions } from './figures.js';
import { FIGURES_PAGE_CSS, renderFiguresPage } from './figures-page.js';
import { inlineStylePageCsp } from '../../http/security-headers.js';

const FIGURES_PAGE_CSP = inlineStylePageCsp(FIGURES_PAGE_CSS);

/** Figures change slowly; browsers and proxies may keep them this long. */
export const PUBLIC_FIGURES_MAX_AGE_SECONDS = 300;

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema };
const PublicQuerySchema = z.object({ jurisdiction_id: z.string().min(1).max(200).optional(), locale: z.string().max(35).optional() });

/** GET /fleet/v1/figures: for the kiosk's own municipality, with the device credential. */
function fleetFigures(db: HubDb, options: FiguresOptions, now: () => Date): FastifyPluginAsync {
  return async (app) => {
    const tenantOf = new WeakMap<FastifyRequest, string>();
    app.addHook('onRequest', async (request, reply) => {
      const device = await authenticateDevice(db, request.headers.authorization);
      if (device === null) {
        reply.header('www-authenticate', 'Bearer realm="fleet"');
        throw unauthorised('a valid device credential is required (Authorization: Bearer <deviceId>.<secret>)');
      }
      if (request.headers[PROTOCOL_VERSION_HEADER] !== String(PROTOCOL_VERSION)) {
        throw badRequest('version-mismatch', `this hub speaks fleet protocol ${PROTOCOL_VERSION}`);
      }
      tenantOf.set(request, device.tenantId);
    });
    app.withTypeProvider<ZodTypeProvider>().get(
      '/figures',
      { schema: { querystring: z.object({ locale: LocaleSchema.optional() }), response: { 200: FiguresSchema, ...ERRORS } } },
      async (request): Promise<Figures> => {
        const tenant = await requireTenant(db, tenantOf.get(request) ?? '');
        const fallback = tenantLocale(tenant.default_locale);
        return computeFigures(db, tenant.id, request.query.locale ?? fallback, fallback, now(), options);
      },
    );
  };
}

/** GET /public/v1/figures (JSON) and GET /figures (HTML): no login, no personal data. */
function publicFigures(db: HubDb, options: FiguresOptions, now: () => Date): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const load = async (request: FastifyRequest, jurisdictionId: string | undefined, explicitLocale: string | undefined) => {
      const tenant = await resolveJurisdiction(db, jurisdictionId);
      const fallback = tenantLocale(tenant.default_locale);
      const locale = negotiateLocale(explicitLocale, request.headers['accept-language'], fallback);
      return { tenant, figures: await computeFigures(db, tenant.id, locale, fallback, now(), options) };
    };
    typed.get(
      '/public/v1/figures',
      { schema: { querystring: PublicQuerySchema, response: { 200: FiguresSchema, ...ERRORS } } },
      async (request, reply): Promise<Figures> => {
        const { figures } = await load(request, request.query.jurisdiction_id, request.query.locale);
        reply.header('cache-control', `public, max-age=${PUBLIC_FIGURES_MAX_AGE_SECONDS}`).header('content-language', figures.locale);
        return figures;
      },
    );
    typed.get(
      '/figures',
      { schema: { querystring: PublicQuerySchema.extend({ lang: z.string().max(35).optional() }), response: { 200: z.string(), ...ERRORS } } },
      async (request, reply) => {
        const { tenant, figures } = await load(request, request.query.jurisdiction_id, request.query.lang ?? request.query.locale);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', `public, max-age=${PUBLIC_FIGURES_MAX_AGE_SECONDS}`)
          .header('content-language', figures.locale)
          .header('content-security-policy', FIGURES_PAGE_CSP)
          .send(renderFiguresPage(figures, tenant.name));
      },
    );
  };
}

export function figuresRoutes(db: HubDb, options: FiguresOptions = DEFAULT_FIGURES_OPTIONS, now: () => Date = () => new Date()): FastifyPluginAsync {
  return async (app) => {
    await app.register(fleetFigures(db, options, now), { prefix: FLEET_BASE_PATH });
    await app.register(publicFigures(db, options, now));
  };
}
