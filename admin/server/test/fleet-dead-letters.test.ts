import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, DeadLetterDetailSchema, DeadLetterFixListSchema, DeadLetterListSchema } from '@kiosk/shared';
import type { CaseSubmission } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import type { WorkflowTables } from '../src/modules/workflow/tables.js';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAgentDatabase } from '../../../kiosk/src/agent/store/database.js';
import { RequestsRepository, openOutboxCipher } from '../../../kiosk/src/agent/store/requests-repository.js';
import { OutboxSender } from '../../../kiosk/src/agent/outbox/sender.js';
import { DeadLetterStore } from '../../../kiosk/src/agent/outbox/dead-letter-store.js';
import { DeadLetterSync } from '../../../kiosk/src/agent/outbox/dead-letter-sync.js';
import { HubClient } from '../../../kiosk/src/agent/sync/hub-client.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };
const SECRET = 'Me llamo Eustaquio y mi portal huele a gas';

describe.each(DIALECTS)('dead letters: kiosk reports, staff fix and resend, the kiosk applies (%s)', (dialect) => {
  let hub: TestHub;
  let admin: Record<string, string>;
  let fleet: Record<string, string>;
  let caseworker: Record<string, string>;

  const signIn = (username: string, password: string) => signInStaff(hub, username, password);

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'fleetop', password: 'fleet password 12', role: 'operator' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'clerk', password: 'clerk password 12', role: 'caseworker' });
    [admin, fleet, caseworker] = await Promise.all([signIn('admin', hub.adminPassword), signIn('fleetop', 'fleet password 12'), signIn('clerk', 'clerk password 12')]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const kiosk = (method: 'GET' | 'POST', url: string, payload?: object) =>
    hub.app.inject({ method, url, headers: fleetHeaders(hub), ...(payload === undefined ? {} : { payload }) });
  const staff = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    hub.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const errorCode = (body: string) => ApiErrorSchema.parse(JSON.parse(body)).error.code;
  const report = (outboxId: number, key: string, sub: CaseSubmission) =>
    kiosk('POST', '/fleet/v1/dead-letters', { outboxId, idempotencyKey: key, statusCode: 422, error: 'hub refused (422): unknown service', deadAt: '2025-03-01T10:00:00Z', submission: sub });
  const auditOf = (id: string) => hub.db.withTables<WorkflowTables>().selectFrom('audit_log').select(['action', 'details', 'actor_name']).where('target_id', '=', id).orderBy('created_at').execute();

  it('takes a report once per row and key; staff roles only, with the CSRF header', async () => {
    const sub = submission(hub, 1, { serviceCode: 'no-such-service', description: SECRET });
    const first = await report(1, 'dead-key-00001', sub);
    expect(first.statusCode).toBe(200);
    const again = await report(1, 'dead-key-00001', sub);
    expect(again.json()).toEqual(first.json());
    const id = (first.json() as { id: string }).id;

    const list = DeadLetterListSchema.parse((await staff('GET', '/api/fleet/dead-letters', fleet)).json());
    expect(list.items).toEqual([expect.objectContaining({ id, state: 'open', reports: 1, serviceCode: 'no-such-service', localReference: sub.localReference })]);
    // The list never carries what the citizen wrote; only the audited detail view does.
    expect(JSON.stringify(list)).not.toContain('Eustaquio');

    expect((await staff('GET', '/api/fleet/dead-letters', caseworker)).statusCode).toBe(403);
    expect((await staff('GET', `/api/fleet/dead-letters/${id}`, caseworker)).statusCode).toBe(403);
    expect((await staff('GET', '/api/fleet/dead-letters', { ...CONSOLE })).statusCode).toBe(401);
    const { 'x-requested-with': _csrf, ...noCsrf } = admin;
    expect((await staff('POST', `/api/fleet/dead-letters/${id}/resend`, noCsrf)).statusCode).toBe(403);
    expect((await kiosk('GET', '/fleet/v1/dead-letters/fixes')).json()).toEqual({ fixes: [] });

    const detail = await staff('GET', `/api/fleet/dead-letters/${id}`, admin);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers['cache-control']).toBe('no-store');
    expect(DeadLetterDetailSchema.parse(detail.json()).submission.description).toBe(SECRET);
    expect(await auditOf(id)).toEqual([expect.objectContaining({ action: 'dead-letter.view', actor_name: 'admin' })]);
  });

  it('fix, resend, kiosk applies under a new key and confirms: filed once, marked resent; a new refusal reopens it', async () => {
    const original = submission(hub, 2, { serviceCode: 'no-such-service', description: SECRET });
    const id = ((await report(2, 'dead-key-00002', original)).json() as { id: string }).id;

    const invalid = await staff('PUT', `/api/fleet/dead-letters/${id}/fix`, fleet, { description: '' });
    expect(invalid.statusCode).toBe(400);
    const moveReference = await staff('PUT', `/api/fleet/dead-letters/${id}/fix`, fleet, { localReference: 'XXXX-0001-A' });
    expect(moveReference.statusCode).toBe(400);

    const fixed = await staff('PUT', `/api/fleet/dead-letters/${id}/fix`, fleet, { serviceCode: 'street-lighting' });
    expect(fixed.statusCode).toBe(200);
    expect(DeadLetterDetailSchema.parse(fixed.json()).correctedSubmission).toMatchObject({ serviceCode: 'street-lighting', localReference: original.localReference, description: SECRET });
    expect((await kiosk('GET', '/fleet/v1/dead-letters/fixes')).json()).toEqual({ fixes: [] }); // fixed, not yet resent

    expect((await staff('POST', `/api/fleet/dead-letters/${id}/resend`, fleet)).json()).toMatchObject({ state: 'resend-requested' });
    const [fix] = DeadLetterFixListSchema.parse((await kiosk('GET', '/fleet/v1/dead-letters/fixes')).json()).fixes;
    expect(fix).toMatchObject({ id, outboxId: 2, submission: { serviceCode: 'street-lighting', localReference: original.localReference } });

    // A correction after the resend request replaces the fix: the old fix id is stale.
    await staff('PUT', `/api/fleet/dead-letters/${id}/fix`, fleet, { description: 'La farola de la plaza no enciende.' });
    const [latest] = DeadLetterFixListSchema.parse((await kiosk('GET', '/fleet/v1/dead-letters/fixes')).json()).fixes;
    expect(latest?.fixId).not.toBe(fix?.fixId);
    const stale = await kiosk('POST', `/fleet/v1/dead-letters/${id}/applied`, { fixId: fix?.fixId ?? '', idempotencyKey: 'new-key-000002' });
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale.body)).toBe('stale-fix');

    // The kiosk sends the corrected request under a new key, then confirms (twice: a lost answer).
    const filed = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'new-key-000002'), payload: latest?.submission as object });
    expect(filed.statusCode).toBe(201);
    for (let i = 0; i < 2; i += 1) {
      const applied = await kiosk('POST', `/fleet/v1/dead-letters/${id}/applied`, { fixId: latest?.fixId ?? '', idempotencyKey: 'new-key-000002' });
      expect(applied.json()).toEqual({ id, state: 'resent' });
    }
    expect((await kiosk('GET', '/fleet/v1/dead-letters/fixes')).json()).toEqual({ fixes: [] });
    const resent = DeadLetterDetailSchema.parse((await staff('GET', `/api/fleet/dead-letters/${id}`, admin)).json());
    expect(resent).toMatchObject({ state: 'resent', resentAt: expect.any(String) });
    expect((await staff('PUT', `/api/fleet/dead-letters/${id}/fix`, fleet, { serviceCode: 'litter' })).statusCode).toBe(409);

    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(['dead-letter.fix', 'dead-letter.resend', 'dead-letter.fix', 'dead-letter.view']);
    expect(JSON.stringify(audit)).not.toContain('Eustaquio');
    expect(JSON.stringify(audit)).not.toContain('plaza');

    // The resend was refused too: reported under its new key, it reopens; never a second row.
    const reopened = await report(2, 'new-key-000002', { ...original, serviceCode: 'street-lighting' });
    expect(reopened.json()).toEqual({ id, state: 'open' });
    const list = DeadLetterListSchema.parse((await staff('GET', '/api/fleet/dead-letters?state=open', admin)).json());
    expect(list.items.filter((i) => i.localReference === original.localReference)).toEqual([expect.objectContaining({ reports: 2, corrected: false })]);
  });

  it('a kiosk sees and confirms only its own dead letters', async () => {
    const id = ((await report(3, 'dead-key-00003', submission(hub, 3, { serviceCode: 'nope' }))).json() as { id: string }).id;
    await staff('POST', `/api/fleet/dead-letters/${id}/resend`, admin);
    const second = await registerDevice(hub.db, 'villademo', 'second-kiosk');
    const asSecond = { ...fleetHeaders(hub), authorization: `Bearer ${second.token}` };
    const fixes = await hub.app.inject({ method: 'GET', url: '/fleet/v1/dead-letters/fixes', headers: asSecond });
    expect(fixes.json()).toEqual({ fixes: [] });
    const [mine] = DeadLetterFixListSchema.parse((await kiosk('GET', '/fleet/v1/dead-letters/fixes')).json()).fixes;
    expect(mine?.id).toBe(id);
    const other = await hub.app.inject({ method: 'POST', url: `/fleet/v1/dead-letters/${id}/applied`, headers: asSecond, payload: { fixId: mine?.fixId, idempotencyKey: 'k-0000000001' } });
    expect(other.statusCode).toBe(404);
    expect((await kiosk('POST', '/fleet/v1/dead-letters/dl_unknown/applied', { fixId: 'x', idempotencyKey: 'k-0000000001' })).statusCode).toBe(404);
  });

  it('end to end over HTTP: the real kiosk outbox dead-letters, reports, gets the console fix and files it once', async () => {
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'dead-letter-e2e-'));
    const db = openAgentDatabase(join(dir, 'kiosk.sqlite'));
    try {
      const repository = new RequestsRepository(db, hub.kiosk.issuer, undefined, openOutboxCipher(db, join(dir, 'keys', 'outbox.key')));
      // Sequences 1-3 went to the hub above through inject; this kiosk store starts its own count
      // further on so its references are new to the hub.
      db.prepare("INSERT INTO meta (key, value) VALUES ('next_sequence', '500')").run();
      const client = new HubClient({ baseUrl, token: hub.kiosk.token, timeoutMs: 5000 });
      const calls = client.outboxCalls();
      const sender = new OutboxSender(repository, (item) => client.submitCase(item.submission, item.idempotencyKey), {
        baseMs: 1000,
        capMs: 1000,
        submitBatch: (items) => calls.submitBatch(items),
        scheduling: 'manual',
      });
      const sync = new DeadLetterSync(new DeadLetterStore(repository), calls, 60_000);
      const stored = repository.file({ draftId: 'e2e-dead-letter-1', serviceCode: 'no-such-service', description: SECRET, attributes: {}, locale: 'es' });
      await sender.runOnce();
      expect(repository.figures()).toMatchObject({ depth: 0, dead: 1 });

      await sync.syncOnce();
      const [letter] = DeadLetterListSchema.parse((await staff('GET', '/api/fleet/dead-letters?state=open', fleet)).json()).items.filter((i) => i.localReference === stored.reference);
      expect(letter).toMatchObject({ serviceCode: 'no-such-service', reports: 1 });
      const id = letter?.id ?? '';
      expect((await staff('PUT', `/api/fleet/dead-letters/${id}/fix`, fleet, { serviceCode: 'litter' })).statusCode).toBe(200);
      expect((await staff('POST', `/api/fleet/dead-letters/${id}/resend`, fleet)).statusCode).toBe(200);

      await sync.syncOnce();
      expect(repository.figures()).toMatchObject({ depth: 1, dead: 0 });
      await sender.runOnce();
      expect(repository.figures()).toMatchObject({ depth: 0, dead: 0 });
      expect(repository.isAcked(stored.id)).toBe(true);

      const cases = await hub.db.selectFrom('service_requests').select(['service_code', 'description']).where('local_reference', '=', stored.reference).execute();
      expect(cases).toEqual([{ service_code: 'litter', description: SECRET }]);
      expect(DeadLetterDetailSchema.parse((await staff('GET', `/api/fleet/dead-letters/${id}`, admin)).json()).state).toBe('resent');
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
