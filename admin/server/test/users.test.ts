import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, IssuedPasswordSchema, MeSchema, StaffUserListSchema, StaffUserSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { siteScopeOf } from '../src/modules/auth/scope.js';
import { CONSOLE_HEADERS, DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

const TENANT = 'villademo';
const OTHER_TENANT = 'othertown';

describe.each(DIALECTS)('user management (%s)', (dialect) => {
  let hub: TestHub;
  let admin: Record<string, string>;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
    admin = await signInStaff(hub, 'admin', hub.adminPassword);
    await hub.db.insertInto('tenants').values(await otherTenantRow()).execute();
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function otherTenantRow() {
    const demo = await hub.db.selectFrom('tenants').selectAll().where('id', '=', TENANT).executeTakeFirstOrThrow();
    return { ...demo, id: OTHER_TENANT, name: 'Other Town', jurisdiction_id: 'othertown.example' };
  }

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: unknown) =>
    hub.app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });
  const login = (username: string, password: string) => hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE_HEADERS, payload: { username, password } });
  const auditActions = async () =>
    (await hub.db.withTables<{ audit_log: { action: string; target_type: string; details: string } }>().selectFrom('audit_log').selectAll().where('target_type', '=', 'user').execute()).map((row) => row.action);

  it('creates a user with a one-time password that signs in, scoped to a site, and lists it', async () => {
    const created = await call('POST', '/api/users', admin, { username: 'lola', role: 'operator', site: 'town-hall' });
    expect(created.statusCode).toBe(201);
    const { user, password } = IssuedPasswordSchema.parse(created.json());
    expect(user).toMatchObject({ username: 'lola', role: 'operator', site: 'town-hall', disabled: false, secondFactor: false });
    expect(password.length).toBeGreaterThanOrEqual(20);

    const signedIn = await login('lola', password);
    expect(signedIn.statusCode).toBe(200);
    expect(MeSchema.parse(signedIn.json()).site).toBe('town-hall');
    expect(siteScopeOf({ userId: user.id, tenantId: TENANT, username: 'lola', role: 'operator', siteId: 'town-hall' })).toBe('town-hall');

    const list = StaffUserListSchema.parse((await call('GET', '/api/users', admin)).json());
    expect(list.users.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'lola']));
    expect(JSON.stringify(list)).not.toMatch(/argon2|password_hash|totp/i);
    expect(await auditActions()).toContain('user.create');
  });

  it('refuses a taken username (409) and a malformed one (400) without creating anything', async () => {
    const before = (await hub.db.selectFrom('users').select('id').execute()).length;
    const taken = await call('POST', '/api/users', admin, { username: 'lola', role: 'viewer' });
    expect(taken.statusCode).toBe(409);
    expect(ApiErrorSchema.parse(taken.json()).error.code).toBe('username-taken');
    expect((await call('POST', '/api/users', admin, { username: 'a b', role: 'viewer' })).statusCode).toBe(400);
    expect((await call('POST', '/api/users', admin, { username: 'okname', role: 'boss' })).statusCode).toBe(400);
    expect((await hub.db.selectFrom('users').select('id').execute()).length).toBe(before);
  });

  it('changes role, disables (ending sessions at once) and enables again', async () => {
    const { user, password } = IssuedPasswordSchema.parse((await call('POST', '/api/users', admin, { username: 'mario', role: 'viewer' })).json());
    const mario = await signInStaff(hub, 'mario', password);
    const promoted = StaffUserSchema.parse((await call('PATCH', `/api/users/${user.id}`, admin, { role: 'caseworker', site: null })).json());
    expect(promoted.role).toBe('caseworker');
    expect(MeSchema.parse((await call('GET', '/api/auth/me', mario)).json()).role).toBe('caseworker');

    expect(StaffUserSchema.parse((await call('PATCH', `/api/users/${user.id}`, admin, { disabled: true })).json()).disabled).toBe(true);
    expect((await call('GET', '/api/auth/me', mario)).statusCode).toBe(401);
    expect((await login('mario', password)).statusCode).toBe(401);
    expect(StaffUserSchema.parse((await call('PATCH', `/api/users/${user.id}`, admin, { disabled: false })).json()).disabled).toBe(false);
    expect((await login('mario', password)).statusCode).toBe(200);
    expect((await call('PATCH', `/api/users/${user.id}`, admin, {})).statusCode).toBe(400);
  });

  it('resets a password (old one stops working, sessions end) and the second factor', async () => {
    const { user, password } = IssuedPasswordSchema.parse((await call('POST', '/api/users', admin, { username: 'nuria', role: 'editor' })).json());
    const nuria = await signInStaff(hub, 'nuria', password);
    await hub.db.updateTable('users').set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_last_step: 5 }).where('id', '=', user.id).execute();
    const reset = IssuedPasswordSchema.parse((await call('POST', `/api/users/${user.id}/reset-password`, admin)).json());
    expect(reset.password).not.toBe(password);
    expect((await call('GET', '/api/auth/me', nuria)).statusCode).toBe(401);
    expect((await login('nuria', password)).statusCode).toBe(401);

    const cleared = StaffUserSchema.parse((await call('POST', `/api/users/${user.id}/reset-second-factor`, admin)).json());
    expect(cleared.secondFactor).toBe(false);
    const row = await hub.db.selectFrom('users').select(['totp_secret', 'totp_last_step']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_secret: null, totp_last_step: null });
    expect((await login('nuria', reset.password)).statusCode).toBe(200);
    expect(await auditActions()).toEqual(expect.arrayContaining(['user.update', 'user.reset-password', 'user.reset-second-factor']));
  });

  it('never lets the last active admin be demoted or disabled', async () => {
    const adminId = (await hub.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    for (const change of [{ role: 'viewer' }, { disabled: true }]) {
      const refused = await call('PATCH', `/api/users/${adminId}`, admin, change);
      expect(refused.statusCode).toBe(409);
      expect(ApiErrorSchema.parse(refused.json()).error.code).toBe('last-admin');
    }
    // With a second admin, the first may step down.
    await call('POST', '/api/users', admin, { username: 'olga', role: 'admin' });
    expect((await call('PATCH', `/api/users/${adminId}`, admin, { role: 'admin', site: 'annex' })).statusCode).toBe(200);
  });

  it('hides other tenants: their users are 404 and never listed', async () => {
    await createUser(hub.db, { tenantId: OTHER_TENANT, username: 'pablo', password: 'pablo-password-1', role: 'admin' });
    const pabloId = (await hub.db.selectFrom('users').select('id').where('username', '=', 'pablo').executeTakeFirstOrThrow()).id;
    expect((await call('PATCH', `/api/users/${pabloId}`, admin, { disabled: true })).statusCode).toBe(404);
    expect((await call('POST', `/api/users/${pabloId}/reset-password`, admin)).statusCode).toBe(404);
    expect((await call('POST', `/api/users/${pabloId}/reset-second-factor`, admin)).statusCode).toBe(404);
    const list = StaffUserListSchema.parse((await call('GET', '/api/users', admin)).json());
    expect(list.users.map((u) => u.username)).not.toContain('pablo');
    const pablo = await signInStaff(hub, 'pablo', 'pablo-password-1');
    expect(StaffUserListSchema.parse((await call('GET', '/api/users', pablo)).json()).users.map((u) => u.username)).toEqual(['pablo']);
  });

  it('refuses every non-admin role (403)', async () => {
    await createUser(hub.db, { tenantId: TENANT, username: 'quim', password: 'quim-password-12', role: 'operator' });
    const quim = await signInStaff(hub, 'quim', 'quim-password-12');
    expect((await call('GET', '/api/users', quim)).statusCode).toBe(403);
    expect((await call('POST', '/api/users', quim, { username: 'sneaky', role: 'admin' })).statusCode).toBe(403);
  });
});
