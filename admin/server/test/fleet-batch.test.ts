import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_ITEMS, SubmitBatchAnswerSchema } from '@kiosk/shared';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders, submission } from './helpers/kiosk.js';

describe.each(DIALECTS)('fleet batch submission (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  const batch = async (items: Array<{ idempotencyKey: string; submission: unknown }>, headers = fleetHeaders(hub)) => {
    const response = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests/batch', headers, payload: { items } });
    return response;
  };
  const results = async (items: Array<{ idempotencyKey: string; submission: unknown }>) => {
    const response = await batch(items);
    expect(response.statusCode).toBe(200);
    return SubmitBatchAnswerSchema.parse(response.json()).results;
  };
  const casesWith = (reference: string) => hub.db.selectFrom('service_requests').select('id').where('local_reference', '=', reference).execute();

  it('files every item once, answers in order, and a repeated batch replays the stored answers', async () => {
    const items = [1, 2, 3].map((n) => ({ idempotencyKey: `batch-key-000${n}`, submission: submission(hub, n) }));
    const first = await results(items);
    expect(first.map((r) => [r.idempotencyKey, r.statusCode, r.replayed])).toEqual(items.map((i) => [i.idempotencyKey, 201, false]));
    for (const item of items) expect(await casesWith(item.submission.localReference)).toHaveLength(1);

    const again = await results(items);
    expect(again.map((r) => r.replayed)).toEqual([true, true, true]);
    expect(again.map((r) => r.body)).toEqual(first.map((r) => r.body));
    for (const item of items) expect(await casesWith(item.submission.localReference)).toHaveLength(1);
  });

  it('shares the single route\'s idempotency: a key first sent alone replays in a batch, and the other way round', async () => {
    const alone = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'batch-single-0010'), payload: submission(hub, 10) });
    expect(alone.statusCode).toBe(201);
    const [replayed] = await results([{ idempotencyKey: 'batch-single-0010', submission: submission(hub, 10) }]);
    expect(replayed).toMatchObject({ statusCode: 201, replayed: true, body: alone.json() });

    const [batched] = await results([{ idempotencyKey: 'batch-single-0011', submission: submission(hub, 11) }]);
    const single = await hub.app.inject({ method: 'POST', url: '/fleet/v1/requests', headers: fleetHeaders(hub, 'batch-single-0011'), payload: submission(hub, 11) });
    expect(single.headers['idempotent-replayed']).toBe('true');
    expect(single.json()).toEqual(batched?.body);
  });

  it('one bad item does not fail the others: each refusal is answered in its own slot', async () => {
    await results([{ idempotencyKey: 'batch-reuse-0020', submission: submission(hub, 20) }]);
    const answer = await results([
      { idempotencyKey: 'batch-good-00021', submission: submission(hub, 21) },
      { idempotencyKey: 'batch-invalid-22', submission: { ...submission(hub, 22), description: '' } },
      { idempotencyKey: 'short', submission: submission(hub, 23) },
      { idempotencyKey: 'batch-unknown-24', submission: submission(hub, 24, { serviceCode: 'no-such-service' }) },
      { idempotencyKey: 'batch-reuse-0020', submission: submission(hub, 20, { description: 'Otra cosa distinta.' }) },
      { idempotencyKey: 'batch-good-00025', submission: submission(hub, 25) },
    ]);
    const codes = answer.map((r) => [r.statusCode, (r.body as { error?: { code: string } }).error?.code ?? 'created']);
    expect(codes[0]).toEqual([201, 'created']);
    expect(codes[1]).toEqual([400, 'invalid']);
    expect(codes[2]).toEqual([400, 'idempotency-key-missing']);
    expect(codes[3]?.[0]).toBeGreaterThanOrEqual(400);
    expect(codes[3]?.[0]).toBeLessThan(500);
    expect(codes[4]).toEqual([422, 'idempotency-key-reused']);
    expect(codes[5]).toEqual([201, 'created']);
    expect(await casesWith(submission(hub, 22).localReference)).toHaveLength(0);
    expect(await casesWith(submission(hub, 25).localReference)).toHaveLength(1);
    // The invalid item was not stored: fixed, the same key can still file it.
    const [fixed] = await results([{ idempotencyKey: 'batch-invalid-22', submission: submission(hub, 22) }]);
    expect(fixed?.statusCode).toBe(201);
  });

  it('needs the device credential, and refuses an empty or oversized batch as a whole', async () => {
    const { authorization: _none, ...noAuth } = fleetHeaders(hub);
    expect((await batch([{ idempotencyKey: 'batch-noauth-01', submission: submission(hub, 30) }], noAuth)).statusCode).toBe(401);
    expect((await batch([])).statusCode).toBe(400);
    const tooMany = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => ({ idempotencyKey: `batch-many-${String(i).padStart(4, '0')}`, submission: submission(hub, 100 + i) }));
    expect((await batch(tooMany)).statusCode).toBe(400);
    expect(await casesWith(submission(hub, 100).localReference)).toHaveLength(0);
  });
});
