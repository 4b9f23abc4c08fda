import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { ApiKeyListSchema, ApiKeySummarySchema, AuditListSchema, CreatedApiKeySchema } from '../src/modules/workflow/contract.js';
import { DIALECTS, FORM_HEADERS, createTestHub, form } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

const CONSOLE = { 'x-requested-with': 'console' };
const PASSWORD = 'correct horse battery staple';

describe.each(DIALECTS)('Open311 API keys in the console (%s)', (dialect) => {
  let hub: TestHub;
  let adminCookie = '';
  let caseworkerCookie = '';

  async function login(username: string, password: string): Promise<string> {
    const response = await hub.app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
    expect(response.statusCode).toBe(200);
    return `__Host-session=${/^__Host-session=([^;]+);/.exec(String(response.headers['set-cookie']))?.[1] ?? ''}`;
  }

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    adminCookie = await login('admin', hub.adminPassword);
    const admin = await hub.db.selectFrom('users').select('tenant_id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await createUser(hub.db, { tenantId: admin.tenant_id, username: 'caseworker', password: PASSWORD, role: 'caseworker' });
    caseworkerCookie = await login('caseworker', PASSWORD);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const create = (payload: object, cookie = adminCookie) =>
    hub.app.inject({ method: 'POST', url: '/api/api-keys', headers: { ...CONSOLE, cookie }, payload });
  const list = async () => ApiKeyListSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/api-keys', headers: { cookie: adminCookie } })).json()).keys;
  const revoke = (id: string, cookie = adminCookie) => hub.app.inject({ method: 'DELETE', url: `/api/api-keys/${id}`, headers: { ...CONSOLE, cookie } });
  const fileWith = (apiKey: string) =>
    hub.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM_HEADERS,
      payload: form({ api_key: apiKey, service_code: 'litter', address_string: 'Calle Real 3', description: 'Papelera rota' }),
    });

  it('creates a key shown once, stores only its hash, and the key files Open311 requests on its channel', async () => {
    const response = await create({ label: 'city app', channel: 'app' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = CreatedApiKeySchema.parse(response.json());
    expect(created.key.length).toBeGreaterThanOrEqual(43);

    const stored = await hub.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(created.key);
    const listed = await list();
    expect(listed).toContainEqual({ id: created.id, label: 'city app', channel: 'app', createdAt: created.createdAt, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain(stored.key_hash);

    const filed = await fileWith(created.key);
    expect(filed.statusCode).toBe(201);
    const [answer] = filed.json() as [{ service_request_id: string }];
    const channel = await hub.db.selectFrom('service_requests').select('channel').where('id', '=', answer.service_request_id).executeTakeFirstOrThrow();
    expect(channel.channel).toBe('app');
  });

  it('revokes a key so Open311 refuses it at once (403), and a second revoke changes nothing', async () => {
    const created = CreatedApiKeySchema.parse((await create({ label: 'call centre', channel: 'phone' })).json());
    const revoked = await revoke(created.id);
    expect(revoked.statusCode).toBe(200);
    const summary = ApiKeySummarySchema.parse(revoked.json());
    expect(summary.revokedAt).not.toBeNull();
    expect((await fileWith(created.key)).statusCode).toBe(403);
    expect(ApiKeySummarySchema.parse((await revoke(created.id)).json()).revokedAt).toBe(summary.revokedAt);

    const audit = await hub.app.inject({ method: 'GET', url: `/api/audit?target_type=api-key&target_id=${created.id}`, headers: { cookie: adminCookie } });
    expect(AuditListSchema.parse(audit.json()).entries.map((e) => [e.action, e.actor])).toEqual([
      ['api-key.revoke', 'admin'],
      ['api-key.create', 'admin'],
    ]);
    expect(audit.body).not.toContain(created.key);
  });

  it('refuses a taken label, a kiosk channel, an unknown key and non-admins', async () => {
    expect((await create({ label: 'duplicated', channel: 'web' })).statusCode).toBe(201);
    const taken = await create({ label: 'duplicated', channel: 'web' });
    expect(taken.statusCode).toBe(409);
    expect(ApiErrorSchema.parse(taken.json()).error.code).toBe('label-taken');
    expect((await create({ label: 'kiosk', channel: 'kiosk' })).statusCode).toBe(400);
    expect((await create({ label: '', channel: 'web' })).statusCode).toBe(400);
    expect((await revoke('key_unknown')).statusCode).toBe(404);
    expect((await create({ label: 'sneaky', channel: 'web' }, caseworkerCookie)).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url: '/api/api-keys', headers: { cookie: caseworkerCookie } })).statusCode).toBe(403);
    const [demo] = await list();
    expect((await revoke(demo?.id ?? '', caseworkerCookie)).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: adminCookie }, payload: { label: 'x', channel: 'web' } })).statusCode).toBe(403);
    expect((await list()).map((k) => k.label)).not.toContain('sneaky');
  });
});
