import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { startHub } from '../src/index.js';
import type { RunningHub } from '../src/index.js';
import { createCase, NO_CONTACT } from '../src/modules/cases/service.js';
import { ForwardingOutboxViewSchema, ForwardingSettingsViewSchema } from '../src/modules/forwarding/contract.js';
import type { FetchLike } from '../src/modules/forwarding/client.js';
import { runForwardingOutbox } from '../src/modules/forwarding/outbox.js';
import { DEFAULT_FORWARDING_POLICY } from '../src/modules/forwarding/settings.js';
import { runForwardingSync } from '../src/modules/forwarding/sync.js';
import type { ForwardingTables } from '../src/modules/forwarding/tables.js';
import { DEMO_TENANT } from '../src/seed/demo-catalog.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fileLitterCase } from './helpers/open311.js';

/**
 * Forwarding against a SECOND real hub acting as the city's CRM (its own data dir, on a loopback
 * port), over real HTTP. Faults are injected by wrapping fetch, never by mocking the CRM.
 */

const CONSOLE = { 'x-requested-with': 'console' };
const LATER = DEFAULT_FORWARDING_POLICY.retryCapMs + 1;

/** Lets the first POST reach the CRM, then loses its answer: the crash-between-POST-and-record case. */
function losingFirstPostAnswer(): FetchLike {
  let lost = false;
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!lost && init?.method === 'POST') {
      lost = true;
      await response.text();
      throw new TypeError('fetch failed');
    }
    return response;
  };
}

function failingFirstPost(status: number): FetchLike {
  let failed = false;
  return async (url, init) => {
    if (!failed && init?.method === 'POST') {
      failed = true;
      return new Response(`[{"code":"${status}","description":"busy"}]`, { status, headers: { 'content-type': 'application/json' } });
    }
    return fetch(url, init);
  };
}

function counting(calls: string[]): FetchLike {
  return async (url, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return fetch(url, init);
  };
}

async function loginCookie(app: RunningHub['app'] | TestHub['app'], password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username: 'admin', password } });
  expect(response.statusCode).toBe(200);
  return `__Host-session=${/^__Host-session=([^;]+);/.exec(String(response.headers['set-cookie']))?.[1] ?? ''}`;
}

describe.each(DIALECTS)('forwarding to a city CRM (%s)', (dialect) => {
  let hub: TestHub;
  let crm: RunningHub;
  let crmDir: string;
  let cookie = '';
  let crmKey = '';
  let filedBeforeEnabling = '';

  const outboxRow = (requestId: string) =>
    hub.db.withTables<ForwardingTables>().selectFrom('forwarding_outbox').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();

  /** The CRM's requests at one latitude: each test files at its own place. */
  async function crmRequestsAt(lat: number): Promise<Array<{ service_request_id: string; status: string }>> {
    const response = await crm.app.inject({ method: 'GET', url: '/open311/v2/requests.json?service_code=litter' });
    expect(response.statusCode).toBe(200);
    return (response.json() as Array<{ service_request_id: string; status: string; lat: number }>).filter((r) => r.lat === lat);
  }

  const fileCase = (lat: number) => fileLitterCase(hub, lat);

  const putSettings = (payload: object, headers: Record<string, string> = CONSOLE) =>
    hub.app.inject({ method: 'PUT', url: '/api/forwarding', headers: { ...headers, cookie }, payload });

  beforeAll(async () => {
    crmDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-'));
    crm = await startHub(loadConfig({ DATA_DIR: crmDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(crmDir, 'none'), ADMIN_SECOND_FACTOR: 'off' }), { logger: false });
    crmKey = crm.firstRun.apiKey ?? '';
    hub = await createTestHub(dialect);
    cookie = await loginCookie(hub.app, hub.adminPassword);
    filedBeforeEnabling = await fileCase(40.4);
    const saved = await putSettings({ baseUrl: `${crm.url}/open311/v2`, jurisdictionId: DEMO_TENANT.jurisdictionId, apiKey: crmKey, format: 'json', enabled: true });
    expect(saved.statusCode).toBe(200);
  });
  afterAll(async () => {
    await hub?.close();
    await crm?.close();
    fs.rmSync(crmDir, { recursive: true, force: true });
  });

  it('keeps the api_key but shows only its last characters, and refuses bad settings', async () => {
    const view = ForwardingSettingsViewSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/forwarding', headers: { cookie } })).json());
    expect(view).toMatchObject({ configured: true, enabled: true, format: 'json', apiKeyHint: `…${crmKey.slice(-4)}` });
    expect(JSON.stringify(view)).not.toContain(crmKey);
    expect((await putSettings({ baseUrl: 'not a url', jurisdictionId: null, format: 'json', enabled: true })).statusCode).toBe(400);
    expect((await putSettings({ baseUrl: `${crm.url}/open311/v2`, jurisdictionId: null, format: 'json', enabled: true }, {})).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url: '/api/forwarding' })).statusCode).toBe(401);
  });

  it('creates exactly one case at the CRM when the first POST answer is lost', async () => {
    const id = await fileCase(40.41);
    const first = await runForwardingOutbox(hub.db, hub.secrets, new Date(), losingFirstPostAnswer());
    expect(first).toMatchObject({ enqueued: 1, retrying: 1, forwarded: 0 });
    expect(await crmRequestsAt(40.41)).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ state: 'pending', last_error_code: 'network', external_id: null });

    const second = await runForwardingOutbox(hub.db, hub.secrets, new Date(Date.now() + LATER));
    expect(second).toMatchObject({ foundExisting: 1, forwarded: 0 });
    const atCrm = await crmRequestsAt(40.41);
    expect(atCrm).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ state: 'done', external_id: atCrm[0]?.service_request_id });
    // Cases filed before forwarding was switched on stay local.
    const early = await hub.db.withTables<ForwardingTables>().selectFrom('forwarding_outbox').select('request_id').where('request_id', '=', filedBeforeEnabling).execute();
    expect(early).toHaveLength(0);
    expect(await crmRequestsAt(40.4)).toHaveLength(0);
  });

  it('retries a 5xx with full-jitter backoff, in XML, and then forwards once', async () => {
    expect((await putSettings({ baseUrl: `${crm.url}/open311/v2`, jurisdictionId: DEMO_TENANT.jurisdictionId, format: 'xml', enabled: true })).statusCode).toBe(200);
    const id = await fileCase(40.42);
    const now = new Date();
    const first = await runForwardingOutbox(hub.db, hub.secrets, now, failingFirstPost(503), { random: () => 0.5 });
    expect(first).toMatchObject({ retrying: 1 });
    const row = await outboxRow(id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_error_code: 'http-503' });
    // attempt 1: random(0, min(cap, base * 2^1)) with random = 0.5 is exactly one base.
    expect(Date.parse(row.next_attempt_at) - now.getTime()).toBe(DEFAULT_FORWARDING_POLICY.retryBaseMs);
    expect(await crmRequestsAt(40.42)).toHaveLength(0);

    const second = await runForwardingOutbox(hub.db, hub.secrets, new Date(Date.now() + LATER));
    expect(second).toMatchObject({ forwarded: 1 });
    const atCrm = await crmRequestsAt(40.42);
    expect(atCrm).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ state: 'done', attempts: 2, external_id: atCrm[0]?.service_request_id });
  });

  it('dead-letters a 400 with the CRM error kept, and never sends it again', async () => {
    const kase = await hub.db.transaction().execute((trx) =>
      createCase(trx, {
        tenantId: DEMO_TENANT.id,
        serviceCode: 'litter',
        channel: 'counter',
        description: null,
        location: { addressString: null, addressId: null, lat: 40.43, long: -3.7, officeLocation: false },
        attributes: { NOT_IN_DEFINITION: 'x' },
        mediaUrl: null,
        contact: NO_CONTACT,
        clientDeviceId: null,
        kiosk: null,
        locale: 'es',
        receivedAt: new Date(),
      }),
    );
    const first = await runForwardingOutbox(hub.db, hub.secrets, new Date());
    expect(first).toMatchObject({ dead: 1 });
    const row = await outboxRow(kase.id);
    expect(row).toMatchObject({ state: 'dead', attempts: 1, last_error_code: 'http-400' });
    expect(row.last_error_detail).toContain('400');
    expect(row.last_error_detail).toContain('NOT_IN_DEFINITION');

    const calls: string[] = [];
    const again = await runForwardingOutbox(hub.db, hub.secrets, new Date(Date.now() + LATER), counting(calls));
    expect(again).toMatchObject({ dead: 0, forwarded: 0 });
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(0);
    const outbox = ForwardingOutboxViewSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/forwarding/outbox', headers: { cookie } })).json());
    expect(outbox.items.find((i) => i.requestId === kase.id)).toMatchObject({ state: 'dead', lastErrorCode: 'http-400' });
  });

  it('honours Retry-After on a 503', async () => {
    const id = await fileCase(40.45);
    const now = new Date();
    const busy: FetchLike = async (url, init) =>
      init?.method === 'POST' ? new Response('', { status: 503, headers: { 'retry-after': '120' } }) : fetch(url, init);
    expect(await runForwardingOutbox(hub.db, hub.secrets, now, busy, { random: () => 0 })).toMatchObject({ retrying: 1 });
    expect(Date.parse((await outboxRow(id)).next_attempt_at) - now.getTime()).toBe(120_000);
    expect(await runForwardingOutbox(hub.db, hub.secrets, new Date(Date.now() + LATER))).toMatchObject({ forwarded: 1 });
    expect(await crmRequestsAt(40.45)).toHaveLength(1);
  });

  it('follows a batch service token to the CRM id', async () => {
    // Make the CRM's litter service a batch one, straight in its own database file.
    const crmDb = openDatabase({ kind: 'sqlite', file: path.join(crmDir, 'hub.sqlite'), busyTimeoutMs: 5_000 });
    try {
      await crmDb.db.updateTable('services').set({ type: 'batch' }).where('code', '=', 'litter').execute();
    } finally {
      await crmDb.close();
    }
    const calls: string[] = [];
    const id = await fileCase(40.46);
    expect(await runForwardingOutbox(hub.db, hub.secrets, new Date(), counting(calls))).toMatchObject({ forwarded: 1 });
    expect(calls.some((c) => c.includes('/tokens/'))).toBe(true);
    const atCrm = await crmRequestsAt(40.46);
    expect(atCrm).toHaveLength(1);
    const row = await outboxRow(id);
    expect(row).toMatchObject({ state: 'done', external_id: atCrm[0]?.service_request_id });
    expect(row.external_token).not.toBeNull();
  });

  it('mirrors a status change made at the CRM back onto our case, once', async () => {
    const id = await fileCase(40.44);
    expect(await runForwardingOutbox(hub.db, hub.secrets, new Date())).toMatchObject({ forwarded: 1 });
    const externalId = (await outboxRow(id)).external_id ?? '';
    expect(await runForwardingSync(hub.db, hub.secrets, new Date())).toMatchObject({ changed: 0, failedTenants: 0 });

    const crmCookie = await loginCookie(crm.app, crm.firstRun.admin?.password ?? '');
    const changed = await crm.app.inject({
      method: 'POST',
      url: `/api/workflow/cases/${externalId}/status`,
      headers: { ...CONSOLE, cookie: crmCookie },
      payload: { detailedStatus: 'resolved', publicNote: 'Bolsas retiradas' },
    });
    expect(changed.statusCode).toBe(200);

    expect(await runForwardingSync(hub.db, hub.secrets, new Date(), fetch, { statusPageBaseUrl: 'http://127.0.0.1:9/status' })).toMatchObject({ changed: 1 });
    const ours = await hub.db.selectFrom('service_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(ours).toMatchObject({ status: 'closed', detailed_status: 'resolved', status_notes: 'Bolsas retiradas' });
    // Nothing new at the CRM: the next sync changes nothing.
    expect(await runForwardingSync(hub.db, hub.secrets, new Date())).toMatchObject({ changed: 0 });
  });
});
