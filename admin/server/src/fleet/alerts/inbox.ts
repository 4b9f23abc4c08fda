import { AlertConditionSchema } from '@kiosk/shared';
import type { Alert, AlertState } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { HubProblem, notFound } from '../../http/problems.js';
import { siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import type { Actor } from '../../modules/workflow/audit.js';
import { requireRole } from '../../modules/workflow/roles.js';
import { acknowledgeStaffCall } from '../analytics/repository.js';
import type { IntakeTables } from '../analytics/tables.js';
import { ALERT_EDITORS, ALERT_READERS } from './access.js';
import type { AlertTables } from './tables.js';

/**
 * The in-app inbox: alerts of the rules, and the kiosks' calls for staff (analytics/, issue 6)
 * in the same list, so an operator has one place to look. Acknowledging is audited.
 */

const tables = (db: HubDb) => db.withTables<AlertTables & IntakeTables>();
export type AlertRow = AlertTables['fleet_alerts'];

/** Pending rows (condition seen, not long enough yet) are not alerts and never leave the hub. */
export function alertView(row: AlertRow, device: { label: string | null; site: string | null }): Alert {
  return {
    id: row.id,
    source: 'rule',
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    condition: AlertConditionSchema.parse(row.condition),
    deviceId: row.device_id,
    deviceLabel: device.label,
    site: device.site,
    state: row.state === 'pending' ? 'open' : row.state,
    openedAt: row.opened_at ?? row.since,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: row.resolved_at,
  };
}

const INBOX_LIMIT = 200;

/** `site` (not null) keeps only that site's kiosks' entries: a staff member scoped to one site. */
async function ruleAlerts(db: HubDb, tenantId: string, state: AlertState | undefined, site: string | null): Promise<Alert[]> {
  let query = tables(db)
    .selectFrom('fleet_alerts')
    .leftJoin('devices', 'devices.id', 'fleet_alerts.device_id')
    .selectAll('fleet_alerts')
    .select(['devices.label', 'devices.site'])
    .where('fleet_alerts.tenant_id', '=', tenantId)
    .where('fleet_alerts.state', '!=', 'pending');
  if (state !== undefined) query = query.where('fleet_alerts.state', '=', state);
  if (site !== null) query = query.where('devices.site', '=', site);
  const rows = await query.orderBy('fleet_alerts.updated_at', 'desc').orderBy('fleet_alerts.id').limit(INBOX_LIMIT).execute();
  return rows.map((row) => alertView(row, { label: row.label, site: row.site }));
}

/** Staff calls are answered (acknowledged) but never resolve by themselves. */
async function staffCalls(db: HubDb, tenantId: string, state: AlertState | undefined, site: string | null): Promise<Alert[]> {
  if (state === 'resolved') return [];
  let query = tables(db)
    .selectFrom('kiosk_staff_calls')
    .leftJoin('devices', 'devices.id', 'kiosk_staff_calls.device_id')
    .select(['kiosk_staff_calls.id', 'kiosk_staff_calls.device_id', 'kiosk_staff_calls.received_at', 'kiosk_staff_calls.acknowledged_at', 'kiosk_staff_calls.acknowledged_by', 'devices.label', 'devices.site'])
    .where('kiosk_staff_calls.tenant_id', '=', tenantId);
  if (state === 'open') query = query.where('kiosk_staff_calls.acknowledged_at', 'is', null);
  if (state === 'acknowledged') query = query.where('kiosk_staff_calls.acknowledged_at', 'is not', null);
  if (site !== null) query = query.where('devices.site', '=', site);
  const rows = await query.orderBy('kiosk_staff_calls.received_at', 'desc').limit(INBOX_LIMIT).execute();
  return rows.map((row) => ({
    id: row.id,
    source: 'staff-call' as const,
    ruleId: null,
    ruleName: null,
    condition: 'staff-call' as const,
    deviceId: row.device_id,
    deviceLabel: row.label,
    site: row.site,
    state: row.acknowledged_at === null ? ('open' as const) : ('acknowledged' as const),
    openedAt: row.received_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: null,
  }));
}

/** Newest activity first; `state` narrows it (none: open, acknowledged and resolved together). */
export async function listInbox(db: HubDb, user: SessionUser, state: AlertState | undefined): Promise<Alert[]> {
  requireRole(user, ALERT_READERS, 'see kiosk alerts');
  const site = siteScopeOf(user);
  const all = [...(await ruleAlerts(db, user.tenantId, state, site)), ...(await staffCalls(db, user.tenantId, state, site))];
  const latest = (a: Alert) => a.resolvedAt ?? a.acknowledgedAt ?? a.openedAt;
  return all.sort((a, b) => (latest(a) < latest(b) ? 1 : latest(a) > latest(b) ? -1 : 0)).slice(0, INBOX_LIMIT);
}

/** The site of the kiosk behind a rule's alert or a staff call of the tenant; undefined when neither has this id. */
async function entrySite(db: HubDb, tenantId: string, id: string): Promise<{ site: string | null } | undefined> {
  const alert = await tables(db)
    .selectFrom('fleet_alerts')
    .leftJoin('devices', 'devices.id', 'fleet_alerts.device_id')
    .select('devices.site')
    .where('fleet_alerts.id', '=', id)
    .where('fleet_alerts.tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (alert !== undefined) return alert;
  return tables(db)
    .selectFrom('kiosk_staff_calls')
    .leftJoin('devices', 'devices.id', 'kiosk_staff_calls.device_id')
    .select('devices.site')
    .where('kiosk_staff_calls.id', '=', id)
    .where('kiosk_staff_calls.tenant_id', '=', tenantId)
    .executeTakeFirst();
}

export async function acknowledgeAlert(db: HubDb, actor: Actor, id: string, now: Date): Promise<void> {
  requireRole(actor.user, ALERT_EDITORS, 'acknowledge kiosk alerts');
  const tenantId = actor.user.tenantId;
  const at = now.toISOString();
  const scope = siteScopeOf(actor.user);
  // Another site's entry (a staff member scoped to one site) is as unknown as a missing one.
  if (scope !== null && (await entrySite(db, tenantId, id))?.site !== scope) throw notFound('alert-not-found', `no open alert ${id} in this municipality`);
  const row = await tables(db).selectFrom('fleet_alerts').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (row === undefined || row.state === 'pending') {
    // Not a rule's alert: perhaps a staff call from a kiosk (same inbox, same button).
    await db.transaction().execute(async (trx) => {
      if (!(await acknowledgeStaffCall(trx, tenantId, id, actor.user.username, now))) throw notFound('alert-not-found', `no open alert ${id} in this municipality`);
      await recordAudit(trx, actor, { action: 'alert.acknowledged', targetType: 'alert', targetId: id, details: { source: 'staff-call' }, at: now });
    });
    return;
  }
  if (row.state !== 'open') throw new HubProblem(409, `alert-${row.state}`, `the alert is already ${row.state}`);
  await db.transaction().execute(async (trx) => {
    const result = await tables(trx)
      .updateTable('fleet_alerts')
      .set({ state: 'acknowledged', acknowledged_at: at, acknowledged_by: actor.user.username, updated_at: at })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new HubProblem(409, 'alert-changed', 'the alert changed meanwhile: reload the inbox');
    await recordAudit(trx, actor, { action: 'alert.acknowledged', targetType: 'alert', targetId: id, details: { source: 'rule', condition: row.condition, deviceId: row.device_id }, at: now });
  });
}
