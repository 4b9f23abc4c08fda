import fs from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ApiErrorSchema } from '@kiosk/shared';
import { HubProblem } from '../../../http/problems.js';
import { buildOpenApiDocument } from './document.js';
import { routeCatalogOf } from './route-catalog.js';

export const OPENAPI_PATH = '/openapi.json';

const DESCRIPTION = [
  'The town-hall kiosk hub: Open311 GeoReport v2 under /open311/v2 (JSON and XML; see the README for the extensions),',
  'the kiosks\u2019 fleet API under /fleet/v1 (device bearer credential), the staff console API under /api (session cookie;',
  'state-changing calls need the header `x-requested-with: console`), and public pages.',
  'Non-Open311 errors answer `{ error: { code, message } }`.',
].join(' ');

function hubVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** GET /openapi.json: built once, on first request, when every route is registered. */
export function openApiRoutes(publicBaseUrl: string | null): FastifyPluginAsync {
  return async (app) => {
    let cached: string | undefined;
    app.get(
      OPENAPI_PATH,
      { schema: { summary: 'This OpenAPI 3.1 document', response: { 200: z.object({ openapi: z.string() }).loose(), 503: ApiErrorSchema, 500: ApiErrorSchema } } },
      async (_request, reply) => {
        const catalog = routeCatalogOf(app);
        if (catalog === undefined) {
          throw new HubProblem(503, 'openapi-unavailable', 'the route catalog was not collected: buildApp must call collectRoutes(app) before registering routes');
        }
        cached ??= JSON.stringify(
          buildOpenApiDocument(catalog.routes, { title: 'Town-hall kiosk hub', version: hubVersion(), description: DESCRIPTION, serverUrl: publicBaseUrl }),
        );
        return reply.type('application/json; charset=utf-8').send(cached);
      },
    );
  };
}
