import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, CaseAcceptedSchema, CatalogSchema, mintReference } from '@kiosk/shared';
import { revokeDevice } from '../src/modules/devices/repository.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

describe.each(DIALECTS)('fleet API (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const submit = (payload: unknown, headers: Record<string, string>) =>
    hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers, payload: payload as object });

  function errorCode(body: string): string {
    return ApiErrorSchema.parse(JSON.parse(body)).error.code;
  }

  it('refuses a call without a token, with a wrong one and with a revoked one (401)', async () => {
    const { authorization: _omitted, ...noAuth } = fleetHeaders(hub, 'key-auth-00001');
    const none = await submit(submission(hub, 1), noAuth);
    expect(none.statusCode).toBe(401);
    expect(errorCode(none.body)).toBe('unauthorised');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);

    const wrongSecret = { ...fleetHeaders(hub, 'key-auth-00001'), authorization: `Bearer ${hub.kiosk.deviceId}.${'x'.repeat(43)}` };
    expect((await submit(submission(hub, 1), wrongSecret)).statusCode).toBe(401);

    const other = await registerDevice(hub.db, 'villademo', 'revoked-kiosk');
    const otherHeaders = { ...fleetHeaders(hub), authorization: `Bearer ${other.token}` };
    expect((await hub.app.inject({ method: 'GET', url: '/fleet/v1/catalog', headers: otherHeaders })).statusCode).toBe(200);
    await revokeDevice(hub.db, other.deviceId, new Date());
    const revoked = await hub.app.inject({ method: 'GET', url: '/fleet/v1/catalog', headers: otherHeaders });
    expect(revoked.statusCode).toBe(401);
  });

  it('refuses another protocol version (400 version-mismatch)', async () => {
    const response = await submit(submission(hub, 1), { ...fleetHeaders(hub, 'key-version-01'), 'x-protocol-version': '999' });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response.body)).toBe('version-mismatch');
  });

  it('refuses a submission without Idempotency-Key (400)', async () => {
    const response = await submit(submission(hub, 1), fleetHeaders(hub));
    expect(response.statusCode).toBe(400);
    expect(errorCode(response.body)).toBe('idempotency-key-missing');
  });

  it('refuses an invalid body (400 invalid) and creates nothing', async () => {
    const response = await submit({ ...submission(hub, 1), description: '' }, fleetHeaders(hub, 'key-invalid-01'));
    expect(response.statusCode).toBe(400);
    expect(errorCode(response.body)).toBe('invalid');
    const stored = await hub.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'key-invalid-01').execute();
    expect(stored).toEqual([]);
  });

  it('creates a case (201) and replays the same answer byte for byte', async () => {
    const payload = submission(hub, 1);
    const first = await submit(payload, fleetHeaders(hub, 'key-replay-0001'));
    expect(first.statusCode).toBe(201);
    const accepted = CaseAcceptedSchema.parse(first.json());
    expect(accepted).toMatchObject({ localReference: payload.localReference, status: 'open' });

    const replay = await submit(payload, fleetHeaders(hub, 'key-replay-0001'));
    expect(replay.statusCode).toBe(201);
    expect(replay.body).toBe(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const cases = await hub.db.selectFrom('service_requests').select(['id', 'channel', 'device_sequence']).where('local_reference', '=', payload.localReference).execute();
    expect(cases).toEqual([{ id: accepted.serviceRequestId, channel: 'kiosk', device_sequence: 1 }]);
  });

  it('refuses the same key with a different payload (422 idempotency-key-reused)', async () => {
    const payload = submission(hub, 2);
    expect((await submit(payload, fleetHeaders(hub, 'key-changed-0001'))).statusCode).toBe(201);
    const changed = await submit({ ...payload, description: 'Otra cosa distinta.' }, fleetHeaders(hub, 'key-changed-0001'));
    expect(changed.statusCode).toBe(422);
    expect(errorCode(changed.body)).toBe('idempotency-key-reused');
  });

  it('answers 409 in-flight while the same key is still processing', async () => {
    const payload = submission(hub, 3);
    const { payloadFingerprint } = await import('../src/fleet/fingerprint.js');
    await hub.db
      .insertInto('idempotency_keys')
      .values({ tenant_id: 'villademo', device_id: hub.kiosk.deviceId, key: 'key-inflight-01', fingerprint: payloadFingerprint(payload), state: 'processing', status_code: null, response_body: null, created_at: new Date().toISOString() })
      .execute();
    const response = await submit(payload, fleetHeaders(hub, 'key-inflight-01'));
    expect(response.statusCode).toBe(409);
    expect(errorCode(response.body)).toBe('in-flight');
  });

  it('files one case when the same key arrives twice at once', async () => {
    const payload = submission(hub, 10);
    const answers = await Promise.all([1, 2, 3].map(() => submit(payload, fleetHeaders(hub, 'key-race-000001'))));
    const created = answers.filter((a) => a.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) expect([201, 409]).toContain(answer.statusCode);
    expect(new Set(created.map((a) => a.body)).size).toBe(1);
    const cases = await hub.db.selectFrom('service_requests').select('id').where('local_reference', '=', payload.localReference).execute();
    expect(cases).toHaveLength(1);
  });

  it('returns the existing case when the same receipt comes under a new key', async () => {
    const payload = submission(hub, 4);
    const first = await submit(payload, fleetHeaders(hub, 'key-resend-0001'));
    expect(first.statusCode).toBe(201);
    const again = await submit(payload, fleetHeaders(hub, 'key-resend-0002'));
    expect(again.statusCode).toBe(200);
    expect(CaseAcceptedSchema.parse(again.json()).serviceRequestId).toBe(first.json().serviceRequestId);
  });

  it('refuses a different case that reuses a reference or a sequence (409 duplicate-reference naming the case)', async () => {
    const payload = submission(hub, 5);
    const first = await submit(payload, fleetHeaders(hub, 'key-dupref-0001'));
    const caseId = CaseAcceptedSchema.parse(first.json()).serviceRequestId;
    const clash = await submit({ ...payload, description: 'Un contenedor roto.' , serviceCode: 'litter' }, fleetHeaders(hub, 'key-dupref-0002'));
    expect(clash.statusCode).toBe(409);
    expect(errorCode(clash.body)).toBe('duplicate-reference');
    expect(JSON.parse(clash.body).error.message).toContain(`case ${caseId}`);
    // The refusal is stored with its key like any answer: a retry gets the same 409.
    const retry = await submit({ ...payload, description: 'Un contenedor roto.', serviceCode: 'litter' }, fleetHeaders(hub, 'key-dupref-0002'));
    expect(retry.body).toBe(clash.body);
  });

  it('refuses a reference minted by another issuer or for another sequence (400)', async () => {
    const foreign = submission(hub, 6, { localReference: mintReference(hub.kiosk.issuer === 'AAAA' ? 'BBBB' : 'AAAA', 6).display });
    expect((await submit(foreign, fleetHeaders(hub, 'key-foreign-001'))).statusCode).toBe(400);
    const shifted = submission(hub, 6, { sequence: 8 });
    expect((await submit(shifted, fleetHeaders(hub, 'key-foreign-002'))).statusCode).toBe(400);
  });

  it('refuses an unknown service (404 unknown-service)', async () => {
    const response = await submit(submission(hub, 9, { serviceCode: 'nope' }), fleetHeaders(hub, 'key-unknown-svc'));
    expect(response.statusCode).toBe(404);
    expect(errorCode(response.body)).toBe('unknown-service');
  });

  it('serves the catalogue of the kiosk\'s municipality, localised', async () => {
    const es = CatalogSchema.parse((await hub.app.inject({ method: 'GET', url: '/fleet/v1/catalog?locale=es', headers: fleetHeaders(hub) })).json());
    const ar = CatalogSchema.parse((await hub.app.inject({ method: 'GET', url: '/fleet/v1/catalog?locale=ar', headers: fleetHeaders(hub) })).json());
    expect(es.locale).toBe('es');
    expect(ar.locale).toBe('ar');
    expect(es.services.map((s) => s.serviceCode)).toEqual(ar.services.map((s) => s.serviceCode));
    expect(es.services[0]?.name).toBe('Farola o alumbrado público averiado');
    expect(ar.services[0]?.name).toBe('عمود إنارة أو إنارة عامة معطلة');
    expect(ar.services.find((s) => s.serviceCode === 'ibi-question')).toMatchObject({ locationless: true, group: 'الضرائب والرسوم' });
    // Who issues the kiosk's receipts, and where their QR codes point (the request's own host).
    expect(es.municipality).toMatchObject({ name: 'Ayuntamiento de Villademo', timeZone: 'Europe/Madrid' });
    expect(es.municipality?.statusBaseUrl).toMatch(/^http:\/\/[^/]+\/status$/);
    const bad = await hub.app.inject({ method: 'GET', url: '/fleet/v1/catalog?locale=de', headers: fleetHeaders(hub) });
    expect(bad.statusCode).toBe(400);
  });
});
