import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertInboxSchema, AlertRuleSchema, WebhookDeliveryListSchema, WebhookViewSchema } from '@kiosk/shared';
import type { Alert, Heartbeat } from '@kiosk/shared';
import { createUser } from '../src/modules/auth/service.js';
import { registerDevice } from '../src/modules/devices/service.js';
import { recordHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { evaluateOfflineAlerts } from '../src/fleet/config/offline-alerts.js';
import { DEFAULT_STATUS_POLICY } from '../src/fleet/kiosk-status.js';
import { evaluateTenantAlerts, sweepAlerts } from '../src/fleet/alerts/evaluator.js';
import { alertStep } from '../src/fleet/alerts/conditions.js';
import { recordStaffCall } from '../src/fleet/analytics/repository.js';
import { DIALECTS, createTestHub, signInStaff } from './helpers/hub.js';
import { OK_DEVICE, testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

const MINUTE = 60_000;
const ok = { state: 'ok' as const, reason: null, since: '2026-11-28T09:00:00.000Z' };
const paperLow = { state: 'warning' as const, reason: 'paper-near-end', since: '2026-11-28T09:00:00.000Z' };

function heartbeat(sentAt: Date, printer: Heartbeat['devices']['printer'] = ok): Heartbeat {
  return testHeartbeat({ sentAt: sentAt.toISOString(), devices: { printer, scanner: OK_DEVICE } });
}

describe('alert steps (pure)', () => {
  const t0 = new Date('2026-11-28T10:00:00.000Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
  const holds = { holds: true as const, since: t0.toISOString() };

  it('opens only after the condition has lasted the rule minutes, once, and resolves when it clears', () => {
    expect(alertStep(undefined, holds, 30, t0)).toBe('start-pending');
    expect(alertStep({ state: 'pending', since: t0.toISOString() }, holds, 30, at(29))).toBe('keep');
    expect(alertStep({ state: 'pending', since: t0.toISOString() }, holds, 30, at(31))).toBe('open');
    expect(alertStep({ state: 'open', since: t0.toISOString() }, holds, 30, at(40))).toBe('keep');
    expect(alertStep({ state: 'acknowledged', since: t0.toISOString() }, { holds: false }, 30, at(50))).toBe('resolve');
    expect(alertStep({ state: 'pending', since: t0.toISOString() }, { holds: false }, 30, at(10))).toBe('drop-pending');
    expect(alertStep(undefined, holds, 0, t0)).toBe('open-new');
    // A silent kiosk's stale report changes nothing either way.
    expect(alertStep({ state: 'open', since: t0.toISOString() }, { holds: 'unknown' }, 30, at(90))).toBe('keep');
    expect(alertStep(undefined, { holds: 'unknown' }, 0, at(90))).toBe('none');
  });
});

describe.each(DIALECTS)('kiosk alert rules, inbox and webhook (%s)', (dialect) => {
  let hub: TestHub;
  let operator: Record<string, string>;
  let viewer: Record<string, string>;
  let lobby = '';
  const t0 = new Date(Date.now() - 2 * 60 * MINUTE);
  const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

  const inbox = async (state?: string): Promise<Alert[]> => {
    const response = await hub.app.inject({ method: 'GET', url: `/api/fleet/alerts${state === undefined ? '' : `?state=${state}`}`, headers: viewer });
    expect(response.statusCode).toBe(200);
    return AlertInboxSchema.parse(response.json()).alerts;
  };
  const report = async (deviceId: string, minutes: number, printer: Heartbeat['devices']['printer']) => {
    await recordHeartbeat(hub.db, { deviceId, tenantId: 'villademo', receivedAt: at(minutes), heartbeat: heartbeat(at(minutes), printer) });
    return evaluateTenantAlerts(hub.db, { tenantId: 'villademo', deviceId }, at(minutes));
  };
  const createRule = async (body: object) => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/fleet/alert-rules', headers: operator, payload: body });
    expect(response.statusCode, response.body).toBe(201);
    return AlertRuleSchema.parse(response.json());
  };

  beforeAll(async () => {
    hub = await createTestHub(dialect);
    await createUser(hub.db, { tenantId: 'villademo', username: 'olga', password: 'operator-password-1', role: 'operator' });
    await createUser(hub.db, { tenantId: 'villademo', username: 'victor', password: 'viewer-password-1', role: 'viewer' });
    operator = await signInStaff(hub, 'olga', 'operator-password-1');
    viewer = await signInStaff(hub, 'victor', 'viewer-password-1');
    lobby = (await registerDevice(hub.db, 'villademo', 'lobby-1')).deviceId;
    await hub.db.updateTable('devices').set({ site: 'town-hall' }).where('id', '=', lobby).execute();
  });
  afterAll(async () => hub.close());

  it('lets operators write rules and viewers only read them; bad rules are refused with a reason', async () => {
    const refused = await hub.app.inject({ method: 'POST', url: '/api/fleet/alert-rules', headers: viewer, payload: { name: 'x', condition: 'paper-low', minutes: 5 } });
    expect(refused.statusCode).toBe(403);
    const bad = await hub.app.inject({ method: 'POST', url: '/api/fleet/alert-rules', headers: operator, payload: { name: 'x', condition: 'paper-low', minutes: 5, threshold: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/threshold/);
    const unknown = await hub.app.inject({ method: 'POST', url: '/api/fleet/alert-rules', headers: operator, payload: { name: 'x', condition: 'on-fire', minutes: 5 } });
    expect(unknown.statusCode).toBe(400);
    const list = await hub.app.inject({ method: 'GET', url: '/api/fleet/alert-rules', headers: viewer });
    expect(list.statusCode).toBe(200);
    expect(list.json().rules).toEqual([]);
  });

  it('opens a paper-low alert after 30 minutes, not at 29, once; acknowledged (audited) and resolved when paper is back', async () => {
    const rule = await createRule({ name: 'Paper low for half an hour', condition: 'paper-low', minutes: 30, site: 'town-hall' });
    expect(rule).toMatchObject({ condition: 'paper-low', minutes: 30, threshold: null, site: 'town-hall', enabled: true });

    for (const minute of [0, 10, 20, 29]) await report(lobby, minute, paperLow);
    expect(await inbox()).toEqual([]);

    expect(await report(lobby, 31, paperLow)).toEqual({ opened: 1, resolved: 0 });
    expect(await report(lobby, 32, paperLow)).toEqual({ opened: 0, resolved: 0 });
    const [alert, ...others] = await inbox('open');
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ source: 'rule', ruleName: 'Paper low for half an hour', condition: 'paper-low', deviceId: lobby, deviceLabel: 'lobby-1', site: 'town-hall', state: 'open' });

    const byViewer = await hub.app.inject({ method: 'POST', url: `/api/fleet/alerts/${alert?.id}/acknowledge`, headers: viewer });
    expect(byViewer.statusCode).toBe(403);
    const ack = await hub.app.inject({ method: 'POST', url: `/api/fleet/alerts/${alert?.id}/acknowledge`, headers: operator });
    expect(ack.statusCode).toBe(200);
    const again = await hub.app.inject({ method: 'POST', url: `/api/fleet/alerts/${alert?.id}/acknowledge`, headers: operator });
    expect(again.statusCode).toBe(409);
    expect((await inbox('acknowledged'))[0]).toMatchObject({ id: alert?.id, acknowledgedBy: 'olga' });
    const audit = await hub.db
      .withTables<{ audit_log: { action: string; target_id: string; actor_name: string } }>()
      .selectFrom('audit_log').selectAll().where('action', '=', 'alert.acknowledged').where('target_id', '=', alert?.id ?? '').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_name).toBe('olga');

    expect(await report(lobby, 40, ok)).toEqual({ opened: 0, resolved: 1 });
    expect(await inbox('open')).toEqual([]);
    expect((await inbox('resolved'))[0]).toMatchObject({ id: alert?.id, state: 'resolved' });

    // A short blip afterwards (under 30 minutes) never becomes an alert.
    await report(lobby, 50, paperLow);
    await report(lobby, 55, ok);
    expect(await inbox('open')).toEqual([]);
    await hub.app.inject({ method: 'DELETE', url: `/api/fleet/alert-rules/${rule.id}`, headers: operator });
  });

  it('evaluates on heartbeat arrival through the kiosk API', async () => {
    const rule = await createRule({ name: 'Paper low now', condition: 'paper-low', minutes: 0 });
    const sent = await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat(new Date(), paperLow) });
    expect(sent.statusCode).toBe(200);
    const open = (await inbox('open')).filter((a) => a.deviceId === hub.kiosk.deviceId);
    expect(open).toHaveLength(1);
    await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat(new Date(), ok) });
    expect((await inbox('open')).filter((a) => a.deviceId === hub.kiosk.deviceId)).toEqual([]);
    expect((await hub.app.inject({ method: 'DELETE', url: `/api/fleet/alert-rules/${rule.id}`, headers: operator })).statusCode).toBe(200);
  });

  it('raises the offline condition from the fleet offline alert in the periodic sweep', async () => {
    const quiet = (await registerDevice(hub.db, 'villademo', 'quiet-1', at(0))).deviceId;
    const rule = await createRule({ name: 'Offline', condition: 'offline', minutes: 5 });
    await evaluateOfflineAlerts(hub.db, at(16), DEFAULT_STATUS_POLICY);
    await sweepAlerts(hub.db, at(16));
    expect((await inbox('open')).filter((a) => a.deviceId === quiet)).toEqual([]);
    await sweepAlerts(hub.db, at(22));
    expect((await inbox('open')).filter((a) => a.deviceId === quiet)).toHaveLength(1);
    // Deleting the rule resolves what it opened.
    await hub.app.inject({ method: 'DELETE', url: `/api/fleet/alert-rules/${rule.id}`, headers: operator });
    await sweepAlerts(hub.db, at(23));
    expect((await inbox('open')).filter((a) => a.deviceId === quiet)).toEqual([]);
    await hub.db.updateTable('devices').set({ revoked_at: at(24).toISOString() }).where('id', '=', quiet).execute();
  });

  it('shows kiosk staff calls in the same inbox and acknowledges them from it', async () => {
    const call = await recordStaffCall(hub.db, { id: lobby, tenantId: 'villademo' }, { callId: 'call-0001-abc', screen: 'home', calledAt: at(60).toISOString() }, at(60));
    const open = await inbox('open');
    expect(open.find((a) => a.id === call.id)).toMatchObject({ source: 'staff-call', condition: 'staff-call', deviceId: lobby, state: 'open' });
    expect((await hub.app.inject({ method: 'POST', url: `/api/fleet/alerts/${call.id}/acknowledge`, headers: operator })).statusCode).toBe(200);
    expect((await inbox('acknowledged')).find((a) => a.id === call.id)).toMatchObject({ source: 'staff-call', acknowledgedBy: 'olga' });
    expect((await hub.app.inject({ method: 'POST', url: '/api/fleet/alerts/alert_nope/acknowledge', headers: operator })).statusCode).toBe(404);
  });

  it('refuses webhook addresses that are not http(s), keeping the one set before', async () => {
    const good = await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: operator, payload: { url: 'https://alerts.example.org/hook', secret: 'a-secret-of-enough-length' } });
    expect(good.statusCode, good.body).toBe(200);
    for (const url of ['ftp://alerts.example.org/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://127.0.0.1:25/', 'not a url', 'https://user:pw@alerts.example.org/']) {
      const response = await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: operator, payload: { url, secret: 'another-secret-long-enough' } });
      expect(response.statusCode, url).toBe(400);
    }
    const kept = WebhookViewSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/fleet/alert-webhook', headers: viewer })).json());
    expect(kept).toMatchObject({ url: 'https://alerts.example.org/hook', hasSecret: true, enabled: true });
    const removed = await hub.app.inject({ method: 'DELETE', url: '/api/fleet/alert-webhook', headers: operator });
    expect(removed.statusCode).toBe(200);
    const missing = await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: operator, payload: { url: 'https://alerts.example.org/hook' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('webhook-secret-missing');
    const shown = WebhookViewSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/fleet/alert-webhook', headers: viewer })).json());
    expect(shown).toEqual({ url: null, hasSecret: false, enabled: false, updatedAt: null });
    expect((await hub.app.inject({ method: 'PUT', url: '/api/fleet/alert-webhook', headers: viewer, payload: { url: 'https://x.example.org/', secret: 'a-secret-of-enough-length' } })).statusCode).toBe(403);
  });

  // The webhook tests (signed, retried, durable) are in fleet-alerts-webhook.test.ts.
  it('lists no deliveries while nothing was sent', async () => {
    const log = WebhookDeliveryListSchema.parse((await hub.app.inject({ method: 'GET', url: '/api/fleet/alert-webhook/deliveries', headers: viewer })).json());
    expect(log.deliveries).toEqual([]);
  });
});
