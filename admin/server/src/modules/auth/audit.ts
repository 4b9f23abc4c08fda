import type { HubDb } from '../../db/database.js';
import { recordAudit } from '../workflow/audit.js';
import type { AuditDetails } from '../workflow/audit.js';
import type { SessionUser } from './service.js';

/**
 * Sign-in events in the audit log. The actor is the account the attempt was for (the only name
 * known); details carry codes and counts only, never a password, code or secret.
 */
export async function auditAuth(db: HubDb, user: SessionUser, ip: string, action: string, details: AuditDetails = {}, at = new Date()): Promise<void> {
  await recordAudit(db, { user, ip: ip === '' ? null : ip }, { action, targetType: 'user', targetId: user.userId, details, at });
}
