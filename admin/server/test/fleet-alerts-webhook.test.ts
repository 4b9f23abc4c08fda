import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDeliveryListSchema, WebhookPayloadSchema } from '@kiosk/shared';
import type { Heartbeat } from '@kiosk/shared';
import { openDatabase } from '../src/db/database.js';
import { createUser } from '../src/modules/auth/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { evaluateTenantAlerts } from '../src/fleet/alerts/evaluator.js';
import { DEFAULT_DELIVERY_POLICY, backoffMs, deliverDueWebhooks } from '../src/fleet/alerts/delivery.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import { OK_DEVICE, testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';

const SECRET = 'webhook-secret-for-the-test-0001';
const ok = { state: 'ok' as const, reason: null, since: '2026-11-28T09:00:00.000Z' };
const paperLow = { state: 'warning' as const, reason: 'paper-near-end', since: '2026-11-28T09:00:00.000Z' };

function heartbeat(sentAt: Date, printer: Heartbeat['devices']['printer']): Heartbeat {
  return testHeartbeat({ sentAt: sentAt.toISOString(), devices: { printer, scanner: OK_DEVICE } });
}

interface Received {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver on 127.0.0.1 answering with the next queued status (200 once the queue is empty). */
async function startReceiver(): Promise<{ url: string; received: Received[]; answers: number[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = answers.shift() ?? 200;
      response.end('');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/kiosk-alerts`, received, answers, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const expectedSignature = (timestamp: string, body: string) => `sha256=${crypto.createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;

describe.each(DIALECTS)('alert webhook delivery (%s)', (dialect) => {
  let hub: TestHub;
  let operator: Record<string, string>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deviceId = '';
  const t0 = new Date(Date.now() - 60 * 60_000);
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    receiver = await startReceiver();
    await createUser(hub.db, { tenantId: 'villademo', username: 'olga', password: 'operator-password-1', role: 'operator' });
    operator = await signInStaff(hub, 'olga', 'operator-password-1');
    deviceId = (await registerDevice(hub.db, 'villademo', 'lobby-1')).deviceId;
    const saved = await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: operator, payload: { url: receiver.url, secret: SECRET } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ url: receiver.url, hasSecret: true, enabled: true });
    expect(saved.body).not.toContain(SECRET);
    const rule = await hub.app.inject({ method: 'POST', url: '/api/fleet/alert-rules', headers: operator, payload: { name: 'Paper low', condition: 'paper-low', minutes: 0 } });
    expect(rule.statusCode).toBe(201);
  });
  afterAll(async () => {
    await receiver.close();
    await hub.close();
  });

  it('posts a signed alert, retries after a 500 with backoff, and the retry survives a hub restart', async () => {
    await recordHeartbeat(hub.db, { deviceId, tenantId: 'villademo', receivedAt: at(0), heartbeat: heartbeat(at(0), paperLow) });
    expect(await evaluateTenantAlerts(hub.db, { tenantId: 'villademo', deviceId }, at(0))).toEqual({ opened: 1, resolved: 0 });

    receiver.answers.push(500);
    expect(await deliverDueWebhooks(hub.db, at(0), { secrets: hub.secrets })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0];
    const timestamp = String(first?.headers['x-kiosk-timestamp']);
    expect(first?.headers['x-kiosk-signature']).toBe(expectedSignature(timestamp, first?.body ?? ''));
    expect(first?.headers['x-kiosk-event']).toBe('alert.opened');
    const payload = WebhookPayloadSchema.parse(JSON.parse(first?.body ?? ''));
    expect(payload.alert).toMatchObject({ condition: 'paper-low', deviceId, deviceLabel: 'lobby-1', state: 'open' });

    // Not due before its backoff.
    expect(await deliverDueWebhooks(hub.db, new Date(at(0).getTime() + 1000), { secrets: hub.secrets })).toEqual({ delivered: 0, retrying: 0, failed: 0 });

    // "Restart": this hub stops; a new process opens the same database and runs the worker.
    await hub.app.close();
    const restarted = openDatabase(hub.config.database);
    try {
      const later = new Date(at(0).getTime() + backoffMs(1, DEFAULT_DELIVERY_POLICY));
      expect(await deliverDueWebhooks(restarted.db, later, { secrets: hub.secrets })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(receiver.received).toHaveLength(2);
      const second = receiver.received[1];
      expect(second?.body).toBe(first?.body);
      expect(second?.headers['x-kiosk-signature']).toBe(expectedSignature(String(second?.headers['x-kiosk-timestamp']), second?.body ?? ''));
      expect(await deliverDueWebhooks(restarted.db, new Date(later.getTime() + 3_600_000), { secrets: hub.secrets })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    } finally {
      await restarted.close();
    }
  });

  it('shows the delivery log, and gives up after the last attempt without losing the row', async () => {
    // A fresh app on the same database (the previous test closed the first one).
    const { buildApp } = await import('../src/app.js');
    const app = await buildApp({ db: hub.db, config: hub.config, logger: false });
    try {
      const log = WebhookDeliveryListSchema.parse((await app.inject({ method: 'GET', url: '/api/fleet/alert-webhook/deliveries', headers: operator })).json());
      expect(log.deliveries[0]).toMatchObject({ event: 'alert.opened', state: 'delivered', attempts: 2, lastStatus: 200, lastError: null });

      // The paper comes back: a resolved event, which this receiver refuses every time.
      await recordHeartbeat(hub.db, { deviceId, tenantId: 'villademo', receivedAt: at(5), heartbeat: heartbeat(at(5), ok) });
      expect(await evaluateTenantAlerts(hub.db, { tenantId: 'villademo', deviceId }, at(5))).toEqual({ opened: 0, resolved: 1 });
      const policy = { ...DEFAULT_DELIVERY_POLICY, maxAttempts: 3, backoffBaseMs: 1000 };
      receiver.answers.push(503, 503, 503);
      let when = at(5).getTime();
      const runs = [];
      for (let i = 0; i < 3; i += 1) {
        runs.push(await deliverDueWebhooks(hub.db, new Date(when), { policy, secrets: hub.secrets }));
        when += 10_000;
      }
      expect(runs).toEqual([
        { delivered: 0, retrying: 1, failed: 0 },
        { delivered: 0, retrying: 1, failed: 0 },
        { delivered: 0, retrying: 0, failed: 1 },
      ]);
      const after = WebhookDeliveryListSchema.parse((await app.inject({ method: 'GET', url: '/api/fleet/alert-webhook/deliveries', headers: operator })).json());
      expect(after.deliveries.find((d) => d.event === 'alert.resolved')).toMatchObject({ state: 'failed', attempts: 3, lastStatus: 503, lastError: 'http-503', nextAttemptAt: null });
    } finally {
      await app.close();
    }
  });

  it('times out a receiver that never answers, and retries later', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await hub.db.withTables<{ fleet_alert_webhooks: { tenant_id: string; url: string } }>().updateTable('fleet_alert_webhooks').set({ url: `http://127.0.0.1:${port}/` }).where('tenant_id', '=', 'villademo').execute();
      await recordHeartbeat(hub.db, { deviceId, tenantId: 'villademo', receivedAt: at(10), heartbeat: heartbeat(at(10), paperLow) });
      await evaluateTenantAlerts(hub.db, { tenantId: 'villademo', deviceId }, at(10));
      const run = await deliverDueWebhooks(hub.db, at(10), { policy: { ...DEFAULT_DELIVERY_POLICY, timeoutMs: 300 }, secrets: hub.secrets });
      expect(run).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      const row = await hub.db
        .withTables<{ fleet_alert_deliveries: { id: string; state: string; last_error: string | null; created_at: string } }>()
        .selectFrom('fleet_alert_deliveries')
        .selectAll()
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      expect(row).toMatchObject({ state: 'pending', last_error: 'timeout' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
