import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@kiosk/hub';
import { createTestHub } from '../../../admin/server/test/helpers/hub.js';
import type { Dialect, TestHub } from '../../../admin/server/test/helpers/hub.js';
import { routeCatalogOf } from '../../../admin/server/src/modules/workflow/openapi/route-catalog.js';
import { PROTOCOL_VERSION } from '@kiosk/shared';

/**
 * A real hub (createTestHub: SQLite file or fresh PostgreSQL database) rebuilt with an error-level
 * logger captured in memory, so a 5xx found by fuzzing comes with the hub's own account of it.
 */

export interface FuzzRoute {
  readonly method: string;
  /** Fastify's path, e.g. `/api/content/:id`. */
  readonly url: string;
  /** Top-level keys of the route's zod schemas, so fuzzing also hits names the route reads. */
  readonly queryKeys: readonly string[];
  readonly bodyKeys: readonly string[];
}

export interface FuzzHub {
  readonly hub: TestHub;
  readonly app: FastifyInstance;
  /** Error-level log lines the hub wrote (5xx causes). */
  readonly errorLogs: string[];
  readonly routes: readonly FuzzRoute[];
  /** Cookie + CSRF header of a live admin session (signs in again when a fuzzed logout ended it). */
  staffHeaders(): Promise<Record<string, string>>;
  deviceHeaders(): Record<string, string>;
  /** Row count of every table, in one query. */
  tableCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

function keysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape !== null && typeof shape === 'object' ? Object.keys(shape) : [];
}

/** Every method + path the app registered (HEAD included), from the route catalog. */
export function fuzzRoutesOf(app: FastifyInstance): FuzzRoute[] {
  const catalog = routeCatalogOf(app);
  if (catalog === undefined) throw new Error('buildApp no longer collects a route catalog (collectRoutes)');
  const seen = new Set<string>();
  const routes: FuzzRoute[] = [];
  for (const route of catalog.routes) {
    for (const method of route.methods) {
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const schema = route.schema as { querystring?: unknown; body?: unknown } | undefined;
      routes.push({ method, url: route.url, queryKeys: keysOf(schema?.querystring), bodyKeys: keysOf(schema?.body) });
    }
  }
  return routes;
}

/** The route list, read once from a throw-away hub so tests can be named per route. */
export async function listHubRoutes(): Promise<FuzzRoute[]> {
  const hub = await createTestHub('sqlite');
  try {
    await hub.app.ready();
    return fuzzRoutesOf(hub.app);
  } finally {
    await hub.close();
  }
}

export async function startFuzzHub(dialect: Dialect): Promise<FuzzHub> {
  const hub = await createTestHub(dialect);
  const errorLogs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      errorLogs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({ db: hub.db, config: hub.config, logger: { level: 'error', stream } });
  await app.ready();
  const tables = (await hub.db.introspection.getTables()).map((t) => t.name).sort();
  if (tables.some((name) => !/^[a-z0-9_]+$/.test(name))) throw new Error(`unexpected table name in ${tables.join(', ')}`);

  let cookie = '';
  const signIn = async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'console' }, payload: { username: 'admin', password: hub.adminPassword } });
    const header = [response.headers['set-cookie'] ?? []].flat()[0] ?? '';
    const value = /^(__Host-session=[^;]+);/.exec(header)?.[1];
    if (value === undefined) throw new Error(`admin sign-in failed: ${response.statusCode}`);
    cookie = value;
  };
  const staffHeaders = async () => {
    const me = cookie === '' ? null : await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    if (me === null || me.statusCode !== 200) await signIn();
    return { cookie, 'x-requested-with': 'console' };
  };

  return {
    hub,
    app,
    errorLogs,
    routes: fuzzRoutesOf(app),
    staffHeaders,
    deviceHeaders: () => ({ authorization: `Bearer ${hub.kiosk.token}`, 'x-protocol-version': String(PROTOCOL_VERSION) }),
    tableCounts: async () => {
      // auth_throttle counts refused sign-ins on purpose (rate limiting): a rejected login must change it.
      const query = tables.filter((name) => name !== 'auth_throttle').map((name) => `select '${name}' as name, count(*) as n from "${name}"`).join(' union all ');
      const result = await sql<{ name: string; n: number | string }>`${sql.raw(query)}`.execute(hub.db);
      return Object.fromEntries(result.rows.map((row) => [row.name, Number(row.n)]));
    },
    close: async () => {
      await app.close();
      await hub.close();
    },
  };
}
