import type { CasePersonalData } from '@kiosk/shared';
import type { HubDb } from '../../db/database.js';
import { forbidden, notFound } from '../../http/problems.js';
import { recordAudit } from './audit.js';
import type { Actor } from './audit.js';
import { resolveCaseId } from './case-queries.js';
import { findPersonalColumns } from './case-repository.js';
import type { Clock } from './case-changes.js';
import { seesPersonalData } from './roles.js';

/**
 * The citizen's words and contact, on a case handler's explicit request only. The audit row
 * (who, which case, when; none of the data) is written in the same transaction as the read, so
 * nobody sees the data without the log recording it.
 */
export async function revealPersonalData(db: HubDb, actor: Actor, idOrReference: string, clock: Clock = () => new Date()): Promise<CasePersonalData> {
  if (!seesPersonalData(actor.user)) throw forbidden('role', `the ${actor.user.role} role may not see a citizen's personal data`);
  const id = await resolveCaseId(db, actor.user.tenantId, idOrReference);
  return db.transaction().execute(async (trx) => {
    const row = await findPersonalColumns(trx, actor.user.tenantId, id);
    if (row === undefined) throw notFound('unknown-request', 'no request has this id or reference');
    await recordAudit(trx, actor, { action: 'case.personal-data-viewed', targetType: 'case', targetId: id, details: {}, at: clock() });
    return { description: row.description, firstName: row.first_name, lastName: row.last_name, email: row.email, phone: row.phone };
  });
}
