import type { HubDb } from '../../db/database.js';
import type { CaseRow } from '../cases/repository.js';
import { deleteContactPreferences } from './contact-repository.js';
import { scrubCaseNotifications } from './outbox-repository.js';
import { attributeDatatypes, blankCase, markAnonymised } from './privacy-repository.js';
import type { CaseAnonymisationsTable } from './tables.js';

/**
 * Answers of these datatypes are picked from the service's own lists or are numbers and dates:
 * they describe the problem, not the person, and keep the statistics meaningful. Free text
 * (`string`, `text`) and anything without a definition goes.
 */
export const KEPT_ATTRIBUTE_DATATYPES: ReadonlySet<string> = new Set(['singlevaluelist', 'multivaluelist', 'number', 'datetime']);

function keptAttributes(serviceCode: string, json: string, datatypes: ReadonlyMap<string, string>): string {
  let answers: Record<string, unknown>;
  try {
    answers = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return '{}';
  }
  const kept = Object.entries(answers ?? {}).filter(([code]) => KEPT_ATTRIBUTE_DATATYPES.has(datatypes.get(`${serviceCode}\u0000${code}`) ?? ''));
  return JSON.stringify(Object.fromEntries(kept));
}

/**
 * Removes the personal data of these cases: the contact and free-text fields, the contact
 * preference (and its ID-document hash), and the addresses and texts of their notifications.
 * The case itself, its status history and its timing stay (the figures depend on them).
 * Call inside a transaction.
 */
export async function anonymiseCases(
  db: HubDb,
  tenantId: string,
  cases: readonly Pick<CaseRow, 'id' | 'service_code' | 'attributes'>[],
  reason: CaseAnonymisationsTable['reason'],
  at: Date,
): Promise<number> {
  if (cases.length === 0) return 0;
  const iso = at.toISOString();
  const datatypes = await attributeDatatypes(db, tenantId);
  for (const row of cases) {
    await blankCase(db, tenantId, row.id, keptAttributes(row.service_code, row.attributes, datatypes), iso);
    await markAnonymised(db, { tenant_id: tenantId, request_id: row.id, reason, anonymised_at: iso });
  }
  const ids = cases.map((c) => c.id);
  await deleteContactPreferences(db, tenantId, ids);
  await scrubCaseNotifications(db, tenantId, ids);
  return cases.length;
}
