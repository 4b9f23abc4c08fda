import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_HEADERS } from '../helpers/hub.js';
import { routeCatalogOf } from '../../src/modules/workflow/openapi/route-catalog.js';
import { DIALECTS, createTestHub } from '../helpers/hub.js';
import type { TestHub } from '../helpers/hub.js';
import { loadRules } from './load-rules.js';
import { fillParams, preparePrincipals, targetsSeeded } from './principals.js';
import type { Principals } from './principals.js';
import { PRINCIPALS } from './types.js';
import type { AuthzRule, BodyContext, Principal } from './types.js';

/**
 * The authorisation matrix (issue 7): every route of the hub's route table x every principal
 * (nobody, the kiosk credential, each staff role, another tenant's admin) against the rules in
 * ./rules/*.ts. A route without a rule fails, and so does a rule without a route.
 */

const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
/** Last: these end the caller's own session. */
const RUN_LAST: ReadonlySet<string> = new Set(['POST /api/auth/logout']);

interface TableRoute {
  readonly method: string;
  readonly url: string;
}

function routeTable(hub: TestHub): TableRoute[] {
  const catalog = routeCatalogOf(hub.app);
  if (catalog === undefined) throw new Error('buildApp no longer collects a route catalog');
  const seen = new Map<string, TableRoute>();
  for (const route of catalog.routes) for (const method of route.methods) seen.set(`${method} ${route.url}`, { method, url: route.url });
  return [...seen.values()].sort((a, b) => Number(RUN_LAST.has(`${a.method} ${a.url}`)) - Number(RUN_LAST.has(`${b.method} ${b.url}`)));
}

/** What a principal outside `allow` gets: 401 for nobody, 401/403 otherwise (every body rule has a valid body, so never a 400). */
function refusals(principal: Principal | 'other-admin'): number[] {
  return principal === 'anonymous' ? [401] : [401, 403];
}

/** What an allowed role gets on a POST/PUT/PATCH with the rule's valid body: 2xx, or an answer the rule documents. */
function accepted(status: number, rule: AuthzRule): boolean {
  return (status >= 200 && status < 300) || (rule.expect ?? []).includes(status);
}

describe.each(DIALECTS)('authorisation matrix: every hub route x every principal (%s)', (dialect) => {
  let hub: TestHub;
  let principals: Principals;
  let rules: Awaited<ReturnType<typeof loadRules>>;
  let table: TableRoute[];
  let consoleDir: string;

  beforeAll(async () => {
    // A console folder, so the console's routes are in the table as in production.
    consoleDir = mkdtempSync(path.join(tmpdir(), 'authz-console-'));
    writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
    hub = await createTestHub(dialect, { ADMIN_SECOND_FACTOR: 'required', CONSOLE_DIR: consoleDir });
    await hub.app.ready();
    principals = await preparePrincipals(hub);
    rules = await loadRules();
    table = routeTable(hub);
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  const exact = (method: string, url: string) => rules.find((rule) => rule.method === method && rule.url === url);
  /**
   * HEAD follows GET; a trailing-slash twin (`/api/content/`, from a plugin's '/' route) follows
   * the route without it; the console's static files (one route per built file) follow `/console/*`.
   */
  const ruleFor = (method: string, url: string): AuthzRule | undefined => {
    const methods = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
    const urls = [url, ...(url.length > 1 && url.endsWith('/') ? [url.slice(0, -1)] : []), ...(url.startsWith('/console/') ? ['/console/*'] : [])];
    for (const m of methods) for (const u of urls) {
      const found = exact(m, u);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  it('has exactly one rule for every route in the route table', () => {
    const missing = table.filter((route) => ruleFor(route.method, route.url) === undefined).map((route) => `${route.method} ${route.url}`);
    expect(missing, 'routes with no rule: add them to admin/server/test/authz/rules/<area>.ts').toEqual([]);
    const routeKeys = new Set(table.map((route) => `${route.method} ${route.url}`));
    const stale = rules.filter((rule) => !routeKeys.has(`${rule.method} ${rule.url}`)).map((rule) => `${rule.method} ${rule.url} (rules/${rule.file})`);
    expect(stale, 'rules for routes the hub does not have').toEqual([]);
    const counts = new Map<string, number>();
    for (const rule of rules) counts.set(`${rule.method} ${rule.url}`, (counts.get(`${rule.method} ${rule.url}`) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([key]) => key), 'routes with two rules').toEqual([]);
    const bodiless = rules.filter((rule) => BODY_METHODS.has(rule.method) && !rule.allow.includes('anonymous') && rule.body === undefined).map((rule) => `${rule.method} ${rule.url} (rules/${rule.file})`);
    expect(bodiless, 'POST/PUT/PATCH rules without a valid body example').toEqual([]);
  });

  it('answers every principal on every route as its rule says', async () => {
    const failures: string[] = [];
    // Distinctive values only (a numeric case id like "1" would match anything).
    const seededIds = Object.values(principals.seeded).filter((value) => value.length >= 8);
    for (const route of table) {
      const rule = ruleFor(route.method, route.url);
      if (rule === undefined) continue; // reported by the test above
      const url = `${fillParams(route.url, principals.seeded)}${rule.query ?? ''}`;
      for (const principal of [...PRINCIPALS, 'other-admin'] as const) {
        // The CSRF header is no credential: every caller sends it, so refusals come from authorisation.
        const headers: Record<string, string> = { ...CONSOLE_HEADERS, ...rule.headers, ...principals.headers[principal] };
        const body = typeof rule.body === 'function' ? (rule.body as (context: BodyContext) => unknown)({ hub, seeded: principals.seeded }) : rule.body;
        // A Buffer body is sent as it is (an image upload), with the content type its rule names.
        const raw = Buffer.isBuffer(body);
        const payload = BODY_METHODS.has(route.method) ? (raw ? body : JSON.stringify(body ?? {})) : undefined;
        if (payload !== undefined && !raw) headers['content-type'] = 'application/json';
        const response = await hub.app.inject({ method: route.method as 'GET', url, headers, ...(payload !== undefined && { payload }) });
        const status = response.statusCode;
        const where = `${route.method} ${route.url} as ${principal}: ${status}`;
        const publicRoute = rule.allow.includes('anonymous');
        if (principal === 'other-admin') {
          if (publicRoute) continue;
          if (rule.allow.includes('admin') && targetsSeeded(route.url)) {
            if (![400, 403, 404].includes(status)) failures.push(`${where}, expected 403/404 (another tenant's resource)`);
          } else if (!rule.allow.includes('admin') && !refusals(principal).includes(status)) {
            failures.push(`${where}, expected a refusal`);
          }
          // An id the caller put in the URL or the body may come back in its own error message: that is no leak.
          const leaked = seededIds.filter((id) => response.body.includes(id) && !url.includes(id) && !(payload ?? '').includes(id));
          if (leaked.length > 0) failures.push(`${where} leaked this tenant's ${leaked.join(', ')}`);
          continue;
        }
        if (publicRoute) {
          // Public: nobody needs a credential. Others' credentials may be refused (a device token is no enrolment poll token).
          if (principal === 'anonymous' && (status === 401 || status === 403)) failures.push(`${where}, expected a public answer`);
        } else if (rule.allow.includes(principal)) {
          if (status === 401 || status === 403) failures.push(`${where}, expected to get past authorisation`);
          else if (BODY_METHODS.has(route.method) && !accepted(status, rule)) failures.push(`${where}, expected 2xx${rule.expect === undefined ? '' : ` or ${rule.expect.join('/')}`} with the rule's valid body: ${response.body.slice(0, 160)}`);
        } else if (!refusals(principal).includes(status)) {
          failures.push(`${where}, expected ${refusals(principal).join('/')}`);
        }
      }
    }
    // AUTHZ_DUMP=<file> writes every failure there: the reporter shortens a long list.
    const dump = process.env['AUTHZ_DUMP'];
    if (dump !== undefined && dump !== '') writeFileSync(dump, failures.join('\n'));
    expect(failures).toEqual([]);
  }, 300_000);
});
