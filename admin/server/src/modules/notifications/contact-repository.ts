import type { HubDb } from '../../db/database.js';
import type { CaseContactPreferencesTable, NotificationTables } from './tables.js';

/** The only SQL on case_contact_preferences. */

export type ContactPreferenceRow = CaseContactPreferencesTable;

const tables = (db: HubDb) => db.withTables<NotificationTables>();

export async function upsertContactPreference(db: HubDb, row: ContactPreferenceRow): Promise<void> {
  await tables(db)
    .insertInto('case_contact_preferences')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'request_id']).doUpdateSet({
        channel: row.channel,
        consent: row.consent,
        locale: row.locale,
        // A later update without a document keeps the one already on file.
        id_document_hash: (eb) => eb.fn.coalesce(eb.ref('excluded.id_document_hash'), eb.ref('case_contact_preferences.id_document_hash')),
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function findContactPreference(db: HubDb, tenantId: string, requestId: string): Promise<ContactPreferenceRow | undefined> {
  return tables(db)
    .selectFrom('case_contact_preferences')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

export async function listContactPreferences(db: HubDb, tenantId: string, requestIds: readonly string[]): Promise<ContactPreferenceRow[]> {
  if (requestIds.length === 0) return [];
  return tables(db)
    .selectFrom('case_contact_preferences')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('request_id', 'in', [...requestIds])
    .execute();
}

export async function deleteContactPreferences(db: HubDb, tenantId: string, requestIds: readonly string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await tables(db).deleteFrom('case_contact_preferences').where('tenant_id', '=', tenantId).where('request_id', 'in', [...requestIds]).execute();
}
