import type { HubDb } from '../../db/database.js';
import { recordAudit } from '../workflow/audit.js';
import type { Actor, AuditDetails } from '../workflow/audit.js';

/**
 * Audit rows about kiosks (enrolment approved or rejected, revocation), in the same append-only
 * log as cases and API keys. Details are ids, labels an admin chose and states: never citizen data.
 */
export async function recordDeviceAudit(db: HubDb, actor: Actor, action: string, targetId: string, details: AuditDetails, at: Date): Promise<void> {
  await recordAudit(db, actor, { action, targetType: 'device', targetId, details, at });
}
