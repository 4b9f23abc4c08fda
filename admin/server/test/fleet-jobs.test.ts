import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { WebSocket } from 'ws';
import { DOORBELL_CLOSE, JobViewSchema, JobsCreatedSchema, KioskJobListSchema, PROTOCOL_VERSION } from '@kiosk/shared';
import type { JobView } from '@kiosk/shared';
import { buildApp } from '../src/app.js';
import { createInProcessFleetBus } from '../src/fleet/bus/fleet-bus.js';
import { FLEET_LISTENER_APP_NAME, createPgFleetBus } from '../src/fleet/bus/pg-fleet-bus.js';
import { fleetJobRoutes } from '../src/fleet/jobs/routes.js';
import { createJobs } from '../src/fleet/jobs/service.js';
import { sweepJobs } from '../src/fleet/jobs/sweep.js';
import { zodSerializerCompiler, zodValidatorCompiler } from '../src/http/zod.js';
import { createUser } from '../src/modules/auth/service.js';
import { revokeDevice } from '../src/modules/devices/repository.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

const CONSOLE = { 'x-requested-with': 'console' };

async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', headers: CONSOLE, payload: { username, password } });
  expect(response.statusCode).toBe(200);
  return `__Host-session=${/^__Host-session=([^;]+);/.exec(String(response.headers['set-cookie']))?.[1] ?? ''}`;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `ws://127.0.0.1:${address.port}/fleet/v1/doorbell`;
}

/** A doorbell client that records what it hears; resolves once the socket is open (or refused). */
function ring(url: string, token: string | null, options: { autoPong?: boolean } = {}) {
  const messages: string[] = [];
  const headers: Record<string, string> = { 'x-protocol-version': String(PROTOCOL_VERSION) };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const ws = new WebSocket(url, { headers, perMessageDeflate: false, autoPong: options.autoPong ?? true });
  ws.on('message', (data) => messages.push(String(data)));
  const opened = new Promise<number>((resolve) => {
    ws.once('open', () => resolve(101));
    ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, messages, opened, closed };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(DIALECTS)('remote jobs (%s)', (dialect) => {
  let hub: TestHub;
  let admin = '';
  let fleet = '';
  let caseworker = '';
  const post = (url: string, cookie: string, payload: object) => hub.app.inject({ method: 'POST', url, headers: { ...CONSOLE, cookie }, payload });
  const create = async (payload: object, cookie = admin): Promise<JobView[]> => {
    const answer = await post('/api/fleet/jobs', cookie, payload);
    expect(answer.statusCode, answer.body).toBe(201);
    return JobsCreatedSchema.parse(answer.json()).jobs;
  };
  const poll = async () => KioskJobListSchema.parse((await hub.app.inject({ method: 'GET', url: '/fleet/v1/jobs', headers: fleetHeaders(hub) })).json()).jobs;
  const report = (id: string, payload: object) => hub.app.inject({ method: 'POST', url: `/fleet/v1/jobs/${id}/state`, headers: fleetHeaders(hub), payload });
  const view = async (id: string) => JobViewSchema.parse((await hub.app.inject({ method: 'GET', url: `/api/fleet/jobs/${id}`, headers: { cookie: admin } })).json());

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'operator', password: 'operator password 1', role: 'operator' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'clerk', password: 'clerk password 12', role: 'caseworker' });
    admin = await login(hub.app, 'admin', hub.adminPassword);
    fleet = await login(hub.app, 'operator', 'operator password 1');
    caseworker = await login(hub.app, 'clerk', 'clerk password 12');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('runs a job from queued through delivered and in progress to succeeded, audited', async () => {
    const [job] = await create({ type: 'print-test-page', deviceIds: [hub.kiosk.deviceId] }, fleet);
    expect(job).toMatchObject({ state: 'queued', disruptive: false, deviceId: hub.kiosk.deviceId });
    const delivered = await poll();
    expect(delivered.map((j) => j.id)).toContain(job?.id);
    expect((await view(job?.id ?? '')).state).toBe('delivered');
    expect((await report(job?.id ?? '', { state: 'in-progress' })).statusCode).toBe(200);
    expect((await poll()).map((j) => j.id)).not.toContain(job?.id);
    const done = await report(job?.id ?? '', { state: 'succeeded', result: { printed: true } });
    expect(done.json()).toEqual({ id: job?.id, state: 'succeeded' });
    // A retried report is harmless; a contradicting one is refused.
    expect((await report(job?.id ?? '', { state: 'succeeded', result: { printed: true } })).statusCode).toBe(200);
    expect((await report(job?.id ?? '', { state: 'failed', error: 'late' })).statusCode).toBe(409);
    const final = await view(job?.id ?? '');
    expect(final).toMatchObject({ state: 'succeeded', result: { printed: true }, error: null });
    expect(final.startedAt).not.toBeNull();
    expect(final.finishedAt).not.toBeNull();
    const audit = await hub.app.inject({ method: 'GET', url: `/api/audit?targetType=fleet-job&targetId=${job?.id ?? ''}`, headers: { cookie: admin } });
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('fleet-job.create');
  });

  it('lets only admins and fleet operators in, with the CSRF header, and only admins ask for screenshots', async () => {
    expect((await post('/api/fleet/jobs', caseworker, { type: 'print-test-page', deviceIds: [hub.kiosk.deviceId] })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url: '/api/fleet/jobs', headers: { cookie: caseworker } })).statusCode).toBe(403);
    const noCsrf = await hub.app.inject({ method: 'POST', url: '/api/fleet/jobs', headers: { cookie: admin }, payload: { type: 'print-test-page', deviceIds: [hub.kiosk.deviceId] } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url: '/api/fleet/jobs' })).statusCode).toBe(401);
    expect((await post('/api/fleet/jobs', fleet, { type: 'screenshot', deviceIds: [hub.kiosk.deviceId] })).statusCode).toBe(403);
    expect((await create({ type: 'screenshot', deviceIds: [hub.kiosk.deviceId] })).length).toBe(1);
  });

  it('refuses bad input clearly and queues nothing half', async () => {
    const before = (await hub.app.inject({ method: 'GET', url: '/api/fleet/jobs?limit=500', headers: { cookie: admin } })).json<{ jobs: unknown[] }>().jobs.length;
    const cases: Array<[object, string]> = [
      [{ type: 'format-disk', deviceIds: [hub.kiosk.deviceId] }, 'invalid'],
      [{ type: 'upload-logs', deviceIds: [hub.kiosk.deviceId], params: { from: 'yesterday' } }, 'invalid'],
      [{ type: 'reprint-last', deviceIds: [hub.kiosk.deviceId, 'kiosk_nobody'] }, 'unknown-device'],
      [{ type: 'reprint-last' }, 'invalid'],
    ];
    for (const [payload, code] of cases) {
      const answer = await post('/api/fleet/jobs', admin, payload);
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(answer.json<{ error: { code: string } }>().error.code).toBe(code);
    }
    const revoked = await registerDevice(hub.db, 'villademo', 'jobs-revoked');
    await revokeDevice(hub.db, revoked.deviceId, new Date());
    expect((await post('/api/fleet/jobs', admin, { type: 'reprint-last', deviceIds: [revoked.deviceId] })).statusCode).toBe(400);
    const after = (await hub.app.inject({ method: 'GET', url: '/api/fleet/jobs?limit=500', headers: { cookie: admin } })).json<{ jobs: unknown[] }>().jobs.length;
    expect(after).toBe(before);
  });

  it('cancels only while queued or delivered, and a cancelled job cannot start', async () => {
    const [queued] = await create({ type: 'maintenance-on', deviceIds: [hub.kiosk.deviceId] });
    expect(queued?.disruptive).toBe(true);
    const cancelled = await post(`/api/fleet/jobs/${queued?.id ?? ''}/cancel`, fleet, {});
    expect(cancelled.json()).toMatchObject({ state: 'cancelled' });
    expect((await report(queued?.id ?? '', { state: 'in-progress' })).statusCode).toBe(409);
    const [running] = await create({ type: 'reload-content', deviceIds: [hub.kiosk.deviceId] });
    await poll();
    await report(running?.id ?? '', { state: 'in-progress' });
    expect((await post(`/api/fleet/jobs/${running?.id ?? ''}/cancel`, admin, {})).statusCode).toBe(409);
    expect((await post(`/api/fleet/jobs/job_unknown/cancel`, admin, {})).statusCode).toBe(404);
  });

  it('takes logs for an upload-logs job in progress, bounded, and shows them to operators', async () => {
    const [job] = await create({ type: 'upload-logs', deviceIds: [hub.kiosk.deviceId], params: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' } });
    const url = `/fleet/v1/jobs/${job?.id ?? ''}/logs`;
    expect((await hub.app.inject({ method: 'POST', url, headers: fleetHeaders(hub), payload: { lines: ['a'] } })).statusCode).toBe(409);
    await report(job?.id ?? '', { state: 'in-progress' });
    const tooMany = await hub.app.inject({ method: 'POST', url, headers: fleetHeaders(hub), payload: { lines: Array.from({ length: 1001 }, () => 'x') } });
    expect(tooMany.statusCode).toBe(400);
    const lines = Array.from({ length: 300 }, (_, i) => `{"msg":"line ${i}"}`);
    expect((await hub.app.inject({ method: 'POST', url, headers: fleetHeaders(hub), payload: { lines } })).statusCode).toBe(200);
    // A retry after a lost answer is harmless.
    expect((await hub.app.inject({ method: 'POST', url, headers: fleetHeaders(hub), payload: { lines } })).statusCode).toBe(200);
    const shown = await hub.app.inject({ method: 'GET', url: `/api/fleet/jobs/${job?.id ?? ''}/logs`, headers: { cookie: fleet } });
    expect(shown.json<{ lines: string[] }>().lines).toEqual(lines);
  });

  it('sweeps overdue jobs: unstarted ones expire, stalled ones time out', async () => {
    const bus = createInProcessFleetBus();
    const now = new Date();
    const [stale] = await createJobs(hub.db, bus, { tenantId: 'villademo', createdBy: 'test', type: 'print-test-page', target: { deviceIds: [hub.kiosk.deviceId] }, expiresInSeconds: 60, now });
    const [stalled] = await createJobs(hub.db, bus, { tenantId: 'villademo', createdBy: 'rollout:r1', type: 'apply-config', target: { deviceIds: [hub.kiosk.deviceId] }, timeoutSeconds: 30, rolloutId: 'r1', now });
    await report(stalled?.id ?? '', { state: 'in-progress' });
    expect(await sweepJobs(hub.db, new Date(now.getTime() + 10_000))).toEqual({ expired: 0, timedOut: 0 });
    const later = await sweepJobs(hub.db, new Date(Date.now() + 61_000));
    expect(later.expired).toBeGreaterThanOrEqual(1);
    expect(later.timedOut).toBe(1);
    expect((await view(stale?.id ?? '')).state).toBe('expired');
    expect(await view(stalled?.id ?? '')).toMatchObject({ state: 'timed-out', rolloutId: 'r1' });
    expect((await report(stalled?.id ?? '', { state: 'succeeded' })).statusCode).toBe(409);
    await bus.close();
  });

  it('rings the doorbell on a new job, refuses strangers, and closes the socket on revocation', async () => {
    const bus = createInProcessFleetBus();
    const app = await buildApp({ db: hub.db, config: hub.config, logger: false, bus });
    try {
      const url = await listen(app);
      expect(await ring(url, null).opened).toBe(401);
      expect(await ring(url, `${hub.kiosk.deviceId}.wrong-secret-wrong-secret`).opened).toBe(401);
      const plain = await app.inject({ method: 'GET', url: '/fleet/v1/doorbell', headers: fleetHeaders(hub) });
      expect(plain.statusCode).toBe(426);

      const kiosk = ring(url, hub.kiosk.token);
      expect(await kiosk.opened).toBe(101);
      const other = await registerDevice(hub.db, 'villademo', 'doorbell-neighbour');
      const neighbour = ring(url, other.token);
      expect(await neighbour.opened).toBe(101);
      await createJobs(hub.db, bus, { tenantId: 'villademo', createdBy: 'test', type: 'reprint-last', target: { deviceIds: [hub.kiosk.deviceId] } });
      await until(() => kiosk.messages.length > 0, 'a ring');
      expect(JSON.parse(kiosk.messages[0] ?? '')).toEqual({ ring: 'jobs' });
      await bus.publish({ type: 'config', deviceId: hub.kiosk.deviceId });
      await until(() => kiosk.messages.length > 1, 'a config ring');
      expect(JSON.parse(kiosk.messages[1] ?? '')).toEqual({ ring: 'config' });
      expect(neighbour.messages).toEqual([]);

      await revokeDevice(hub.db, other.deviceId, new Date());
      await bus.publish({ type: 'device-revoked', deviceId: other.deviceId });
      expect(await neighbour.closed).toBe(DOORBELL_CLOSE.revoked);
      expect(await ring(url, other.token).opened).toBe(401);
      expect(kiosk.ws.readyState).toBe(WebSocket.OPEN);
      await app.close();
      expect(await kiosk.closed).toBe(DOORBELL_CLOSE.goingAway);
    } finally {
      await app.close();
      await bus.close();
    }
  });

  it('finds a dead socket with pings and answers 503 with Retry-After when full', async () => {
    const bus = createInProcessFleetBus();
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(zodValidatorCompiler);
    app.setSerializerCompiler(zodSerializerCompiler);
    await app.register(fleetJobRoutes(hub.db, hub.config, bus, { pingIntervalMs: 40, maxSockets: 1, retryAfterSeconds: 7 }));
    try {
      const url = await listen(app);
      const silent = ring(url, hub.kiosk.token, { autoPong: false });
      expect(await silent.opened).toBe(101);
      const refused = await new Promise<{ status: number; retryAfter: string | undefined }>((resolve) => {
        const ws = new WebSocket(url, { headers: fleetHeaders(hub) });
        ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
      });
      expect(refused).toEqual({ status: 503, retryAfter: '7' });
      // No pong: the hub cuts it (1006 on this side: no close frame) within a few ping rounds.
      expect(await silent.closed).toBe(1006);
      const lively = ring(url, hub.kiosk.token);
      expect(await lively.opened).toBe(101);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(lively.ws.readyState).toBe(WebSocket.OPEN);
      lively.ws.close();
    } finally {
      await app.close();
      await bus.close();
    }
  });

  it.runIf(dialect === 'postgres')('carries events between two hubs over LISTEN/NOTIFY, and listens again after losing its connection', async () => {
    if (hub.config.database.kind !== 'postgres') throw new Error('postgres only');
    const dbUrl = hub.config.database.url;
    const busA = createPgFleetBus({ url: dbUrl, db: hub.db, reconnectMs: 20, reconnectCapMs: 100 });
    const busB = createPgFleetBus({ url: dbUrl, db: hub.db, reconnectMs: 20, reconnectCapMs: 100 });
    const appA = await buildApp({ db: hub.db, config: hub.config, logger: false, bus: busA });
    const appB = await buildApp({ db: hub.db, config: hub.config, logger: false, bus: busB });
    const heardByA: string[] = [];
    const unsubscribe = busA.subscribe((event) => heardByA.push(event.type));
    try {
      await Promise.all([busA.ready(), busB.ready()]);
      await appA.listen({ host: '127.0.0.1', port: 0 });
      const urlB = await listen(appB);
      const kiosk = ring(urlB, hub.kiosk.token);
      expect(await kiosk.opened).toBe(101);
      const adminA = await login(appA, 'admin', hub.adminPassword);
      const created = await appA.inject({ method: 'POST', url: '/api/fleet/jobs', headers: { ...CONSOLE, cookie: adminA }, payload: { type: 'print-test-page', deviceIds: [hub.kiosk.deviceId] } });
      expect(created.statusCode).toBe(201);
      await until(() => kiosk.messages.length === 1, 'a ring through PostgreSQL');
      // The publisher hears its own event once (locally), not a second time through NOTIFY.
      expect(heardByA).toEqual(['job']);

      const admin = new pg.Client({ connectionString: dbUrl });
      await admin.connect();
      try {
        const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [FLEET_LISTENER_APP_NAME]);
        expect(killed.rowCount).toBe(2);
      } finally {
        await admin.end();
      }
      await until(async () => {
        await Promise.all([busA.ready(), busB.ready()]);
        await busA.publish({ type: 'config', deviceId: hub.kiosk.deviceId });
        await new Promise((resolve) => setTimeout(resolve, 50));
        return kiosk.messages.some((m) => m.includes('config'));
      }, 'a ring after the listener reconnected');
      kiosk.ws.close();
    } finally {
      unsubscribe();
      await appA.close();
      await appB.close();
      await busA.close();
      await busB.close();
    }
  });
});
