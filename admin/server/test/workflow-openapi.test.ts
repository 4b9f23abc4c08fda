import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ApiErrorSchema } from '@kiosk/shared';
import { loadConfig } from '../src/config.js';
import { makeErrorHandler, renderApiError } from '../src/http/error-handler.js';
import { zodSerializerCompiler, zodValidatorCompiler } from '../src/http/zod.js';
import { workflowRoutes } from '../src/modules/workflow/routes.js';
import { openApiPath } from '../src/modules/workflow/openapi/document.js';
import { routeCatalogOf } from '../src/modules/workflow/openapi/route-catalog.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

// buildApp does not yet call collectRoutes(app) (the one-line app.ts change the workflow's report
// asks for). Until it does, this wraps Fastify's factory to make exactly that call, so the
// document below is built from every real route of the real buildApp. collectRoutes is
// idempotent, so the test stays valid once app.ts makes the call itself.
vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const { collectRoutes } = await import('../src/modules/workflow/openapi/route-catalog.js');
  const realFactory = actual['default'] as (options?: object) => FastifyInstance;
  const factory = (options?: object) => {
    const app = realFactory(options);
    collectRoutes(app);
    return app;
  };
  return { ...actual, default: factory };
});

interface Operation {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

describe.each(DIALECTS)('OpenAPI 3.1 document of the hub (%s)', (dialect) => {
  let hub: TestHub;
  let document: Document;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    const response = await hub.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.json() as Document;
  });
  afterAll(async () => {
    await hub?.close();
  });

  const op = (path: string, method: string): Operation => {
    const found = document.paths[path]?.[method];
    if (found === undefined) throw new Error(`${method} ${path} is missing from the document`);
    return found;
  };

  it('is OpenAPI 3.1 and lists every route the hub registered (HEAD twins aside)', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+/);
    const catalog = routeCatalogOf(hub.app);
    expect(catalog?.routes.length).toBeGreaterThan(20);
    for (const route of catalog?.routes ?? []) {
      for (const method of route.methods.filter((m) => m !== 'HEAD')) op(openApiPath(route.url).path, method.toLowerCase());
    }
    for (const [path, method] of [
      ['/healthz', 'get'],
      ['/open311/v2/services.{format}', 'get'],
      ['/fleet/v1/requests', 'post'],
      ['/api/auth/login', 'post'],
      ['/api/cases', 'get'],
      ['/api/workflow/cases/{id}/merge', 'post'],
      ['/api/api-keys/{id}', 'delete'],
      ['/openapi.json', 'get'],
    ] as const) {
      op(path, method);
    }
  });

  it('declares every path parameter, and operation ids are unique', () => {
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(operations)) {
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        const inPath = operation.parameters.filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort()).toEqual([...templated].sort());
        expect(inPath.every((p) => p.required)).toBe(true);
        expect(Object.keys(operation.responses).every((code) => /^\d{3}$/.test(code) || code === 'default')).toBe(true);
      }
    }
  });

  it('turns zod schemas into bodies, query parameters and answers, errors included', () => {
    const login = op('/api/auth/login', 'post');
    expect(login.requestBody?.content['application/json']?.schema).toMatchObject({ type: 'object', required: ['username', 'password'] });

    const open311Post = op('/open311/v2/requests.{format}', 'post');
    expect(Object.keys(open311Post.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(open311Post.responses)).toEqual(expect.arrayContaining(['400', '403', '404']));

    const queue = op('/api/workflow/cases', 'get');
    const pageSize = queue.parameters.find((p) => p.name === 'page_size');
    expect(pageSize).toMatchObject({ in: 'query', required: false });
    expect(pageSize?.schema['maximum']).toBe(200);

    const status = op('/api/workflow/cases/{id}/status', 'post');
    const detailed = (status.requestBody?.content['application/json']?.schema['properties'] as Record<string, { enum: string[] }>)['detailedStatus'];
    expect(detailed?.enum).toContain('resolved');
    expect(detailed?.enum).not.toContain('duplicate');
    expect(Object.keys(status.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409']));
  });

  it('answers the same document every time', async () => {
    const again = await hub.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(again.json()).toEqual(document);
  });
});

describe('OpenAPI without a route catalog', () => {
  it('says what to fix (503) instead of serving a partial document', async () => {
    const { default: realFastify } = await vi.importActual<{ default: (options?: object) => FastifyInstance }>('fastify');
    const app = realFastify();
    app.setValidatorCompiler(zodValidatorCompiler);
    app.setSerializerCompiler(zodSerializerCompiler);
    app.setErrorHandler(makeErrorHandler(renderApiError));
    // No db is touched by /openapi.json, so none is given.
    await app.register(workflowRoutes(undefined as never, loadConfig({})));
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(503);
    expect(ApiErrorSchema.parse(response.json()).error.message).toContain('collectRoutes');
    await app.close();
  });
});
