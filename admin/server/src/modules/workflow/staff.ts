import type { HubDb } from '../../db/database.js';
import type { SessionUser } from '../auth/service.js';
import { listStaff } from './case-repository.js';
import { CASE_READERS, CASE_WRITERS, requireRole } from './roles.js';

/** Who a case may be assigned to: the municipality's enabled case handlers. */
export async function assignableStaff(db: HubDb, user: SessionUser) {
  requireRole(user, CASE_READERS, 'read cases');
  const rows = await listStaff(db, user.tenantId, [...CASE_WRITERS]);
  return rows.map((row) => ({ id: row.id, username: row.username, role: row.role }));
}
