import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { HubDb } from '../db/database.js';
import { makeErrorHandler } from '../http/error-handler.js';
import { negotiateLocale } from '../http/locale.js';
import { formatInTimeZone } from '../http/time.js';
import type { ZodTypeProvider } from '../http/zod.js';
import { localisedCatalog, serviceNames, tenantLocale } from '../modules/catalog/service.js';
import { findCase } from '../modules/cases/service.js';
import { resolveJurisdiction } from '../modules/tenants/service.js';
import type { Tenant } from '../modules/tenants/service.js';
import { createOpen311Request } from './create-request.js';
import { open311QueryRoutes } from './query-routes.js';
import { open311UpdateRoutes } from './updates-routes.js';
import { Open311Errors, renderOpen311Error } from './errors.js';
import { readRequestForm } from './form.js';
import { open311Message } from './messages.js';
import { sendDocument, sendList, splitFormat } from './render.js';
import type { Open311Format } from './render.js';
import { toOpen311Discovery, toOpen311Request, toOpen311Service } from './resources.js';
import {
  Open311CreatedSchema,
  Open311DiscoverySchema,
  Open311ErrorsSchema,
  Open311FormSchema,
  Open311FormatParamsSchema,
  Open311QuerySchema,
  Open311RequestListSchema,
  Open311RequestParamsSchema,
  Open311ServiceListSchema,
} from './schemas.js';

export const OPEN311_PREFIX = '/open311/v2';

export interface Open311Options {
  readonly db: HubDb;
  /** Public base URL of the hub, or null to use the Host the client called. */
  readonly publicBaseUrl: string | null;
}

const ERRORS = { 400: Open311ErrorsSchema, 403: Open311ErrorsSchema, 404: Open311ErrorsSchema, 500: Open311ErrorsSchema };

function knownFormat(format: string): Open311Format {
  const lower = format.toLowerCase();
  if (lower === 'json' || lower === 'xml') return lower;
  throw new Open311Errors(404, [{ key: 'unknown-format' }]);
}

function localeFor(request: FastifyRequest, explicit: string | undefined, tenant: Tenant) {
  return negotiateLocale(explicit, request.headers['accept-language'], tenantLocale(tenant.default_locale));
}

export function open311Plugin({ db, publicBaseUrl }: Open311Options): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    app.setErrorHandler(makeErrorHandler(renderOpen311Error));
    await app.register(open311QueryRoutes(db));
    await app.register(open311UpdateRoutes(db, publicBaseUrl));

    typed.get(
      '/discovery.:format',
      { schema: { params: Open311FormatParamsSchema, querystring: Open311QuerySchema, response: { 200: Open311DiscoverySchema, ...ERRORS } } },
      async (request, reply) => {
        const format = knownFormat(request.params.format);
        const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
        const base = `${publicBaseUrl ?? `${request.protocol}://${request.host}`}${OPEN311_PREFIX}`;
        const discovery = toOpen311Discovery(tenant, base, formatInTimeZone(tenant.created_at, tenant.time_zone));
        return sendDocument(reply, format, 'discovery', format === 'xml' ? discovery.xml : discovery.json);
      },
    );

    typed.get(
      '/services.:format',
      { schema: { params: Open311FormatParamsSchema, querystring: Open311QuerySchema, response: { 200: Open311ServiceListSchema, ...ERRORS } } },
      async (request, reply) => {
        const format = knownFormat(request.params.format);
        const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
        const locale = localeFor(request, request.query.locale, tenant);
        const services = await localisedCatalog(db, tenant.id, locale, tenantLocale(tenant.default_locale));
        reply.header('content-language', locale);
        return sendList(reply, format, 'services', 'service', services.map(toOpen311Service));
      },
    );

    typed.post(
      '/requests.:format',
      { schema: { params: Open311FormatParamsSchema, body: Open311FormSchema, response: { 201: Open311CreatedSchema, ...ERRORS } } },
      async (request, reply) => {
        const format = knownFormat(request.params.format);
        const form = readRequestForm(request.body);
        const explicitLocale = typeof request.body['locale'] === 'string' ? request.body['locale'] : undefined;
        const wantedLocale = negotiateLocale(explicitLocale, request.headers['accept-language'], 'es');
        const { tenant, request: created, token } = await createOpen311Request(db, form, wantedLocale);
        const locale = localeFor(request, explicitLocale, tenant);
        // Batch services answer a token, never the id as well (spec).
        const answer: Record<string, string | null> =
          token === null
            ? { service_request_id: created.id, service_notice: open311Message(locale, 'request-received'), account_id: created.account_id }
            : { token, service_notice: open311Message(locale, 'request-queued'), account_id: created.account_id };
        return sendList(reply.code(201), format, 'service_requests', 'request', [answer]);
      },
    );

    typed.get(
      '/requests/:file',
      { schema: { params: Open311RequestParamsSchema, querystring: Open311QuerySchema, response: { 200: Open311RequestListSchema, ...ERRORS } } },
      async (request, reply) => {
        const file = splitFormat(request.params.file);
        if (file === null) throw new Open311Errors(404, [{ key: 'unknown-format' }]);
        const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
        const found = await findCase(db, tenant.id, file.name);
        const locale = localeFor(request, request.query.locale, tenant);
        const names = await serviceNames(db, tenant.id, locale, tenantLocale(tenant.default_locale));
        const item = toOpen311Request(found, tenant, names.get(found.service_code) ?? found.service_code);
        return sendList(reply, file.format, 'service_requests', 'request', [item]);
      },
    );
  };
}
