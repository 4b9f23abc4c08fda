import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../admin/server/test/helpers/hub.js';
import { bodyFor, credentials, junkHeaders, pathFor, queryFor } from './arbitraries.js';
import type { Credentials, FuzzBody } from './arbitraries.js';
import { listHubRoutes, startFuzzHub } from './fuzz-hub.js';
import type { FuzzHub, FuzzRoute } from './fuzz-hub.js';

// Every route the hub registers (read from its route catalog, so routes added later are fuzzed
// too) gets hostile requests: no 5xx, a well-formed answer, no prototype pollution, no unhandled
// rejection, and a rejected request (4xx) leaves every table's row count as it was.

/** Runs per route: enough to reach every branch of the generators, few enough for < 60 s in all. */
const RUNS: Record<string, number> = { sqlite: 20, postgres: 6 };
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const routes = await listHubRoutes();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

interface FuzzRequest {
  readonly path: string;
  readonly query: string;
  readonly body: FuzzBody;
  readonly credentials: Credentials;
  readonly headers: Record<string, string>;
}

function requestFor(route: FuzzRoute, apiKey: string): fc.Arbitrary<FuzzRequest> {
  const noBody: fc.Arbitrary<FuzzBody> = fc.constant({ contentType: undefined, payload: undefined });
  return fc.record({
    path: pathFor(route),
    query: queryFor(route),
    body: BODY_METHODS.has(route.method) ? bodyFor(route, apiKey) : fc.oneof({ weight: 5, arbitrary: noBody }, { weight: 1, arbitrary: bodyFor(route, apiKey) }),
    credentials,
    headers: junkHeaders,
  });
}

/** Says what is wrong with an answer's shape, or null: the content type matches what the body is. */
function malformation(method: string, status: number, headers: Record<string, unknown>, body: string): string | null {
  if (method === 'HEAD' || status === 204 || status === 304 || body.length === 0) return null;
  const type = String(headers['content-type'] ?? '');
  if (type === '') return 'a body without a content type';
  if (type.includes('json')) {
    try {
      JSON.parse(body);
    } catch {
      return `content type ${type} but the body is not JSON`;
    }
  }
  if (type.includes('xml') && !body.trimStart().startsWith('<')) return `content type ${type} but the body is not XML`;
  if (type.includes('html') && !/^<!doctype html>/i.test(body.trimStart())) return `content type ${type} but the body is not an HTML document`;
  return null;
}

function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]).map((table) => `${table}: ${before[table]} -> ${after[table]}`);
}

describe.each(DIALECTS)('fuzzing every hub route (%s)', (dialect) => {
  let fuzz: FuzzHub;
  beforeAll(async () => {
    fuzz = await startFuzzHub(dialect);
  });
  afterAll(async () => {
    await fuzz?.close();
  });

  it('fuzzes the routes the app has now (the catalog read at collection time is complete)', () => {
    const now = new Set(fuzz.routes.map((r) => `${r.method} ${r.url}`));
    expect(routes.map((r) => `${r.method} ${r.url}`).filter((r) => !now.has(r))).toEqual([]);
    expect(routes.length).toBeGreaterThan(50);
  });

  // What fuzzing found first: PostgreSQL cannot store U+0000 and answered 500 (http/reject-nul.ts).
  it('refuses a NUL character anywhere in a request with a 400 that names the field, in each API family\'s shape', async () => {
    const api = await fuzz.app.inject({ method: 'GET', url: '/api/content/%00/versions', headers: await fuzz.staffHeaders() });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ error: { code: 'invalid', message: expect.stringContaining('params.id') } });
    const open311 = await fuzz.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ api_key: fuzz.hub.apiKey, service_code: 'litter', description: 'Papelera\u0000 rota', address_string: 'Calle Real 3' }).toString(),
    });
    expect(open311.statusCode).toBe(400);
    expect(open311.json()).toEqual([{ code: '400', description: expect.stringContaining('description') }]);
    const query = await fuzz.app.inject({ method: 'GET', url: '/public/v1/appointments/offices?jurisdiction_id=a%00b' });
    expect(query.statusCode).toBe(400);
  });

  it.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s', async (_name, route) => {
    const runs = route.method === 'HEAD' ? Math.ceil((RUNS[dialect] ?? 8) / 3) : (RUNS[dialect] ?? 8);
    await fc.assert(
      fc.asyncProperty(requestFor(route, fuzz.hub.apiKey), async (request) => {
        const credentialHeaders =
          request.credentials === 'staff' ? await fuzz.staffHeaders()
          : request.credentials === 'device' ? fuzz.deviceHeaders()
          : request.credentials === 'junk' ? { authorization: 'Bearer nobody.nothing', cookie: '__Host-session=forged', 'x-requested-with': 'console' }
          : {};
        const headers: Record<string, string> = { ...request.headers, ...credentialHeaders };
        if (request.body.contentType !== undefined) headers['content-type'] = request.body.contentType;
        const before = await fuzz.tableCounts();
        const logsBefore = fuzz.errorLogs.length;
        const response = await fuzz.app.inject({ method: route.method as 'GET', url: `${request.path}${request.query}`, headers, payload: request.body.payload });
        const context = `${route.method} ${request.path}${request.query.slice(0, 200)} -> ${response.statusCode}`;

        expect(response.statusCode, `${context}\n${fuzz.errorLogs.slice(logsBefore).join('')}\n${response.body.slice(0, 300)}`).toBeLessThan(500);
        expect(response.statusCode, context).toBeGreaterThanOrEqual(200);
        expect(malformation(route.method, response.statusCode, response.headers, response.body), context).toBeNull();
        expect(response.headers['x-content-type-options'], `${context}: no security headers`).toBe('nosniff');
        expect(String(response.headers['content-security-policy']), `${context}: no CSP`).toContain("frame-ancestors 'none'");
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), 'Object.prototype polluted').toBe(false);
        expect(({} as Record<string, unknown>)['isAdmin'], 'Object.prototype polluted').toBeUndefined();
        if (response.statusCode >= 400) expect(changedTables(before, await fuzz.tableCounts()), `${context}: a rejected request changed the database`).toEqual([]);
      }),
      { numRuns: runs },
    );
    expect(unhandled, 'unhandled promise rejections while fuzzing').toEqual([]);
  });
});
