import { STATUS_CODES } from 'node:http';
import type { CatalogRoute } from './route-catalog.js';
import { objectProperties, toJsonSchema } from './json-schema.js';
import type { JsonSchema } from './json-schema.js';

/** Builds the OpenAPI 3.1 document of the hub from its registered routes and their zod schemas. */

export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  /** The hub's public base URL, when configured. */
  readonly serverUrl: string | null;
}

/** Methods OpenAPI knows; Fastify's automatic HEAD twins of GET routes are left out. */
const DOCUMENTED_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Open311 POSTs are form-encoded (GeoReport v2); every other body is JSON. */
const FORM_ENCODED_PREFIX = '/open311/';

/** `/requests/:file` -> `/requests/{file}`, `/files/*` -> `/files/{wildcard}`; regex constraints dropped. */
export function openApiPath(fastifyUrl: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = fastifyUrl
    .replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_match, name: string) => {
      params.push(name);
      return `{${name}}`;
    })
    .replace(/\*$/, () => {
      params.push('wildcard');
      return '{wildcard}';
    });
  return { path, params };
}

function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return [method.toLowerCase(), ...words].join('_');
}

function tagOf(path: string): string {
  const [first = 'root', second] = path.split('/').filter((s) => s !== '' && !s.startsWith('{'));
  return first === 'api' && second !== undefined ? `api/${second}` : first.split('.')[0] ?? first;
}

function parameters(route: CatalogRoute, pathParams: readonly string[]): JsonSchema[] {
  const declared = new Map(objectProperties(toJsonSchema(route.schema?.params, 'input')).map((p) => [p.name, p.schema]));
  const inPath = pathParams.map((name) => ({ name, in: 'path', required: true, schema: declared.get(name) ?? { type: 'string' } }));
  const inQuery = objectProperties(toJsonSchema(route.schema?.querystring, 'input')).map((p) => ({
    name: p.name,
    in: 'query',
    required: p.required,
    schema: p.schema,
  }));
  return [...inPath, ...inQuery];
}

function responses(route: CatalogRoute, hasFormat: boolean): JsonSchema {
  const declared = route.schema?.response;
  if (typeof declared !== 'object' || declared === null) return { default: { description: 'answer (no schema declared)' } };
  const out: JsonSchema = {};
  for (const [code, schema] of Object.entries(declared as Record<string, unknown>)) {
    const description = STATUS_CODES[Number(code)] ?? 'answer';
    if (code === '204') {
      out[code] = { description };
      continue;
    }
    const json = toJsonSchema(schema, 'output') ?? {};
    // Open311 routes answer XML too when the path asks for `.xml`, with the same fields.
    out[code] = { description, content: { 'application/json': { schema: json }, ...(hasFormat && { 'text/xml': { schema: { type: 'string' } } }) } };
  }
  return out;
}

function operation(method: string, route: CatalogRoute, path: string, params: string[]): JsonSchema {
  const body = toJsonSchema(route.schema?.body, 'input');
  const bodyType = route.url.startsWith(FORM_ENCODED_PREFIX) ? 'application/x-www-form-urlencoded' : 'application/json';
  const summary = (route.schema as { summary?: unknown } | undefined)?.summary;
  return {
    operationId: operationId(method, path),
    tags: [tagOf(path)],
    ...(typeof summary === 'string' && { summary }),
    parameters: parameters(route, params),
    ...(body !== undefined && { requestBody: { required: true, content: { [bodyType]: { schema: body } } } }),
    responses: responses(route, params.includes('format')),
  };
}

export function buildOpenApiDocument(routes: readonly CatalogRoute[], info: DocumentInfo): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const { path, params } = openApiPath(route.url);
    for (const method of route.methods) {
      if (!DOCUMENTED_METHODS.has(method)) continue;
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = operation(method, route, path, params);
    }
  }
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: info.title, version: info.version, description: info.description },
    ...(info.serverUrl !== null && { servers: [{ url: info.serverUrl }] }),
    components: {
      securitySchemes: {
        consoleSession: { type: 'apiKey', in: 'cookie', name: '__Host-session', description: 'Staff routes under /api (POST /api/auth/login opens it).' },
        deviceCredential: { type: 'http', scheme: 'bearer', description: 'Kiosk routes under /fleet/v1: `Bearer <deviceId>.<secret>`.' },
        open311ApiKey: { type: 'apiKey', in: 'query', name: 'api_key', description: 'Open311 POST requests: the `api_key` form field.' },
      },
    },
    paths: sorted,
  };
}
