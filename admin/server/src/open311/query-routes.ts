import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { HubDb } from '../db/database.js';
import { negotiateLocale } from '../http/locale.js';
import type { ZodTypeProvider } from '../http/zod.js';
import { serviceDefinition } from '../modules/catalog/definition.js';
import type { ServiceDefinition } from '../modules/catalog/definition.js';
import { requireActiveService, serviceNames, tenantLocale } from '../modules/catalog/service.js';
import { caseHistories, findCaseToken, searchCases } from '../modules/cases/service.js';
import { resolveJurisdiction } from '../modules/tenants/service.js';
import type { Tenant } from '../modules/tenants/service.js';
import { toOpen311Definition } from './definition-resource.js';
import { Open311Errors } from './errors.js';
import { readRequestQuery } from './query.js';
import type { RawQuery } from './query.js';
import { sendDocument, sendList, splitFormat } from './render.js';
import type { Open311Format } from './render.js';
import { requestExtensions, toOpen311Request } from './resources.js';
import {
  Open311ErrorsSchema,
  Open311FormatParamsSchema,
  Open311QuerySchema,
  Open311RequestParamsSchema,
  Open311RequestQuerySchema,
  Open311RequestsSchema,
  Open311ServiceDefinitionSchema,
  Open311TokenListSchema,
} from './schemas.js';

const ERRORS = { 400: Open311ErrorsSchema, 403: Open311ErrorsSchema, 404: Open311ErrorsSchema, 500: Open311ErrorsSchema };

function knownFile(file: string): { name: string; format: Open311Format } {
  const split = splitFormat(file);
  if (split === null) throw new Open311Errors(404, [{ key: 'unknown-format' }]);
  return split;
}

function localeFor(request: FastifyRequest, explicit: string | undefined, tenant: Tenant) {
  return negotiateLocale(explicit, request.headers['accept-language'], tenantLocale(tenant.default_locale));
}

function firstOf(value: string | readonly string[] | undefined): string | undefined {
  const first = typeof value === 'string' ? value : value?.[0];
  return first === undefined || first.trim() === '' ? undefined : first;
}

/** Open311 read routes beyond the first slice: service definitions, tokens and the request query. */
export function open311QueryRoutes(db: HubDb): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/services/:file',
      { schema: { params: Open311RequestParamsSchema, querystring: Open311QuerySchema, response: { 200: Open311ServiceDefinitionSchema, ...ERRORS } } },
      async (request, reply) => {
        const file = knownFile(request.params.file);
        const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
        const service = await requireActiveService(db, tenant.id, file.name);
        const locale = localeFor(request, request.query.locale, tenant);
        const definition = await serviceDefinition(db, tenant.id, service.code, locale, tenantLocale(tenant.default_locale));
        reply.header('content-language', locale);
        return sendDocument(reply, file.format, 'service_definition', toOpen311Definition(definition, file.format));
      },
    );

    typed.get(
      '/tokens/:file',
      { schema: { params: Open311RequestParamsSchema, querystring: Open311QuerySchema, response: { 200: Open311TokenListSchema, ...ERRORS } } },
      async (request, reply) => {
        const file = knownFile(request.params.file);
        const tenant = await resolveJurisdiction(db, request.query.jurisdiction_id);
        const token = await findCaseToken(db, tenant.id, file.name);
        const item: Record<string, string> = { token: token.token };
        if (token.service_request_id !== null) item['service_request_id'] = token.service_request_id;
        return sendList(reply, file.format, 'service_requests', 'request', [item]);
      },
    );

    typed.get(
      '/requests.:format',
      { schema: { params: Open311FormatParamsSchema, querystring: Open311RequestQuerySchema, response: { 200: Open311RequestsSchema, ...ERRORS } } },
      async (request, reply) => {
        const format = knownFile(`requests.${request.params.format}`).format;
        const raw: RawQuery = request.query;
        const tenant = await resolveJurisdiction(db, firstOf(raw['jurisdiction_id']));
        const parsed = readRequestQuery(raw);
        if (parsed.query === undefined) throw new Open311Errors(400, parsed.issues);
        const locale = localeFor(request, firstOf(raw['locale']), tenant);
        const fallback = tenantLocale(tenant.default_locale);
        const rows = await searchCases(db, tenant.id, parsed.query.search);
        const names = await serviceNames(db, tenant.id, locale, fallback);
        const withExtensions = parsed.query.extensions;
        const histories = withExtensions ? await caseHistories(db, tenant.id, rows.map((r) => r.id)) : new Map();
        const definitions = new Map<string, ServiceDefinition>();
        if (withExtensions) {
          for (const code of new Set(rows.map((r) => r.service_code))) {
            definitions.set(code, await serviceDefinition(db, tenant.id, code, locale, fallback));
          }
        }
        const items = rows.map((row) => ({
          ...toOpen311Request(row, tenant, names.get(row.service_code) ?? row.service_code),
          ...(withExtensions ? requestExtensions(row, tenant, histories.get(row.id) ?? [], definitions.get(row.service_code), format) : {}),
        }));
        reply.header('content-language', locale);
        return sendList(reply, format, 'service_requests', 'request', items);
      },
    );
  };
}
