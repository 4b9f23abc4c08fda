import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeartbeatAnswerSchema, type Heartbeat } from '@kiosk/shared';
import { latestHeartbeat } from '../src/fleet/heartbeat-repository.js';
import { DEFAULT_STATUS_POLICY, kioskStatus, offlineAlertDecision, recoveryStreak } from '../src/fleet/kiosk-status.js';
import { MAX_RECORDED_SKEW_MS } from '../src/fleet/heartbeat-repository.js';
import { DIALECTS, createTestHub } from './helpers/hub.js';
import { testHeartbeat } from './helpers/heartbeat.js';
import type { TestHub } from './helpers/hub.js';
import { fleetHeaders } from './helpers/kiosk.js';

const ok = { state: 'ok' as const, reason: null, since: '2026-11-28T09:00:00.000Z' };
function heartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return testHeartbeat({ clockSkewMs: null, ...overrides });
}

describe.each(DIALECTS)('heartbeats (%s)', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('stores the latest heartbeat, answers the server time, and measures the skew', async () => {
    const fast = new Date(Date.now() + 5 * 60_000).toISOString(); // a kiosk clock 5 minutes ahead
    const answer = await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat({ sentAt: fast }) });
    expect(answer.statusCode).toBe(200);
    expect(HeartbeatAnswerSchema.parse(answer.json()).serverTime).toMatch(/Z$/);
    const latest = await latestHeartbeat(hub.db, hub.kiosk.deviceId);
    expect(latest?.skewMs).toBeGreaterThan(4 * 60_000);
    expect(kioskStatus(latest, new Date()).reasons).toContain('clock-skew');
  });

  it('keeps one latest row per kiosk and the whole history', async () => {
    for (const depth of [1, 2, 3]) {
      const answer = await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: heartbeat({ outbox: { depth, oldestAgeSeconds: 10, dead: 0 } }) });
      expect(answer.statusCode).toBe(200);
    }
    expect((await latestHeartbeat(hub.db, hub.kiosk.deviceId))?.heartbeat.outbox.depth).toBe(3);
    const history = await hub.db.withTables<{ device_heartbeat_history: { device_id: string } }>().selectFrom('device_heartbeat_history').select('device_id').where('device_id', '=', hub.kiosk.deviceId).execute();
    expect(history.length).toBeGreaterThanOrEqual(4);
  });

  it('records a kiosk whose clock lost its battery (1970), with the skew clamped, and keeps the new fields', async () => {
    const payload = heartbeat({ sentAt: '1970-01-01T00:00:00.000Z', disk: { freeBytes: 5, totalBytes: 10 }, maintenance: true, config: { appliedVersion: 2, error: null } });
    const answer = await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload });
    expect(answer.statusCode).toBe(200);
    const latest = await latestHeartbeat(hub.db, hub.kiosk.deviceId);
    expect(latest?.skewMs).toBe(-MAX_RECORDED_SKEW_MS);
    expect(latest?.heartbeat).toMatchObject({ disk: { freeBytes: 5, totalBytes: 10 }, maintenance: true, config: { appliedVersion: 2 } });
    expect(kioskStatus(latest, new Date()).reasons).toContain('clock-skew');
  });

  it('refuses a malformed heartbeat and one without a credential', async () => {
    const bad = await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: fleetHeaders(hub), payload: { sentAt: 'yesterday' } });
    expect(bad.statusCode).toBe(400);
    const { authorization: _none, ...anonymous } = fleetHeaders(hub);
    expect((await hub.app.inject({ method: 'POST', url: '/fleet/v1/heartbeat', headers: anonymous, payload: heartbeat() })).statusCode).toBe(401);
  });
});

describe('kiosk status (pure)', () => {
  const now = new Date('2026-11-28T10:00:00.000Z');
  const at = (secondsAgo: number, hb: Heartbeat = heartbeat()) => ({ receivedAt: new Date(now.getTime() - secondsAgo * 1000).toISOString(), skewMs: 0, heartbeat: hb });

  it('is online when all is well, degraded with the reason when a device or the outbox needs a visit', () => {
    expect(kioskStatus(at(5), now)).toEqual({ status: 'online', reasons: [] });
    expect(kioskStatus(at(5, heartbeat({ devices: { printer: { ...ok, state: 'warning', reason: 'paper-near-end' }, scanner: ok } })), now)).toEqual({ status: 'degraded', reasons: ['paper-low'] });
    expect(kioskStatus(at(5, heartbeat({ devices: { printer: { ...ok, state: 'error', reason: 'paper-end' }, scanner: ok } })), now).reasons).toEqual(['paper-out']);
    expect(kioskStatus(at(5, heartbeat({ devices: { printer: { ...ok, state: 'offline', reason: 'unreachable' }, scanner: ok } })), now).reasons).toEqual(['printer-offline']);
    expect(kioskStatus(at(5, heartbeat({ outbox: { depth: 50, oldestAgeSeconds: 30, dead: 1 } })), now).reasons).toEqual(['outbox-backlog', 'dead-letters']);
  });

  it('is unreachable after 3 missed heartbeats and offline after the alert time', () => {
    const interval = DEFAULT_STATUS_POLICY.heartbeatIntervalMs / 1000;
    expect(kioskStatus(at(interval * 3 - 1), now).status).toBe('online');
    expect(kioskStatus(at(interval * 3), now).status).toBe('unreachable');
    expect(kioskStatus(at(DEFAULT_STATUS_POLICY.offlineAfterMs / 1000), now).status).toBe('offline');
    expect(kioskStatus(undefined, now)).toEqual({ status: 'offline', reasons: ['never-reported'] });
  });
});

describe('offline alert hysteresis (pure)', () => {
  const now = new Date('2026-11-28T10:00:00.000Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
  const policy = { ...DEFAULT_STATUS_POLICY, heartbeatIntervalMs: 30_000, missedForUnreachable: 3, clearAfterHeartbeats: 3, clearAfterMs: 300_000 };

  it('counts the run of heartbeats back from now until a gap of missed heartbeats', () => {
    expect(recoveryStreak([], now, policy)).toEqual({ heartbeats: 0, spanMs: 0 });
    expect(recoveryStreak([ago(10), ago(40), ago(70)], now, policy)).toEqual({ heartbeats: 3, spanMs: 70_000 });
    expect(recoveryStreak([ago(10), ago(40), ago(200)], now, policy)).toEqual({ heartbeats: 2, spanMs: 40_000 });
    expect(recoveryStreak([ago(100), ago(130)], now, policy).heartbeats).toBe(0);
  });

  it('raises after the silence limit, and clears only after a steady streak or the clear period', () => {
    const none = { heartbeats: 0, spanMs: 0 };
    expect(offlineAlertDecision({ raised: false, lastSeenAt: ago(policy.offlineAfterMs / 1000 - 1), streak: none }, now, policy)).toBe('keep');
    expect(offlineAlertDecision({ raised: false, lastSeenAt: ago(policy.offlineAfterMs / 1000), streak: none }, now, policy)).toBe('raise');
    expect(offlineAlertDecision({ raised: true, lastSeenAt: ago(5), streak: { heartbeats: 2, spanMs: 60_000 } }, now, policy)).toBe('keep');
    expect(offlineAlertDecision({ raised: true, lastSeenAt: ago(5), streak: { heartbeats: 3, spanMs: 65_000 } }, now, policy)).toBe('clear');
    expect(offlineAlertDecision({ raised: true, lastSeenAt: ago(5), streak: { heartbeats: 1, spanMs: 300_000 } }, now, policy)).toBe('clear');
  });
});
