import type { FastifyPluginAsync } from 'fastify';
import type { HubDb } from '../db/database.js';
import { formatInTimeZone } from '../http/time.js';
import type { ZodTypeProvider } from '../http/zod.js';
import { resolveJurisdiction } from '../modules/tenants/service.js';
import type { Tenant } from '../modules/tenants/service.js';
import { Open311Errors } from './errors.js';
import { single } from './query.js';
import type { RawQuery } from './query.js';
import { sendList } from './render.js';
import type { Open311Format, Open311Value } from './render.js';
import {
  Open311ErrorsSchema,
  Open311FormSchema,
  Open311FormatParamsSchema,
  Open311RequestQuerySchema,
  Open311RequestUpdatesSchema,
  Open311UpdateCreatedSchema,
} from './schemas.js';
import { readUpdatesQuery } from './updates-query.js';
import { listUpdates } from './updates-repository.js';
import type { UpdateRow } from './updates-repository.js';
import { postRequestUpdate } from './updates-service.js';

const ERRORS = { 400: Open311ErrorsSchema, 403: Open311ErrorsSchema, 404: Open311ErrorsSchema, 500: Open311ErrorsSchema };

function formatOf(format: string): Open311Format {
  const lower = format.toLowerCase();
  if (lower === 'json' || lower === 'xml') return lower;
  throw new Open311Errors(404, [{ key: 'unknown-format' }]);
}

/** Only public fields: the note staff (or a third party) chose to publish, never the citizen's text. */
export function toOpen311Update(row: UpdateRow, tenant: Tenant): Record<string, Open311Value> {
  return {
    update_id: row.id,
    service_request_id: row.request_id,
    status: row.status,
    description: row.public_note ?? '',
    updated_datetime: formatInTimeZone(row.created_at, tenant.time_zone),
    external_status_code: row.detailed_status,
    media_url: '',
  };
}

/**
 * FixMyStreet's `servicerequestupdates` extension. GET needs no key (every field is public);
 * POST needs the tenant's api_key and is audited under the key's id.
 */
export function open311UpdateRoutes(db: HubDb, publicBaseUrl: string | null): FastifyPluginAsync {
  return async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get(
      '/servicerequestupdates.:format',
      { schema: { params: Open311FormatParamsSchema, querystring: Open311RequestQuerySchema, response: { 200: Open311RequestUpdatesSchema, ...ERRORS } } },
      async (request, reply) => {
        const format = formatOf(request.params.format);
        const raw: RawQuery = request.query;
        const tenant = await resolveJurisdiction(db, single(raw, 'jurisdiction_id'));
        const parsed = readUpdatesQuery(raw);
        if (parsed.window === undefined) throw new Open311Errors(400, parsed.issues);
        const rows = await listUpdates(db, tenant.id, parsed.window);
        return sendList(reply, format, 'service_request_updates', 'request_update', rows.map((row) => toOpen311Update(row, tenant)));
      },
    );

    typed.post(
      '/servicerequestupdates.:format',
      { schema: { params: Open311FormatParamsSchema, body: Open311FormSchema, response: { 201: Open311UpdateCreatedSchema, ...ERRORS } } },
      async (request, reply) => {
        const format = formatOf(request.params.format);
        const statusBase = `${(publicBaseUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '')}/status`;
        const { update } = await postRequestUpdate(db, request.body, statusBase, request.socket.remoteAddress ?? null);
        const answer = { update_id: update.id, service_request_id: update.request_id };
        return sendList(reply.code(201), format, 'service_request_updates', 'request_update', [answer]);
      },
    );
  };
}
