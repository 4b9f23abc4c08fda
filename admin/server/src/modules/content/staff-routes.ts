import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { FleetBus } from '../../fleet/bus/fleet-bus.js';
import { badRequest } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { currentUser, protectStaffApi, sessionGuard } from '../auth/guard.js';
import type { SessionPolicy } from '../auth/service.js';
import type { Actor } from '../workflow/audit.js';
import {
  ContentEntrySchema,
  ContentInputSchema,
  ContentListQuerySchema,
  ContentListSchema,
  ContentUpdateSchema,
  ContentVersionListSchema,
  PublishBodySchema,
} from './contract.js';
import { contentVersions, createContent, getContent, listContent, publishContent, unpublishContent, updateContent } from './service.js';

/** /api/content: the console's editor (managers and admins write, every staff role reads). */

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema, 428: ApiErrorSchema, 500: ApiErrorSchema };
const IdParams = z.object({ id: z.string().min(1).max(100) });
const VersionParams = IdParams.extend({ version: z.coerce.number().int().positive() });

/** `"3"`, `W/"3"` or `3` -> 3; absent -> undefined; anything else is a client mistake. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^(?:W\/)?"?([1-9][0-9]{0,8})"?$/.exec(value.trim());
  if (match?.[1] === undefined) throw badRequest('invalid-if-match', 'If-Match must be the entry version as an ETag, e.g. "3"');
  return Number(match[1]);
}

export const versionEtag = (version: number) => `"${version}"`;

/** The audit log's "who and from where" (the socket address; proxies are not trusted). */
const actorOf = (request: FastifyRequest): Actor => ({ user: currentUser(request), ip: request.ip === '' ? null : request.ip });

export function staffContentRoutes(db: HubDb, policy: SessionPolicy, bus: FleetBus): FastifyPluginAsync {
  return async (app) => {
    protectStaffApi(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const preHandler = sessionGuard(db, policy);

    typed.get('/', { schema: { querystring: ContentListQuerySchema, response: { 200: ContentListSchema, ...ERRORS } }, preHandler }, async (request) =>
      listContent(db, currentUser(request), request.query),
    );

    typed.post('/', { schema: { body: ContentInputSchema, response: { 201: ContentEntrySchema, ...ERRORS } }, preHandler }, async (request, reply) => {
      const entry = await createContent(db, actorOf(request), request.body);
      return reply.code(201).header('etag', versionEtag(entry.version)).send(entry);
    });

    typed.get('/:id', { schema: { params: IdParams, response: { 200: ContentEntrySchema, ...ERRORS } }, preHandler }, async (request, reply) => {
      const entry = await getContent(db, currentUser(request), request.params.id);
      return reply.header('etag', versionEtag(entry.version)).send(entry);
    });

    typed.put(
      '/:id',
      { schema: { params: IdParams, body: ContentUpdateSchema, response: { 200: ContentEntrySchema, ...ERRORS } }, preHandler },
      async (request, reply) => {
        const ifMatch = parseIfMatch(request.headers['if-match']);
        const entry = await updateContent(db, bus, actorOf(request), request.params.id, request.body, ifMatch);
        return reply.header('etag', versionEtag(entry.version)).send(entry);
      },
    );

    typed.get('/:id/versions', { schema: { params: IdParams, response: { 200: ContentVersionListSchema, ...ERRORS } }, preHandler }, async (request) =>
      contentVersions(db, currentUser(request), request.params.id),
    );

    typed.get('/:id/versions/:version', { schema: { params: VersionParams, response: { 200: ContentEntrySchema, ...ERRORS } }, preHandler }, async (request) =>
      getContent(db, currentUser(request), request.params.id, request.params.version),
    );

    typed.post(
      '/:id/publish',
      { schema: { params: IdParams, body: PublishBodySchema, response: { 200: ContentEntrySchema, ...ERRORS } }, preHandler },
      async (request) => publishContent(db, bus, actorOf(request), request.params.id, request.body.version),
    );

    typed.post('/:id/unpublish', { schema: { params: IdParams, response: { 200: ContentEntrySchema, ...ERRORS } }, preHandler }, async (request) =>
      unpublishContent(db, bus, actorOf(request), request.params.id),
    );
  };
}
