import type { HubDb } from '../../db/database.js';
import { randomId } from '../../security/tokens.js';
import type { SessionUser } from '../auth/service.js';
import { insertAuditRow, listAuditRows, listCaseAuditRows } from './audit-repository.js';
import type { AuditQuery, AuditRow } from './audit-repository.js';

export type { AuditRow } from './audit-repository.js';

/** Who acted, and from where (the socket address; the hub does not trust proxy headers). */
export interface Actor {
  readonly user: SessionUser;
  readonly ip: string | null;
  /** Set when the change is one of a bulk change: every audit row of it then carries this id. */
  readonly bulkId?: string;
}

/** Only identifiers, codes, states and flags: the audit log never holds what a person typed. */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

/** What an audit row is about. One list, so the console's audit page can name every kind. */
export type AuditTargetType = 'case' | 'api-key' | 'device' | 'fleet-job' | 'rollout' | 'dead-letter' | 'device-config' | 'office' | 'user' | 'alert' | 'alert-rule' | 'alert-webhook' | 'service' | 'content';

export interface AuditEntry {
  readonly action: string;
  readonly targetType: AuditTargetType;
  readonly targetId: string;
  readonly details: AuditDetails;
  readonly at: Date;
}

/**
 * Appends one audit row. Call it with the transaction that makes the change, so the change and
 * its trail commit or roll back together.
 */
export async function recordAudit(db: HubDb, actor: Actor, entry: AuditEntry): Promise<void> {
  await insertAuditRow(db, {
    id: randomId('audit'),
    tenant_id: actor.user.tenantId,
    actor_id: actor.user.userId,
    actor_name: actor.user.username,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    details: JSON.stringify(actor.bulkId === undefined ? entry.details : { ...entry.details, bulk: actor.bulkId }),
    ip: actor.ip,
    created_at: entry.at.toISOString(),
  });
}

export async function auditTrail(db: HubDb, tenantId: string, query: AuditQuery): Promise<AuditRow[]> {
  return listAuditRows(db, tenantId, query);
}

export async function caseAuditTrail(db: HubDb, tenantId: string, caseId: string): Promise<AuditRow[]> {
  return listCaseAuditRows(db, tenantId, caseId);
}

export function parseDetails(row: AuditRow): AuditDetails {
  return JSON.parse(row.details) as AuditDetails;
}
