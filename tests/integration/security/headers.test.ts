import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestHub } from '../../../admin/server/test/helpers/hub.js';
import type { TestHub } from '../../../admin/server/test/helpers/hub.js';
import { fleetHeaders } from '../../../admin/server/test/helpers/kiosk.js';
import { fuzzRoutesOf } from '../fuzz/fuzz-hub.js';
import type { FuzzRoute } from '../fuzz/fuzz-hub.js';

// Every answer of the hub - each route in its catalog, 404s, the built console's static files,
// the status page - carries a CSP that forbids framing, nosniff and a referrer policy; plain HTTP
// never claims HSTS (tls.test.ts checks it is sent over TLS); cookies are __Host-, Secure,
// HttpOnly and SameSite=Strict.

let hub: TestHub;
let consoleDir: string;
let staffCookie: string;

beforeAll(async () => {
  consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-console-'));
  fs.mkdirSync(path.join(consoleDir, 'assets'));
  fs.writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><html><head><title>Console</title></head><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(consoleDir, 'assets', 'app.js'), 'console.log("console");');
  hub = await createTestHub('sqlite', { CONSOLE_DIR: consoleDir });
  const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'console' }, payload: { username: 'admin', password: hub.adminPassword } });
  expect(login.statusCode).toBe(200);
  staffCookie = /^(__Host-session=[^;]+);/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
});

afterAll(async () => {
  await hub?.close();
  fs.rmSync(consoleDir, { recursive: true, force: true });
});

/** What every answer must carry; returns the list of what is missing (empty when all is well). */
function missingHeaders(response: LightMyRequestResponse): string[] {
  const h = response.headers;
  const csp = String(h['content-security-policy'] ?? '');
  const problems: string[] = [];
  if (csp === '') problems.push('no content-security-policy');
  if (!/frame-ancestors 'none'/.test(csp) && String(h['x-frame-options'] ?? '').toUpperCase() !== 'DENY') problems.push(`framing allowed (csp: "${csp}")`);
  if (!/default-src '(self|none)'/.test(csp)) problems.push(`no default-src 'self' or 'none' (csp: "${csp}")`);
  if (/'unsafe-inline'|'unsafe-eval'/.test(csp)) problems.push(`unsafe CSP source (csp: "${csp}")`);
  if (h['x-content-type-options'] !== 'nosniff') problems.push('no x-content-type-options: nosniff');
  if (!['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(String(h['referrer-policy']))) problems.push(`referrer-policy is "${String(h['referrer-policy'])}"`);
  if (h['strict-transport-security'] !== undefined) problems.push('HSTS over plain HTTP');
  for (const cookie of [h['set-cookie'] ?? []].flat()) {
    if (!/^__Host-/.test(cookie) || !/; Secure/.test(cookie) || !/; HttpOnly/.test(cookie) || !/; SameSite=Strict/.test(cookie) || !/; Path=\/(;|$)/.test(cookie) || /Domain=/i.test(cookie)) {
      problems.push(`cookie without __Host-/Secure/HttpOnly/SameSite=Strict/Path=/: ${cookie.split('=')[0] ?? ''}`);
    }
  }
  return problems;
}

function credentialsFor(route: FuzzRoute): Record<string, string> {
  if (route.url.startsWith('/fleet/')) return fleetHeaders(hub);
  if (route.url.startsWith('/api/')) return { cookie: staffCookie, 'x-requested-with': 'console' };
  return {};
}

describe('security headers on every hub answer', () => {
  it('on every route in the catalog, as anonymous and as the caller it expects', async () => {
    await hub.app.ready();
    const routes = fuzzRoutesOf(hub.app).filter((route) => !(route.method === 'POST' && route.url === '/api/auth/logout'));
    expect(routes.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:[A-Za-z0-9_]+/g, '1').replace(/\*$/, 'index.html');
      const bodyless = route.method === 'GET' || route.method === 'HEAD';
      for (const headers of [{}, credentialsFor(route)]) {
        const response = await hub.app.inject({ method: route.method as 'GET', url, headers, ...(bodyless ? {} : { payload: {} }) });
        const missing = missingHeaders(response);
        if (missing.length > 0) failures.push(`${route.method} ${url} (${response.statusCode}): ${missing.join(', ')}`);
        expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
      }
    }
    expect(failures).toEqual([]);
  });

  it('on 404s of every API family, malformed requests and too-large bodies', async () => {
    const answers = await Promise.all([
      hub.app.inject({ method: 'GET', url: '/no/such/page' }),
      hub.app.inject({ method: 'GET', url: '/open311/v2/nothing.json' }),
      hub.app.inject({ method: 'GET', url: '/fleet/v1/nothing' }),
      hub.app.inject({ method: 'DELETE', url: '/status/K7QM-000A4-R' }),
      hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'console', 'content-type': 'application/json' }, payload: '{"username":' }),
      hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: { ...fleetHeaders(hub), 'content-type': 'application/json' }, payload: `"${'x'.repeat(hub.config.bodyLimitBytes + 10)}"` }),
      hub.app.inject({ method: 'GET', url: '/api/cases%zz' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 400, 413, 400]);
    // A URL Fastify cannot decode is answered in the hub's own error shape, not Fastify's.
    expect(answers[6]?.json()).toMatchObject({ error: { code: 'FST_ERR_BAD_URL' } });
    for (const answer of answers) expect(missingHeaders(answer), `${answer.statusCode} ${answer.body.slice(0, 80)}`).toEqual([]);
  });

  it('on the built console: index and static assets', async () => {
    for (const url of ['/', '/console', '/console/', '/console/index.html', '/console/fleet/x', '/console/assets/app.js', '/console/assets/missing.js']) {
      const response = await hub.app.inject({ method: 'GET', url });
      expect(missingHeaders(response), url).toEqual([]);
    }
    expect((await hub.app.inject({ method: 'GET', url: '/console/assets/app.js' })).statusCode).toBe(200);
  });

  it('on the public status page (found and not found), with its own stricter CSP', async () => {
    const notFound = await hub.app.inject({ method: 'GET', url: '/status/K7QM-000A4-R' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^text\/html/);
    expect(notFound.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(missingHeaders(notFound)).toEqual([]);
  });
});

describe('the session cookie', () => {
  it('is __Host-, Secure, HttpOnly, SameSite=Strict, Path=/ and host-only on sign-in and on sign-out', async () => {
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'console' }, payload: { username: 'admin', password: hub.adminPassword } });
    const set = String(login.headers['set-cookie']);
    expect(set).toMatch(/^__Host-session=[A-Za-z0-9_-]{20,}; /);
    for (const attribute of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=Strict']) expect(set.split('; ')).toContain(attribute);
    expect(set).not.toMatch(/Domain=/i);
    const cookie = /^(__Host-session=[^;]+);/.exec(set)?.[1] ?? '';
    const logout = await hub.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-requested-with': 'console' } });
    expect(logout.statusCode).toBe(204);
    const cleared = String(logout.headers['set-cookie']);
    expect(cleared).toMatch(/^__Host-session=; /);
    for (const attribute of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0']) expect(cleared.split('; ')).toContain(attribute);
    expect(missingHeaders(logout)).toEqual([]);
    // The old session is gone on the server too, not just in the browser.
    expect((await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
