import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RolloutListSchema } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';

describe.each(DIALECTS)('the list of configuration rollouts (%s)', (dialect) => {
  let hub: TestHub;
  let operator: Record<string, string>;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    for (let i = 0; i < 4; i += 1) await registerDevice(hub.db, 'villademo', `hall-${i}`);
    await createUser(hub.db, { tenantId: 'villademo', username: 'olga', password: 'operator-password-1', role: 'operator' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'victor', password: 'viewer-password-1', role: 'viewer' });
    operator = await signInStaff(hub, 'olga', 'operator-password-1');
    viewer = await signInStaff(hub, 'victor', 'viewer-password-1');
  });
  afterAll(async () => hub.close());

  it('lists rollouts newest first with their rings, for operators only', async () => {
    const empty = await hub.app.inject({ method: 'GET', url: '/api/fleet/rollouts', headers: operator });
    expect(empty.statusCode).toBe(200);
    expect(RolloutListSchema.parse(empty.json()).rollouts).toEqual([]);

    const first = await hub.app.inject({ method: 'POST', url: '/api/fleet/rollouts', headers: operator, payload: { configPatch: { idleTimeoutSeconds: 120 }, target: { kind: 'all' }, rings: [{ devices: 1 }, { percent: 100 }] } });
    expect(first.statusCode, first.body).toBe(201);
    const second = await hub.app.inject({ method: 'POST', url: '/api/fleet/rollouts', headers: operator, payload: { configPatch: { maintenance: true }, target: { kind: 'all' } } });
    expect(second.statusCode, second.body).toBe(201);
    await hub.app.inject({ method: 'POST', url: `/api/fleet/rollouts/${String(second.json().id)}/abort`, headers: operator });

    const list = RolloutListSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/fleet/rollouts', headers: operator })).json()).rollouts;
    expect(list.map((r) => r.id)).toEqual([second.json().id, first.json().id]);
    expect(list[0]?.state).toBe('aborted');
    expect(list[1]).toMatchObject({ state: 'running', configPatch: { idleTimeoutSeconds: 120 } });
    expect(list[1]?.rings.map((r) => [r.devices, r.state])).toEqual([
      [1, 'in-progress'],
      [list[1]?.rings[1]?.devices, 'waiting'],
    ]);

    expect((await hub.app.inject({ method: 'GET', url: '/api/fleet/rollouts', headers: viewer })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url: '/api/fleet/rollouts' })).statusCode).toBe(401);
  });
});
