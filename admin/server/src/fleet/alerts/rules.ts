import { AlertConditionSchema } from '@kiosk/shared';
import type { AlertRule, AlertRuleInputSchema } from '@kiosk/shared';
import type { z } from 'zod';
import type { HubDb } from '../../db/database.js';
import { notFound } from '../../http/problems.js';
import { randomId } from '../../security/tokens.js';
import { siteForNew, siteScopeOf } from '../../modules/auth/scope.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { recordAudit } from '../../modules/workflow/audit.js';
import type { Actor } from '../../modules/workflow/audit.js';
import { requireRole } from '../../modules/workflow/roles.js';
import { ALERT_EDITORS, ALERT_READERS } from './access.js';
import type { AlertTables } from './tables.js';

/** Alert rules of one municipality: the only SQL on fleet_alert_rules, and its audited changes. */

type RuleInput = z.output<typeof AlertRuleInputSchema>;
export type AlertRuleRow = AlertTables['fleet_alert_rules'];

const tables = (db: HubDb) => db.withTables<AlertTables>();

export function ruleView(row: AlertRuleRow): AlertRule {
  return {
    id: row.id,
    name: row.name,
    condition: AlertConditionSchema.parse(row.condition),
    minutes: row.minutes,
    threshold: row.threshold,
    site: row.site,
    enabled: row.enabled === 1,
    updatedAt: row.updated_at,
  };
}

/** Rule details for the audit trail: codes and numbers, the name staff typed stays out. */
const auditDetails = (rule: RuleInput) => ({ condition: rule.condition, minutes: rule.minutes, threshold: rule.threshold, site: rule.site, enabled: rule.enabled });

export async function enabledRules(db: HubDb, tenantId?: string): Promise<AlertRuleRow[]> {
  let query = tables(db).selectFrom('fleet_alert_rules').selectAll().where('enabled', '=', 1);
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
  return query.orderBy('created_at').orderBy('id').execute();
}

/** A staff member scoped to one site sees and changes only that site's rules (a rule for every site is the municipality's). */
export async function listRules(db: HubDb, user: SessionUser): Promise<AlertRule[]> {
  requireRole(user, ALERT_READERS, 'see alert rules');
  const site = siteScopeOf(user);
  let query = tables(db).selectFrom('fleet_alert_rules').selectAll().where('tenant_id', '=', user.tenantId);
  if (site !== null) query = query.where('site', '=', site);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(ruleView);
}

async function requireTenantRule(db: HubDb, user: SessionUser, id: string): Promise<AlertRuleRow> {
  const row = await tables(db).selectFrom('fleet_alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
  const site = siteScopeOf(user);
  if (row === undefined || row.tenant_id !== user.tenantId || (site !== null && row.site !== site)) throw notFound('alert-rule-not-found', `no alert rule ${id} in this municipality`);
  return row;
}

export async function createRule(db: HubDb, actor: Actor, requested: RuleInput, now: Date): Promise<AlertRule> {
  requireRole(actor.user, ALERT_EDITORS, 'change alert rules');
  const input = { ...requested, site: siteForNew(actor.user, requested.site, 'set alert rules') };
  const at = now.toISOString();
  const row: AlertRuleRow = {
    id: randomId('alertrule'),
    tenant_id: actor.user.tenantId,
    name: input.name,
    condition: input.condition,
    minutes: input.minutes,
    threshold: input.threshold,
    site: input.site,
    enabled: input.enabled ? 1 : 0,
    created_by: actor.user.userId,
    created_at: at,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    await tables(trx).insertInto('fleet_alert_rules').values(row).execute();
    await recordAudit(trx, actor, { action: 'alert-rule.created', targetType: 'alert-rule', targetId: row.id, details: auditDetails(input), at: now });
  });
  return ruleView(row);
}

/**
 * A changed rule keeps its live alerts: the next evaluation judges them by the new condition
 * (a cleared one resolves), so nothing is silently lost.
 */
export async function updateRule(db: HubDb, actor: Actor, id: string, requested: RuleInput, now: Date): Promise<AlertRule> {
  requireRole(actor.user, ALERT_EDITORS, 'change alert rules');
  await requireTenantRule(db, actor.user, id);
  const input = { ...requested, site: siteForNew(actor.user, requested.site, 'set alert rules') };
  const set = { name: input.name, condition: input.condition, minutes: input.minutes, threshold: input.threshold, site: input.site, enabled: input.enabled ? (1 as const) : (0 as const), updated_at: now.toISOString() };
  await db.transaction().execute(async (trx) => {
    await tables(trx).updateTable('fleet_alert_rules').set(set).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'alert-rule.updated', targetType: 'alert-rule', targetId: id, details: auditDetails(input), at: now });
  });
  return ruleView(await requireTenantRule(db, actor.user, id));
}

/** Deleting a rule: its alerts stay in the inbox; the sweep resolves the live ones (rule gone). */
export async function deleteRule(db: HubDb, actor: Actor, id: string, now: Date): Promise<void> {
  requireRole(actor.user, ALERT_EDITORS, 'change alert rules');
  const row = await requireTenantRule(db, actor.user, id);
  await db.transaction().execute(async (trx) => {
    await tables(trx).deleteFrom('fleet_alert_rules').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'alert-rule.deleted', targetType: 'alert-rule', targetId: id, details: { condition: row.condition }, at: now });
  });
}

