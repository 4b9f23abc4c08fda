import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@kiosk/shared';
import { CaseListSchema } from '../src/modules/cases/contract.js';
import { MeSchema } from '../src/modules/auth/contract.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };

describe.each(DIALECTS)('console auth and case list (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const login = (password: string, headers: Record<string, string> = CONSOLE) =>
    hub.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'admin', password } });

  function sessionCookieOf(setCookie: string | string[] | undefined): string {
    const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    const value = /^__Host-session=([^;]+);/.exec(header ?? '')?.[1];
    if (value === undefined) throw new Error(`no session cookie in ${String(header)}`);
    return value;
  }

  it('stores only an argon2id hash of the generated admin password', async () => {
    const user = await hub.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(user.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(user.password_hash).not.toContain(hub.adminPassword);
  });

  it('refuses a login without the console header (403 csrf)', async () => {
    const response = await login(hub.adminPassword, {});
    expect(response.statusCode).toBe(403);
    expect(ApiErrorSchema.parse(response.json()).error.code).toBe('csrf');
  });

  it('refuses a cross-site call even with the console header (Sec-Fetch-Site)', async () => {
    const response = await login(hub.adminPassword, { ...CONSOLE, 'sec-fetch-site': 'cross-site' });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await login('wrong password');
    const unknown = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'nobody', password: 'x' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('answers 401 on /api/cases and /api/auth/me without a session', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
    expect((await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: '__Host-session=made-up' } })).statusCode).toBe(401);
  });

  it('logs in with a __Host- cookie, lists cases without personal data, and logs out', async () => {
    await hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM_HEADERS,
      payload: form({ api_key: hub.apiKey, service_code: 'litter', address_string: 'Calle Real 3', description: 'Contenedor desbordado', first_name: 'Lucía', email: 'lucia@example.org' }),
    });
    const kioskCase = submission(hub, 1);
    await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'key-console-0001'), payload: kioskCase });

    const response = await login(hub.adminPassword);
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-session=[A-Za-z0-9_-]{22}; Path=\/; Secure; HttpOnly; SameSite=Strict$/);
    expect(MeSchema.parse(response.json())).toMatchObject({ username: 'admin', role: 'admin', tenant: { jurisdictionId: 'villademo.es' } });
    const cookie = `__Host-session=${sessionCookieOf(response.headers['set-cookie'])}`;

    const me = await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);

    const cases = await hub.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie } });
    expect(cases.statusCode).toBe(200);
    expect(cases.headers['cache-control']).toBe('no-store');
    const list = CaseListSchema.parse(cases.json()).cases;
    expect(list).toHaveLength(2);
    expect(list.map((c) => c.channel).sort()).toEqual(['kiosk', 'web']);
    expect(list.find((c) => c.channel === 'kiosk')).toMatchObject({ localReference: kioskCase.localReference, serviceName: 'Farola o alumbrado público averiado' });
    for (const secret of ['Lucía', 'lucia@example.org', 'Contenedor desbordado', 'Calle Real', 'farola de la esquina']) {
      expect(cases.body).not.toContain(secret);
    }

    const logoutWithoutHeader = await hub.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logoutWithoutHeader.statusCode).toBe(403);
    const logout = await hub.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, ...CONSOLE } });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await hub.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie } })).statusCode).toBe(401);
  });

  it('ends a session that has been idle too long', async () => {
    const response = await login(hub.adminPassword);
    const cookie = `__Host-session=${sessionCookieOf(response.headers['set-cookie'])}`;
    const longAgo = new Date(Date.now() - hub.config.sessionIdleMs - 1000).toISOString();
    await hub.db.updateTable('sessions').set({ last_seen_at: longAgo }).execute();
    expect((await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});
