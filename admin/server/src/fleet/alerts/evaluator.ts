import { AlertConditionSchema } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { randomId } from '../../security/tokens.js';
import type { IntakeTables } from '../analytics/tables.js';
import type { DeviceConfigTables } from '../config/tables.js';
import { DEFAULT_STATUS_POLICY } from '../kiosk-status.js';
import type { KioskStatusPolicy } from '../kiosk-status.js';
import { devicesWithLatest } from '../overview/repository.js';
import { judgeDevices } from '../overview/verdicts.js';
import type { JudgedKiosk } from '../overview/verdicts.js';
import { alertStep, observe } from './conditions.js';
import type { AlertStep } from './conditions.js';
import { enqueueDelivery } from './delivery.js';
import { alertView } from './inbox.js';
import type { AlertRow } from './inbox.js';
import { enabledRules } from './rules.js';
import type { AlertRuleRow } from './rules.js';
import type { AlertTables } from './tables.js';

/**
 * Runs the rules: on each heartbeat for that one kiosk, and periodically for every kiosk (time
 * passes without heartbeats: durations elapse, kiosks go offline, staff calls wait). Each
 * (rule, kiosk) pair has at most one live alert (active_key is unique), so two evaluations at
 * once cannot open it twice; opening and resolving queue the webhook in the same transaction.
 */

const tables = (db: HubDb) => db.withTables<AlertTables & IntakeTables & DeviceConfigTables>();

export interface AlertRun {
  readonly opened: number;
  readonly resolved: number;
}

interface Scope {
  readonly tenantId: string;
  readonly deviceId?: string;
}

const activeKey = (ruleId: string, deviceId: string) => `${ruleId}:${deviceId}`;

async function liveAlerts(db: HubDb, scope: Scope): Promise<AlertRow[]> {
  let query = tables(db).selectFrom('fleet_alerts').selectAll().where('tenant_id', '=', scope.tenantId).where('active_key', 'is not', null);
  if (scope.deviceId !== undefined) query = query.where('device_id', '=', scope.deviceId);
  return query.execute();
}

async function offlineRaised(db: HubDb, scope: Scope): Promise<Map<string, string>> {
  let query = tables(db).selectFrom('device_offline_alerts').select(['device_id', 'raised_at']).where('tenant_id', '=', scope.tenantId).where('state', '=', 'raised');
  if (scope.deviceId !== undefined) query = query.where('device_id', '=', scope.deviceId);
  return new Map((await query.execute()).map((r) => [r.device_id, r.raised_at]));
}

async function oldestOpenCalls(db: HubDb, scope: Scope): Promise<Map<string, string>> {
  let query = tables(db)
    .selectFrom('kiosk_staff_calls')
    .select(['device_id', (eb) => eb.fn.min('received_at').as('oldest')])
    .where('tenant_id', '=', scope.tenantId)
    .where('acknowledged_at', 'is', null);
  if (scope.deviceId !== undefined) query = query.where('device_id', '=', scope.deviceId);
  const rows = await query.groupBy('device_id').execute();
  return new Map(rows.map((r) => [r.device_id, String(r.oldest)]));
}

/** Applies one step; returns whether an alert opened or resolved. Losing a race to another evaluation is a no-op. */
async function apply(db: HubDb, step: AlertStep, rule: Pick<AlertRuleRow, 'id' | 'name' | 'condition'>, kiosk: JudgedKiosk, live: AlertRow | undefined, since: string | null, now: Date): Promise<'opened' | 'resolved' | null> {
  const at = now.toISOString();
  const device = { label: kiosk.device.label, site: kiosk.device.site };
  const tenantId = kiosk.device.tenantId;
  if (step === 'start-pending' || step === 'open-new') {
    const opening = step === 'open-new';
    const row: AlertRow = {
      id: randomId('alert'),
      tenant_id: tenantId,
      rule_id: rule.id,
      rule_name: rule.name,
      condition: AlertConditionSchema.parse(rule.condition),
      device_id: kiosk.device.id,
      state: opening ? 'open' : 'pending',
      active_key: activeKey(rule.id, kiosk.device.id),
      since: since ?? at,
      opened_at: opening ? at : null,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      updated_at: at,
    };
    return db.transaction().execute(async (trx) => {
      const inserted = await tables(trx).insertInto('fleet_alerts').values(row).onConflict((oc) => oc.column('active_key').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1 || !opening) return null;
      await enqueueDelivery(trx, 'alert.opened', alertView(row, device), tenantId, now);
      return 'opened';
    });
  }
  if (live === undefined) return null;
  if (step === 'drop-pending') {
    await tables(db).deleteFrom('fleet_alerts').where('id', '=', live.id).where('state', '=', 'pending').execute();
    return null;
  }
  if (step === 'open' || step === 'resolve') {
    const set = step === 'open' ? { state: 'open' as const, opened_at: at, updated_at: at } : { state: 'resolved' as const, active_key: null, resolved_at: at, updated_at: at };
    const from = step === 'open' ? (['pending'] as const) : (['open', 'acknowledged'] as const);
    return db.transaction().execute(async (trx) => {
      const updated = await tables(trx).updateTable('fleet_alerts').set(set).where('id', '=', live.id).where('state', 'in', [...from]).executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return null;
      await enqueueDelivery(trx, step === 'open' ? 'alert.opened' : 'alert.resolved', alertView({ ...live, ...set }, device), tenantId, now);
      return step === 'open' ? 'opened' : 'resolved';
    });
  }
  return null;
}

/** One municipality (or one kiosk of it) at `now`. Cheap when it has neither rules nor live alerts. */
export async function evaluateTenantAlerts(db: HubDb, scope: Scope, now: Date, policy: KioskStatusPolicy = DEFAULT_STATUS_POLICY): Promise<AlertRun> {
  const rules = await enabledRules(db, scope.tenantId);
  const live = await liveAlerts(db, scope);
  if (rules.length === 0 && live.length === 0) return { opened: 0, resolved: 0 };
  const devices = await devicesWithLatest(db, { tenantId: scope.tenantId, site: null, includeRevoked: false, ...(scope.deviceId === undefined ? {} : { deviceId: scope.deviceId }) });
  const judged = await judgeDevices(db, scope.tenantId, devices, now, policy);
  const offline = await offlineRaised(db, scope);
  const calls = await oldestOpenCalls(db, scope);
  const liveByKey = new Map(live.map((row) => [row.active_key ?? '', row]));
  const visited = new Set<string>();
  let opened = 0;
  let resolved = 0;
  const count = (outcome: 'opened' | 'resolved' | null) => {
    if (outcome === 'opened') opened += 1;
    if (outcome === 'resolved') resolved += 1;
  };

  for (const rule of rules) {
    const condition = AlertConditionSchema.parse(rule.condition);
    for (const kiosk of judged) {
      if (rule.site !== null && kiosk.device.site !== rule.site) continue;
      const key = activeKey(rule.id, kiosk.device.id);
      visited.add(key);
      const current = liveByKey.get(key);
      const observation = observe(
        { condition, threshold: rule.threshold },
        { judged: kiosk, offlineRaisedAt: offline.get(kiosk.device.id) ?? null, oldestOpenStaffCallAt: calls.get(kiosk.device.id) ?? null },
      );
      const step = alertStep(current === undefined || current.state === 'resolved' ? undefined : { state: current.state, since: current.since }, observation, rule.minutes, now);
      count(await apply(db, step, rule, kiosk, current, observation.holds === true ? observation.since : null, now));
    }
  }

  // Live alerts no rule looked at: rule deleted, disabled or narrowed to another site, kiosk revoked.
  const byId = new Map(judged.map((k) => [k.device.id, k]));
  for (const row of live) {
    if (visited.has(row.active_key ?? '')) continue;
    const kiosk = byId.get(row.device_id);
    const step: AlertStep = row.state === 'pending' ? 'drop-pending' : 'resolve';
    if (kiosk === undefined) {
      // Revoked kiosk: resolve without a device view of its own.
      const at = now.toISOString();
      await tables(db).updateTable('fleet_alerts').set({ state: 'resolved', active_key: null, resolved_at: at, updated_at: at }).where('id', '=', row.id).where('active_key', 'is not', null).execute();
      if (row.state !== 'pending') resolved += 1;
      continue;
    }
    count(await apply(db, step, { id: row.rule_id, name: row.rule_name, condition: row.condition }, kiosk, row, null, now));
  }
  return { opened, resolved };
}

/** The periodic sweep: every municipality with rules or live alerts. */
export async function sweepAlerts(db: HubDb, now: Date, policy: KioskStatusPolicy = DEFAULT_STATUS_POLICY): Promise<AlertRun> {
  const withRules = await tables(db).selectFrom('fleet_alert_rules').select('tenant_id').where('enabled', '=', 1).distinct().execute();
  const withLive = await tables(db).selectFrom('fleet_alerts').select('tenant_id').where('active_key', 'is not', null).distinct().execute();
  const tenants = new Set([...withRules, ...withLive].map((r) => r.tenant_id));
  let opened = 0;
  let resolved = 0;
  for (const tenantId of tenants) {
    const run = await evaluateTenantAlerts(db, { tenantId }, now, policy);
    opened += run.opened;
    resolved += run.resolved;
  }
  return { opened, resolved };
}

/** Logger shape of Fastify's request.log (errors by code only). */
interface ErrorLog {
  error(object: object, message: string): void;
}

/**
 * The heartbeat route's hook: judged at the heartbeat's own receive time. A failure here is
 * logged and swallowed: the kiosk's report is stored already and the sweep will catch up.
 */
export async function evaluateAlertsOnHeartbeat(db: HubDb, device: { id: string; tenantId: string }, receivedAt: Date, log: ErrorLog): Promise<void> {
  try {
    await evaluateTenantAlerts(db, { tenantId: device.tenantId, deviceId: device.id }, receivedAt);
  } catch (error) {
    const e = error as { name?: string; code?: string };
    log.error({ error: { type: e.name, code: e.code } }, 'alert rules could not be evaluated on a heartbeat; the sweep will retry');
  }
}
