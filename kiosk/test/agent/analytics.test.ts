import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK_FILE, DemoKioskFileSchema, loadConfig, startHub } from '@kiosk/hub';
import type { RunningHub } from '@kiosk/hub';
import type { AnalyticsBatch, AnalyticsEvent } from '@kiosk/shared';
import { openAgentDatabase, type AgentDatabase } from '../../src/agent/store/database.js';
import { migrations } from '../../src/agent/store/migrations.js';
import { AnalyticsStore } from '../../src/agent/analytics/analytics-store.js';
import { AnalyticsSender } from '../../src/agent/analytics/analytics-sender.js';
import { callStaff } from '../../src/agent/analytics/staff-call.js';
import { HubClient } from '../../src/agent/sync/hub-client.js';

// The agent's usage counts and "call staff" against the REAL hub: events become daily counts in
// the kiosk store (never what the citizen typed), batches reach the hub exactly once even when an
// answer is lost, and a staff call reaches the hub or says honestly that it did not.

let hub: RunningHub;
let hubDir: string;
let kioskDir: string;
let db: AgentDatabase;
let client: HubClient;
let unreachable: HubClient;
const DAY = new Date('2025-03-01T10:00:00Z');

beforeAll(async () => {
  hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-analytics-'));
  kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-analytics-'));
  hub = await startHub(loadConfig({ DATA_DIR: hubDir, PORT: '0', HOST: '127.0.0.1', CONSOLE_DIR: path.join(hubDir, 'none') }), { logger: false });
  const kiosk = DemoKioskFileSchema.parse(JSON.parse(fs.readFileSync(path.join(hubDir, DEMO_KIOSK_FILE), 'utf8')));
  db = openAgentDatabase(path.join(kioskDir, 'agent.sqlite'));
  client = new HubClient({ baseUrl: hub.url, token: kiosk.token, timeoutMs: 2000 });
  // Port 9 (discard): nothing answers there.
  unreachable = new HubClient({ baseUrl: 'http://127.0.0.1:9', token: kiosk.token, timeoutMs: 500 });
});

afterAll(async () => {
  await hub?.close();
  db?.close();
  fs.rmSync(hubDir, { recursive: true, force: true });
  fs.rmSync(kioskDir, { recursive: true, force: true });
});

/** What the hub has counted, read from its own database file. */
function hubCounts(): Array<{ type: string; journey: string; step: string; reason: string; locale: string; detail: string; count: number }> {
  const file = new Database(path.join(hubDir, 'hub.sqlite'), { readonly: true });
  try {
    return file.prepare('SELECT type, journey, step, reason, locale, detail, SUM(count) AS count FROM analytics_counts GROUP BY type, journey, step, reason, locale, detail ORDER BY type, detail').all() as never;
  } finally {
    file.close();
  }
}

/** The hub's rows of one day, per hour (-1 = sent without an hour). */
function hubHours(day: string): Array<[number, number]> {
  const file = new Database(path.join(hubDir, 'hub.sqlite'), { readonly: true });
  try {
    const rows = file.prepare('SELECT hour, SUM(count) AS count FROM analytics_counts WHERE day = ? GROUP BY hour ORDER BY hour').all(day) as Array<{ hour: number; count: number }>;
    return rows.map((r) => [r.hour, r.count]);
  } finally {
    file.close();
  }
}

const started = (locale: AnalyticsEvent['locale']): AnalyticsEvent => ({ type: 'journey.started', journey: 'request', locale, modes: [] });

describe('agent analytics against a real hub', () => {
  it('counts events per day, hour and combination; a no-result search holding digits is dropped', () => {
    const store = new AnalyticsStore(db, () => DAY);
    store.record(started('es'));
    store.record(started('es'));
    store.record(started('ar'));
    store.record({ type: 'journey.abandoned', journey: 'request', step: 'describing', reason: 'idle', locale: 'es', modes: ['large-text'] });
    store.record({ type: 'satisfaction', journey: 'request', score: 5, locale: 'es', modes: [] });
    store.record({ type: 'faq.no-result', query: 'Mi DNI es 12345678Z', locale: 'es', modes: [] });
    store.record({ type: 'faq.no-result', query: '  Perros  Sueltos ', locale: 'es', modes: [] });
    expect(store.pendingCount()).toBe(6);
    const rows = db.prepare('SELECT * FROM analytics_counts').all();
    expect(JSON.stringify(rows)).not.toContain('12345678');
  });

  it('a batch the hub did not take is kept and resent with the same id; the hub counts it once', async () => {
    const store = new AnalyticsStore(db, () => DAY);
    const offline = new AnalyticsSender(store, (batch) => unreachable.sendAnalytics(batch), 60_000);
    expect(await offline.flush()).toBe(0);
    expect(store.pendingCount()).toBe(6);

    // The hub takes the batch but its answer is lost: the kiosk still holds it, pinned to its id.
    let firstId = '';
    const lostAnswer = new AnalyticsSender(store, async (batch: AnalyticsBatch) => {
      firstId = batch.batchId;
      await client.sendAnalytics(batch);
      throw new Error('connection reset before the answer');
    }, 60_000);
    expect(await lostAnswer.flush()).toBe(0);
    // Counted while the batch was in flight: goes into the next batch, not into the pinned one.
    store.record(started('es'));

    const sentIds: string[] = [];
    const online = new AnalyticsSender(store, async (batch) => {
      sentIds.push(batch.batchId);
      await client.sendAnalytics(batch);
    }, 60_000);
    expect(await online.flush()).toBe(2);
    expect(sentIds[0]).toBe(firstId);
    expect(sentIds[1]).not.toBe(firstId);
    expect(store.pendingCount()).toBe(0);

    const counts = hubCounts();
    const of = (type: string, locale: string) => counts.filter((c) => c.type === type && c.locale === locale).reduce((sum, c) => sum + c.count, 0);
    expect(of('journey.started', 'es')).toBe(3);
    expect(of('journey.started', 'ar')).toBe(1);
    expect(counts).toContainEqual({ type: 'journey.abandoned', journey: 'request', step: 'describing', reason: 'idle', locale: 'es', detail: '', count: 1 });
    expect(counts).toContainEqual({ type: 'satisfaction', journey: 'request', step: '', reason: '', locale: 'es', detail: '5', count: 1 });
    expect(counts).toContainEqual({ type: 'faq.no-result', journey: '', step: '', reason: '', locale: 'es', detail: 'perros sueltos', count: 1 });
  });

  it('nothing to send: no batch, no request', async () => {
    const store = new AnalyticsStore(db, () => DAY);
    let calls = 0;
    const sender = new AnalyticsSender(store, async () => {
      calls += 1;
    }, 60_000);
    expect(await sender.flush()).toBe(0);
    expect(calls).toBe(0);
  });

  it('counts per UTC hour: the same combination in two hours is two rows, each sent with its hour', async () => {
    let now = new Date('2025-03-02T09:59:59Z');
    const store = new AnalyticsStore(db, () => now);
    store.record(started('es'));
    now = new Date('2025-03-02T10:00:00Z');
    store.record(started('es'));
    now = new Date('2025-03-02T10:59:59Z');
    store.record(started('es'));
    const batch = store.nextBatch();
    expect(batch?.counts.map((c) => [c.day, c.hour, c.count])).toEqual([
      ['2025-03-02', 9, 1],
      ['2025-03-02', 10, 2],
    ]);
    expect(await new AnalyticsSender(store, (b) => client.sendAnalytics(b), 60_000).flush()).toBe(1);
    expect(hubHours('2025-03-02')).toEqual([
      [9, 1],
      [10, 2],
    ]);
  });

  it('a store from before per-hour counts keeps its rows; they go without an hour and the hub files them as hour unknown', async () => {
    // A kiosk store as the previous agent left it (user_version 6), holding a day count.
    const file = path.join(kioskDir, 'upgraded.sqlite');
    const old = new Database(file);
    for (const step of migrations.slice(0, 6)) old.exec(step);
    old.pragma('user_version = 6');
    old.prepare("INSERT INTO analytics_counts (day, type, journey, step, reason, locale, modes, detail, count) VALUES ('2025-03-03', 'journey.started', 'request', '', '', 'es', '', '', 4)").run();
    old.close();

    const upgraded = openAgentDatabase(file);
    try {
      const store = new AnalyticsStore(upgraded, () => new Date('2025-03-03T08:15:00Z'));
      store.record(started('es')); // the same combination, now with its hour: a row of its own
      const batch = store.nextBatch();
      expect(batch?.counts).toHaveLength(2);
      const [dayOnly, hourly] = batch?.counts ?? [];
      expect(dayOnly).not.toHaveProperty('hour');
      expect(dayOnly?.count).toBe(4);
      expect(hourly).toMatchObject({ hour: 8, count: 1 });
      expect(await new AnalyticsSender(store, (b) => client.sendAnalytics(b), 60_000).flush()).toBe(1);
      expect(hubHours('2025-03-03')).toEqual([
        [-1, 4],
        [8, 1],
      ]);
    } finally {
      upgraded.close();
    }
  });

  it('a staff call reaches the hub with the screen name only; without the hub the citizen is told', async () => {
    const logged: unknown[] = [];
    const log = (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields });
    expect(await callStaff((call) => client.reportStaffCall(call), 'locating', log, () => DAY)).toEqual({ notified: true });
    expect(await callStaff((call) => unreachable.reportStaffCall(call), 'locating', log, () => DAY)).toEqual({ notified: false });
    const file = new Database(path.join(hubDir, 'hub.sqlite'), { readonly: true });
    try {
      const calls = file.prepare('SELECT screen, called_at, acknowledged_at FROM kiosk_staff_calls').all() as Array<{ screen: string; called_at: string; acknowledged_at: string | null }>;
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ screen: 'locating', acknowledged_at: null });
      expect(Date.parse(calls[0]!.called_at)).toBe(DAY.getTime());
    } finally {
      file.close();
    }
  });
});
