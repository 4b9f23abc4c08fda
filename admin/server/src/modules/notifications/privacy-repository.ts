import { sql } from 'kysely';
import type { HubDb } from '../../db/database.js';
import type { CaseRow } from '../cases/repository.js';
import type { CaseAnonymisationsTable, NotificationTables, PrivacyAuditTable } from './tables.js';

/** SQL for retention, export and erasure: which cases, and wiping their personal fields. */

const tables = (db: HubDb) => db.withTables<NotificationTables>();

export async function listTenantIds(db: HubDb): Promise<string[]> {
  const rows = await db.selectFrom('tenants').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function findRetentionDays(db: HubDb, tenantId: string): Promise<number | undefined> {
  const row = await tables(db).selectFrom('retention_policies').select('closed_case_days').where('tenant_id', '=', tenantId).executeTakeFirst();
  return row === undefined ? undefined : Number(row.closed_case_days);
}

export async function upsertRetentionDays(db: HubDb, tenantId: string, days: number, at: string): Promise<void> {
  await tables(db)
    .insertInto('retention_policies')
    .values({ tenant_id: tenantId, closed_case_days: days, updated_at: at })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ closed_case_days: days, updated_at: at }))
    .execute();
}

/**
 * Closed cases not yet anonymised whose last change is before `cutoff`. A case's last change is
 * its closing unless staff touched it afterwards, so this never takes a case too early.
 */
export async function listExpiredClosedCases(db: HubDb, tenantId: string, cutoff: string, limit: number): Promise<Pick<CaseRow, 'id' | 'service_code' | 'attributes'>[]> {
  return tables(db)
    .selectFrom('service_requests as r')
    .leftJoin('case_anonymisations as a', (join) => join.onRef('a.tenant_id', '=', 'r.tenant_id').onRef('a.request_id', '=', 'r.id'))
    .select(['r.id', 'r.service_code', 'r.attributes'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.status', '=', 'closed')
    .where('r.updated_at', '<', cutoff)
    .where('a.request_id', 'is', null)
    .orderBy('r.updated_at')
    .limit(limit)
    .execute();
}

/** (service_code, attribute code) -> datatype, for the tenant's definitions. */
export async function attributeDatatypes(db: HubDb, tenantId: string): Promise<Map<string, string>> {
  const rows = await db
    .withTables<{ service_attributes: { tenant_id: string; service_code: string; code: string; datatype: string } }>()
    .selectFrom('service_attributes')
    .select(['service_code', 'code', 'datatype'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((r) => [`${r.service_code}\u0000${r.code}`, r.datatype]));
}

/** Blanks every personal field of one case; `attributes` is what may stay of its answers. */
export async function blankCase(db: HubDb, tenantId: string, id: string, attributes: string, at: string): Promise<void> {
  await db
    .updateTable('service_requests')
    .set({
      first_name: null,
      last_name: null,
      email: null,
      phone: null,
      description: null,
      account_id: null,
      media_url: null,
      client_device_id: null,
      attributes,
      updated_at: at,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function markAnonymised(db: HubDb, row: CaseAnonymisationsTable): Promise<void> {
  await tables(db)
    .insertInto('case_anonymisations')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'request_id']).doUpdateSet({ reason: row.reason, anonymised_at: row.anonymised_at }))
    .execute();
}

export async function insertPrivacyAudit(db: HubDb, row: PrivacyAuditTable): Promise<void> {
  await tables(db).insertInto('privacy_audit').values(row).execute();
}

export async function listPrivacyAudit(db: HubDb, tenantId: string, limit: number): Promise<PrivacyAuditTable[]> {
  return tables(db).selectFrom('privacy_audit').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function listCasesByDocumentHash(db: HubDb, tenantId: string, hash: string): Promise<CaseRow[]> {
  return tables(db)
    .selectFrom('service_requests as r')
    .innerJoin('case_contact_preferences as p', (join) => join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.request_id', '=', 'r.id'))
    .selectAll('r')
    .where('r.tenant_id', '=', tenantId)
    .where('p.id_document_hash', '=', hash)
    .orderBy('r.requested_at')
    .execute();
}

/** Cases with this e-mail, except those whose citizen gave an ID document: those need the document. */
export async function listCasesByEmail(db: HubDb, tenantId: string, email: string): Promise<CaseRow[]> {
  return tables(db)
    .selectFrom('service_requests as r')
    .leftJoin('case_contact_preferences as p', (join) => join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.request_id', '=', 'r.id'))
    .selectAll('r')
    .where('r.tenant_id', '=', tenantId)
    .where(sql<string>`lower(r.email)`, '=', email.toLowerCase())
    .where('p.id_document_hash', 'is', null)
    .orderBy('r.requested_at')
    .execute();
}
