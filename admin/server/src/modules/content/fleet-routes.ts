import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema, LocaleSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';
import { notFound } from '../../http/problems.js';
import type { ZodTypeProvider } from '../../http/zod.js';
import { tenantLocale } from '../catalog/service.js';
import { deviceOf, requireDevice } from '../../fleet/device-auth.js';
import { requireTenant } from '../tenants/service.js';
import { contentBundleFor } from '../../fleet/config/content-rollout-serve.js';
import { bundleEtag, bundleFile } from './bundle.js';
import { PublicKeySchema, SearchAnswerSchema, SignedBundleSchema } from './contract.js';
import { searchContent } from './search.js';
import type { ContentSettings } from './settings.js';
import { signingKeyOf } from './signing.js';

/** /fleet/v1/content: what kiosks read, with the device credential (the same rules as fleet/routes.ts). */

const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 404: ApiErrorSchema, 500: ApiErrorSchema, 503: ApiErrorSchema };

/** True when an If-None-Match header lists this ETag (or `*`). */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined) return false;
  return value.split(',').some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, '');
    return trimmed === '*' || trimmed === etag;
  });
}

export function searchQuerySchema(settings: ContentSettings) {
  return z.object({
    q: z.string().trim().min(1).max(settings.searchMaxQueryLength),
    locale: LocaleSchema.optional(),
    limit: z.coerce.number().int().min(1).max(settings.searchMaxLimit).optional(),
  });
}

export function fleetContentRoutes(db: HubDb, secrets: SecretBox, settings: ContentSettings): FastifyPluginAsync {
  return async (app) => {
    requireDevice(app, db);
    const typed = app.withTypeProvider<ZodTypeProvider>();

    typed.get('/search', { schema: { querystring: searchQuerySchema(settings), response: { 200: SearchAnswerSchema, ...ERRORS } } }, async (request) => {
      const tenant = await requireTenant(db, deviceOf(request).tenantId);
      const locale = request.query.locale ?? tenantLocale(tenant.default_locale);
      const results = await searchContent(db, tenant.id, request.query.q, locale, request.query.limit ?? settings.searchDefaultLimit);
      return { locale, results };
    });

    typed.get('/bundle', { schema: { response: { 200: SignedBundleSchema, ...ERRORS } } }, async (request, reply) => {
      // A content rollout may hold this kiosk on an earlier version (fleet/config/content-rollout-serve.ts).
      const device = deviceOf(request);
      const bundle = await contentBundleFor(db, secrets, device.tenantId, device.id, settings);
      const etag = bundleEtag(bundle);
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (etagMatches(request.headers['if-none-match'], etag)) return (reply as FastifyReply).code(304).send();
      return bundle;
    });

    typed.get('/public-key', { schema: { response: { 200: PublicKeySchema, ...ERRORS } } }, async (request) => {
      const key = await signingKeyOf(db, secrets, deviceOf(request).tenantId);
      return { algorithm: 'Ed25519' as const, keyId: key.key_id, publicKey: key.public_key };
    });

    typed.get(
      '/files/:sha256',
      { schema: { params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case sha256 hex digest') }), response: { 200: z.string(), ...ERRORS } } },
      async (request, reply) => {
        const file = await bundleFile(db, deviceOf(request).tenantId, request.params.sha256);
        if (file === undefined) throw notFound('unknown-file', 'no content file has this sha256');
        const etag = `"${file.sha256}"`;
        // Content-addressed: the bytes behind a hash never change.
        reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
        if (etagMatches(request.headers['if-none-match'], etag)) return (reply as FastifyReply).code(304).send();
        return (reply as FastifyReply).type('application/json; charset=utf-8').send(file.body);
      },
    );
  };
}
