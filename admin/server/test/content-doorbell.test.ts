import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, RolloutViewSchema } from '@kiosk/shared';
import type { Heartbeat } from '@kiosk/shared';
import { buildApp } from '../src/app.js';
import { createInProcessFleetBus } from '../src/fleet/bus/fleet-bus.js';
import type { FleetBus, FleetBusEvent } from '../src/fleet/bus/fleet-bus.js';
import { createPgFleetBus, parseEnvelope } from '../src/fleet/bus/pg-fleet-bus.js';
import { advanceRollouts } from '../src/fleet/config/rollout-service.js';
import { rolloutDevices } from '../src/fleet/config/rollout-repository.js';
import { recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { DEFAULT_STATUS_POLICY } from '../src/fleet/kiosk-status.js';
import { seedDemoContent } from '../src/modules/content/seed.js';
import { registerDevice } from '../src/modules/devices/service.js';
import type { DeviceCredential } from '../src/modules/devices/service.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import { testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';

/**
 * Content rings the kiosks' doorbell (fleet/jobs/doorbell.ts): publishing, rolling back or
 * unpublishing content rings every connected kiosk of the municipality, and nobody else's;
 * content rollout steps ring the municipality or the reached ring; the PostgreSQL bus carries both
 * content events between hub processes.
 */

const OTHER_TENANT = 'othertown';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `ws://127.0.0.1:${address.port}/fleet/v1/doorbell`;
}

/** A kiosk's doorbell socket that records the rings it hears. */
async function doorbell(url: string, token: string): Promise<{ ws: WebSocket; rings: string[] }> {
  const rings: string[] = [];
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION) }, perMessageDeflate: false });
  ws.on('message', (data) => rings.push((JSON.parse(String(data)) as { ring: string }).ring));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_request, response) => reject(new Error(`doorbell refused: ${response.statusCode ?? 0}`)));
  });
  return { ws, rings };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

function heartbeat(content: number): Heartbeat {
  return testHeartbeat({ versions: { agent: '0.1.0', protocol: PROTOCOL_VERSION, content: String(content) } });
}

describe('the PostgreSQL bus envelope', () => {
  it('reads both content events back and drops malformed ones', () => {
    const read = (e: unknown) => parseEnvelope(JSON.stringify({ o: 'abc', e }))?.e ?? null;
    expect(read({ type: 'content', tenantId: 'villademo' })).toEqual({ type: 'content', tenantId: 'villademo' });
    expect(read({ type: 'device-content', deviceId: 'kiosk_1' })).toEqual({ type: 'device-content', deviceId: 'kiosk_1' });
    // Extra fields are not carried over; a missing or mistyped id drops the event.
    expect(read({ type: 'content', tenantId: 'villademo', deviceId: 'kiosk_1', extra: true })).toEqual({ type: 'content', tenantId: 'villademo' });
    expect(read({ type: 'content' })).toBeNull();
    expect(read({ type: 'content', tenantId: 7 })).toBeNull();
    expect(read({ type: 'content', deviceId: 'kiosk_1' })).toBeNull();
    expect(read({ type: 'device-content', tenantId: 'villademo' })).toBeNull();
    expect(read({ type: 'doorbell-party', deviceId: 'kiosk_1' })).toBeNull();
    expect(read(null)).toBeNull();
    expect(parseEnvelope('null')).toBeNull();
    expect(parseEnvelope('not json')).toBeNull();
    expect(parseEnvelope(JSON.stringify({ e: { type: 'content', tenantId: 'villademo' } }))).toBeNull();
  });
});

describe.each(DIALECTS)('content rings the doorbell (%s)', (dialect) => {
  let hub: TestHub;
  let editor: Record<string, string>;
  let admin: Record<string, string>;
  let neighbour: DeviceCredential;
  const lobby: DeviceCredential[] = [];

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await seedDemoContent(hub.db, 'villademo');
    admin = await signInStaff(hub, 'admin', hub.adminPassword);
    editor = admin;
    const demo = await hub.db.selectFrom('tenants').selectAll().where('id', '=', 'villademo').executeTakeFirstOrThrow();
    await hub.db.insertInto('tenants').values({ ...demo, id: OTHER_TENANT, name: 'Other Town', jurisdiction_id: 'othertown.example' }).execute();
    neighbour = await registerDevice(hub.db, OTHER_TENANT, 'other-town-hall');
    for (let i = 0; i < 3; i += 1) lobby.push(await registerDevice(hub.db, 'villademo', `bell-lobby-${i}`));
    await hub.db.updateTable('devices').set({ device_group: 'bell-lobby' }).where('id', 'in', lobby.map((d) => d.deviceId)).execute();
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function withHub<T>(bus: FleetBus, run: (app: FastifyInstance) => Promise<T>): Promise<T> {
    const app = await buildApp({ db: hub.db, config: hub.config, logger: false, bus });
    try {
      return await run(app);
    } finally {
      await app.close();
    }
  }
  const post = (app: FastifyInstance, url: string, payload?: object, headers = editor) => app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

  it('rings every connected kiosk of the municipality on publish, rollback and unpublish, and no other town\'s kiosk', async () => {
    const bus = createInProcessFleetBus();
    try {
      await withHub(bus, async (app) => {
        const url = await listen(app);
        const kiosk = await doorbell(url, hub.kiosk.token);
        const second = await doorbell(url, lobby[0]?.token ?? '');
        const stranger = await doorbell(url, neighbour.token);

        // A draft changes nothing kiosks are served: no ring.
        const created = await post(app, '/api/content', { kind: 'faq', serviceCode: null, translations: { es: { question: '¿Suena el timbre?', answer: 'Sí.' } } });
        expect(created.statusCode).toBe(201);
        const id = (created.json() as { id: string }).id;
        await settle();
        expect(kiosk.rings).toEqual([]);

        expect((await post(app, `/api/content/${id}/publish`, { version: 1 })).statusCode).toBe(200);
        await until(() => kiosk.rings.length === 1 && second.rings.length === 1, 'a content ring on publish');
        expect(kiosk.rings).toEqual(['content']);

        const edited = await app.inject({ method: 'PUT', url: `/api/content/${id}`, headers: { ...editor, 'if-match': '"1"' }, payload: { kind: 'faq', serviceCode: null, translations: { es: { question: '¿Suena otra vez?', answer: 'Sí.' } } } });
        expect(edited.statusCode).toBe(200);
        expect((await post(app, `/api/content/${id}/publish`, { version: 2 })).statusCode).toBe(200);
        // Back to version 1: a rollback is a publication too.
        expect((await post(app, `/api/content/${id}/publish`, { version: 1 })).statusCode).toBe(200);
        expect((await post(app, `/api/content/${id}/unpublish`)).statusCode).toBe(200);
        // The edit of a published entry rings as well (its service may have moved): 1 + edit + 2 publications + unpublish.
        await until(() => kiosk.rings.length === 5, 'rings for the edit, republish, rollback and unpublish');
        expect(kiosk.rings.every((r) => r === 'content')).toBe(true);
        await until(() => second.rings.length === 5, 'the other kiosk of the town');

        // Unpublishing what is not published changes nothing: no ring. A refused publication neither.
        expect((await post(app, `/api/content/${id}/unpublish`)).statusCode).toBe(200);
        expect((await post(app, `/api/content/${id}/publish`, { version: 9 })).statusCode).toBe(404);
        await settle();
        expect(kiosk.rings).toHaveLength(5);
        expect(stranger.rings).toEqual([]);
        for (const socket of [kiosk, second, stranger]) socket.ws.close();
      });
    } finally {
      await bus.close();
    }
  });

  it('rings on content rollout steps: the town when it starts, completes or aborts, only the reached ring when it advances', async () => {
    const bus = createInProcessFleetBus();
    const events: FleetBusEvent[] = [];
    bus.subscribe((event) => {
      if (event.type === 'content' || event.type === 'device-content') events.push(event);
    });
    const served = async (app: FastifyInstance, token: string) => {
      const answer = await app.inject({ method: 'GET', url: '/fleet/v1/content/bundle', headers: { authorization: `Bearer ${token}`, 'x-protocol-version': String(PROTOCOL_VERSION) } });
      expect(answer.statusCode).toBe(200);
      return (answer.json() as { manifest: { version: number } }).manifest.version;
    };
    const publishFaq = async (app: FastifyInstance, question: string) => {
      const created = await post(app, '/api/content', { kind: 'faq', serviceCode: null, translations: { es: { question, answer: 'Sí.' } } });
      expect((await post(app, `/api/content/${(created.json() as { id: string }).id}/publish`, { version: 1 })).statusCode).toBe(200);
    };
    const rollout = { kind: 'content', target: { kind: 'group', group: 'bell-lobby' }, rings: [{ devices: 1 }, { percent: 100 }], ringSoakMs: 3_600_000 };
    try {
      await withHub(bus, async (app) => {
        // Kiosks have a bundle to keep while the rollout runs.
        for (const device of lobby) {
          const version = await served(app, device.token);
          await recordHeartbeat(hub.db, { deviceId: device.deviceId, tenantId: 'villademo', receivedAt: new Date(), heartbeat: heartbeat(version) });
        }
        await publishFaq(app, '¿Anillo de timbre uno?');
        await until(() => events.length === 1, 'the publication');
        events.length = 0;

        const started = await post(app, '/api/fleet/rollouts', rollout, admin);
        expect(started.statusCode, started.body).toBe(201);
        const view = RolloutViewSchema.parse(started.json());
        await until(() => events.length === 1, 'the start');
        expect(events).toEqual([{ type: 'content', tenantId: 'villademo' }]);
        events.length = 0;

        const now = new Date();
        for (const device of await rolloutDevices(hub.db, view.id, 0)) {
          await recordHeartbeat(hub.db, { deviceId: device.device_id, tenantId: 'villademo', receivedAt: now, heartbeat: heartbeat(device.target_version ?? 0) });
        }
        expect((await advanceRollouts(hub.db, bus, hub.secrets, now, DEFAULT_STATUS_POLICY)).advanced).toBe(1);
        const reached = (await rolloutDevices(hub.db, view.id, 1)).map((d) => d.device_id);
        expect(reached).toHaveLength(2);
        await until(() => events.length === 2, 'the advance');
        expect(events.map((e) => (e.type === 'device-content' ? e.deviceId : e.type)).sort()).toEqual([...reached].sort());
        events.length = 0;

        for (const device of await rolloutDevices(hub.db, view.id, 1)) {
          await recordHeartbeat(hub.db, { deviceId: device.device_id, tenantId: 'villademo', receivedAt: now, heartbeat: heartbeat(device.target_version ?? 0) });
        }
        expect((await advanceRollouts(hub.db, bus, hub.secrets, now, DEFAULT_STATUS_POLICY)).completed).toBe(1);
        await until(() => events.length === 1, 'the completion');
        expect(events).toEqual([{ type: 'content', tenantId: 'villademo' }]);
        events.length = 0;

        // A second rollout, aborted by staff: every kiosk of the town goes back to the held content.
        await publishFaq(app, '¿Anillo de timbre dos?');
        const second = RolloutViewSchema.parse((await post(app, '/api/fleet/rollouts', rollout, admin)).json());
        await until(() => events.length === 2, 'the publication and the start');
        events.length = 0;
        expect((await post(app, `/api/fleet/rollouts/${second.id}/abort`, undefined, admin)).statusCode).toBe(200);
        await until(() => events.length === 1, 'the abort');
        expect(events).toEqual([{ type: 'content', tenantId: 'villademo' }]);
      });
    } finally {
      await bus.close();
    }
  });

  it.runIf(dialect === 'postgres')('carries a content ring from one hub process to the kiosks connected to another', async () => {
    if (hub.config.database.kind !== 'postgres') throw new Error('postgres only');
    const dbUrl = hub.config.database.url;
    const busA = createPgFleetBus({ url: dbUrl, db: hub.db });
    const busB = createPgFleetBus({ url: dbUrl, db: hub.db });
    const heardByB: FleetBusEvent[] = [];
    const unsubscribe = busB.subscribe((event) => heardByB.push(event));
    try {
      await Promise.all([busA.ready(), busB.ready()]);
      await withHub(busA, async (appA) => {
        await withHub(busB, async (appB) => {
          const kiosk = await doorbell(await listen(appB), hub.kiosk.token);
          const stranger = await doorbell(`ws://127.0.0.1:${(appB.server.address() as { port: number }).port}/fleet/v1/doorbell`, neighbour.token);
          const created = await post(appA, '/api/content', { kind: 'faq', serviceCode: null, translations: { es: { question: '¿Timbre entre hubs?', answer: 'Sí.' } } });
          expect((await post(appA, `/api/content/${(created.json() as { id: string }).id}/publish`, { version: 1 })).statusCode).toBe(200);
          await until(() => kiosk.rings.length === 1, 'a content ring through PostgreSQL');
          expect(kiosk.rings).toEqual(['content']);
          expect(heardByB).toEqual([{ type: 'content', tenantId: 'villademo' }]);

          await busA.publish({ type: 'device-content', deviceId: hub.kiosk.deviceId });
          await until(() => kiosk.rings.length === 2, 'a per-device content ring through PostgreSQL');
          expect(heardByB.at(-1)).toEqual({ type: 'device-content', deviceId: hub.kiosk.deviceId });
          await settle();
          expect(stranger.rings).toEqual([]);
          kiosk.ws.close();
          stranger.ws.close();
        });
      });
    } finally {
      unsubscribe();
      await busA.close();
      await busB.close();
    }
  });
});
